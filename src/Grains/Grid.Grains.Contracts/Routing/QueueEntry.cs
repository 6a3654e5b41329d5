namespace Grid;

/// <summary>
/// A conversation waiting for an agent (only <see cref="TargetAgent"/> when a transfer named one). <see cref="Requirements"/>
/// are the escalation's ("skill:billing:3", "language:fr", "sticky:ann", "due:&lt;unix ms&gt;"; see RoutingRequirements).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.QueueEntry")]
public sealed record QueueEntry(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] Channel Channel,
    [property: Id(3)] int Priority,
    [property: Id(4)] DateTimeOffset EnqueuedAt,
    [property: Id(5)] string Reason,
    [property: Id(6)] string? TargetAgent = null)
{
    [Id(7)] public IReadOnlyList<string> Requirements { get; init; } = [];

    /// <summary>Value equality, the requirements compared item by item.</summary>
    public bool Equals(QueueEntry? other) =>
        other is not null && ConversationId == other.ConversationId && CustomerId == other.CustomerId && Channel == other.Channel
        && Priority == other.Priority && EnqueuedAt == other.EnqueuedAt && Reason == other.Reason && TargetAgent == other.TargetAgent
        && Requirements.SequenceEqual(other.Requirements);

    public override int GetHashCode() => HashCode.Combine(ConversationId, Priority, EnqueuedAt);
}
