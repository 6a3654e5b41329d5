namespace Grid.Conversations;

/// <summary>
/// The small, snapshot part of a conversation. The history is in the journal; transitions are journaled too,
/// so <see cref="AppliedSeq"/> tells which journal entries this snapshot already reflects.
/// </summary>
[GenerateSerializer, Alias("grid.ConversationState")]
internal sealed class ConversationState
{
    [Id(0)] public string CustomerId { get; set; } = "";

    [Id(1)] public ConversationStatus Status { get; set; } = ConversationStatus.New;

    [Id(2)] public string? StatusReason { get; set; }

    [Id(3)] public Channel CurrentChannel { get; set; }

    [Id(4)] public ReplyRoute? ReplyTo { get; set; }

    [Id(5)] public string? AssignedAgent { get; set; }

    [Id(6)] public string? OfferedAgent { get; set; }

    [Id(7)] public string? OfferId { get; set; }

    [Id(8)] public List<string> Participants { get; set; } = [];

    [Id(9)] public string Queue { get; set; } = "default";

    [Id(10)] public DateTimeOffset OpenedAt { get; set; }

    [Id(11)] public DateTimeOffset? ResolvedAt { get; set; }

    [Id(12)] public long AppliedSeq { get; set; }

    [Id(13)] public EmailHeaders? LastEmail { get; set; }

    /// <summary>The customer's language as last detected ("fr" or "en").</summary>
    [Id(14)] public string? Language { get; set; }
}

/// <summary>Where replies go: the channel, address and integrator the customer last wrote from.</summary>
[GenerateSerializer, Immutable, Alias("grid.ReplyRoute")]
internal sealed record ReplyRoute(
    [property: Id(0)] Channel Channel,
    [property: Id(1)] string Address,
    [property: Id(2)] string Integrator);
