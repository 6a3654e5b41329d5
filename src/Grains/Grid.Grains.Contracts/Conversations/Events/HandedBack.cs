namespace Grid.Conversations.Events;

/// <summary>The assigned agent hands the conversation back to the bot, with a reason; the bot resumes afresh.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.HandedBack")]
public sealed record HandedBack(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Reason) : ConversationEvent;
