namespace Grid.Conversations.Events;

/// <summary>
/// Someone joins the people working on the conversation: a consultant invited by the assigned agent (who may write
/// notes, and to the customer when <see cref="CanReply"/>), or a supervisor watching or joining.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.ParticipantJoined")]
public sealed record ParticipantJoined(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Role,
    [property: Id(2)] string? InvitedBy,
    [property: Id(3)] bool CanReply) : ConversationEvent;
