namespace Grid;

/// <summary>What a reader sees of a conversation.</summary>
[GenerateSerializer, Immutable, Alias("grid.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string CustomerId,
    [property: Id(3)] ConversationStatus Status,
    [property: Id(4)] Channel CurrentChannel,
    [property: Id(5)] string? AssignedAgent,
    [property: Id(6)] IReadOnlyList<string> Participants,
    [property: Id(7)] string Queue,
    [property: Id(8)] long LastSeq,
    [property: Id(9)] DateTimeOffset OpenedAt,
    [property: Id(10)] DateTimeOffset? ResolvedAt,
    [property: Id(11)] string? StatusReason,
    [property: Id(12)] string? OfferedAgent,
    [property: Id(13)] string Language,
    [property: Id(14)] DateTimeOffset? OfferExpiresAt = null,
    [property: Id(15)] IReadOnlyDictionary<string, string>? Facts = null,
    [property: Id(16)] int Priority = 0)
{
    /// <summary>Who works on it beside the assigned agent (consultants, supervisors who joined).</summary>
    [Id(17)]
    public IReadOnlyList<string> Collaborators { get; init; } = [];

    /// <summary>The customer's satisfaction rating (1 to 5) once they gave it.</summary>
    [Id(18)]
    public int? Csat { get; init; }

    /// <summary>When a person first wrote to the customer.</summary>
    [Id(19)]
    public DateTimeOffset? FirstResponseAt { get; init; }

    /// <summary>The conversation an agent merged this one into (docs/architecture.md, "Grouping").</summary>
    [Id(20)]
    public string? MergedInto { get; init; }

    /// <summary>Conversations an agent merged into this one (their entries are part of its history).</summary>
    [Id(21)]
    public IReadOnlyList<string> MergedFrom { get; init; } = [];

    /// <summary>The conversation an agent split this one from.</summary>
    [Id(22)]
    public string? SplitFrom { get; init; }

    /// <summary>The customer's addresses that wrote in it (colleagues of one account included).</summary>
    [Id(23)]
    public IReadOnlyList<string> Senders { get; init; } = [];
}
