namespace Grid;

/// <summary>
/// A page of a tenant's live conversations: optionally only those with a status, in a queue or assigned to an agent,
/// after a cursor (null: from the start), at most <see cref="Limit"/> (1 to <see cref="MaxLimit"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.LiveConversationQuery")]
public sealed record LiveConversationQuery(
    [property: Id(0)] ConversationStatus? Status,
    [property: Id(1)] string? Queue,
    [property: Id(2)] string? AssignedAgent,
    [property: Id(3)] LiveCursor? After,
    [property: Id(4)] int Limit)
{
    public const int MaxLimit = 200;
}
