namespace Grid.Triage;

/// <summary>A message to classify: its text, the email's subject when separate from it, and the channel.</summary>
[GenerateSerializer, Immutable, Alias("grid.TriageRequest")]
public sealed record TriageRequest(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Subject,
    [property: Id(2)] Channel? Channel,
    [property: Id(3)] string? Sender = null);

/// <summary>
/// What the tenant's category model says of a message, with the message's sentiment and language and the references the
/// tenant's patterns find in it and the customer the tenant's directory identifies (null: nobody).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.TriageClassification")]
public sealed record TriageClassification(
    [property: Id(0)] string Category,
    [property: Id(1)] double Probability,
    [property: Id(2)] IReadOnlyList<TriageAlternative> Alternatives,
    [property: Id(3)] string SentimentLabel,
    [property: Id(4)] double SentimentScore,
    [property: Id(5)] string Language,
    [property: Id(6)] long ModelVersion,
    [property: Id(7)] IReadOnlyList<TriageReference> References,
    [property: Id(8)] TriageCustomerMatch? Customer);

/// <summary>A category and its probability.</summary>
[GenerateSerializer, Immutable, Alias("grid.TriageAlternative")]
public sealed record TriageAlternative(
    [property: Id(0)] string Category,
    [property: Id(1)] double Probability);

/// <summary>A reference found in a message (an invoice, account, contract or order number), as typed and canonical.</summary>
[GenerateSerializer, Immutable, Alias("grid.TriageReference")]
public sealed record TriageReference(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Value,
    [property: Id(2)] string Canonical);

/// <summary>The customer a message identifies, how sure, and what decided it.</summary>
[GenerateSerializer, Immutable, Alias("grid.TriageCustomerMatch")]
public sealed record TriageCustomerMatch(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] double Confidence,
    [property: Id(2)] string Evidence,
    [property: Id(3)] string Kind = "");
