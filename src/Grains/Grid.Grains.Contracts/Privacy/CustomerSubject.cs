namespace Grid.Privacy;

/// <summary>
/// The customer a GDPR request is about: a customer id, or an address (email, phone, visitor id) on a channel, which
/// names the customer it resolves to. Exactly one of the two.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.CustomerSubject")]
public sealed record CustomerSubject(
    [property: Id(0)] string? CustomerId,
    [property: Id(1)] Channel? Channel = null,
    [property: Id(2)] string? Address = null);
