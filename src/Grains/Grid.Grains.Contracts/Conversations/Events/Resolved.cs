namespace Grid.Conversations.Events;

/// <summary>The conversation is resolved, by an agent (or by the bot when <see cref="AgentId"/> is null).</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.Resolved")]
public sealed record Resolved(
    [property: Id(0)] string? AgentId,
    [property: Id(1)] string Reason) : ConversationEvent;
