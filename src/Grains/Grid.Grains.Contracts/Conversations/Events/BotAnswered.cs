namespace Grid.Conversations.Events;

/// <summary>
/// The bot answered the customer, from a knowledge-base entry with a confidence when it matched one; its purpose says
/// what the message was ("answer", "clarify", "flow-start", "flow-prompt", "flow-invalid", "flow-end", …; null in
/// journals written before purposes were kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.BotAnswered")]
public sealed record BotAnswered(
    [property: Id(0)] string Text,
    [property: Id(1)] string? EntryId,
    [property: Id(2)] double? Confidence,
    [property: Id(3)] OutboundDelivery Delivery,
    [property: Id(4)] string? Purpose = null) : ConversationEvent;
