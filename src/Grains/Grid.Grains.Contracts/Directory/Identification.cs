namespace Grid.CustomerDirectory;

/// <summary>
/// Who a message identifies: the customer, how sure (0 to 1) and the evidence (the reference or the domain that decided,
/// and where it was found). <see cref="Confident"/> matches link the sender's address; the others are suggestions for
/// an agent to confirm.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.CustomerIdentification")]
public sealed record CustomerIdentification(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] double Confidence,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Evidence,
    [property: Id(4)] bool Confident);

/// <summary>What identification found in a message: the references (canonical, by kind) and the match, if any.</summary>
[GenerateSerializer, Immutable, Alias("grid.IdentificationResult")]
public sealed record IdentificationResult(
    [property: Id(0)] IReadOnlyList<Triage.TriageReference> References,
    [property: Id(1)] CustomerIdentification? Match,
    [property: Id(2)] string? Unresolved = null);
