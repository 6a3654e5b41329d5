namespace Grid;

/// <summary>The email headers Grid threads on.</summary>
[GenerateSerializer, Immutable, Alias("grid.EmailHeaders")]
public sealed record EmailHeaders(
    [property: Id(0)] string? Subject,
    [property: Id(1)] string? MessageId,
    [property: Id(2)] string? InReplyTo,
    [property: Id(3)] IReadOnlyList<string> References);
