namespace Grid;

/// <summary>The email headers Grid threads on.</summary>
[GenerateSerializer, Immutable, Alias("grid.EmailHeaders")]
public sealed record EmailHeaders(
    [property: Id(0)] string? Subject,
    [property: Id(1)] string? MessageId,
    [property: Id(2)] string? InReplyTo,
    [property: Id(3)] IReadOnlyList<string> References)
{
    /// <summary>
    /// Outbound only: the other addresses of the customer's side that wrote in the conversation (colleagues of one
    /// account), copied on a reply to the one who wrote last.
    /// </summary>
    [Id(4)] public IReadOnlyList<string> Cc { get; init; } = [];
}
