namespace Grid;

/// <summary>An address linked to a customer, with the integrator it was last seen through.</summary>
[GenerateSerializer, Immutable, Alias("grid.LinkedAddress")]
public sealed record LinkedAddress(
    [property: Id(0)] Channel Channel,
    [property: Id(1)] string Address,
    [property: Id(2)] string Integrator,
    [property: Id(3)] DateTimeOffset LastSeenAt);
