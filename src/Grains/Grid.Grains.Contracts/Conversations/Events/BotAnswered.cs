namespace Grid.Conversations.Events;

/// <summary>The bot answered the customer, from a knowledge-base entry with a confidence when it matched one.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.BotAnswered")]
public sealed record BotAnswered(
    [property: Id(0)] string Text,
    [property: Id(1)] string? EntryId,
    [property: Id(2)] double? Confidence,
    [property: Id(3)] OutboundDelivery Delivery) : ConversationEvent;
