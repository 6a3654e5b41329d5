namespace Grid.Conversations.Events;

/// <summary>A resolved conversation is open again (the customer wrote within the reopen window).</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.Reopened")]
public sealed record Reopened([property: Id(0)] string Reason) : ConversationEvent;
