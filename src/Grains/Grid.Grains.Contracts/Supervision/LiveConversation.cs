namespace Grid;

/// <summary>
/// A conversation that is not closed, as the tenant's index of live conversations holds it (docs/architecture.md, "Where
/// state lives"): written with the journal unit that changes one of these fields, deleted with the unit that closes it.
/// <see cref="UpdatedAt"/> is when one of them last changed (not every message changes the row).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.LiveConversation")]
public sealed record LiveConversation(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] ConversationStatus Status,
    [property: Id(3)] string? StatusReason,
    [property: Id(4)] string Queue,
    [property: Id(5)] string? AssignedAgent,
    [property: Id(6)] int Priority,
    [property: Id(7)] Channel Channel,
    [property: Id(8)] string? Language,
    [property: Id(9)] DateTimeOffset OpenedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] DateTimeOffset? WaitingSince);
