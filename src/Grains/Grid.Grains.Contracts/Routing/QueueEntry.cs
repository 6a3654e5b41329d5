namespace Grid;

/// <summary>A conversation waiting for an agent (only <see cref="TargetAgent"/> when a transfer named one).</summary>
[GenerateSerializer, Immutable, Alias("grid.QueueEntry")]
public sealed record QueueEntry(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] Channel Channel,
    [property: Id(3)] int Priority,
    [property: Id(4)] DateTimeOffset EnqueuedAt,
    [property: Id(5)] string Reason,
    [property: Id(6)] string? TargetAgent = null);
