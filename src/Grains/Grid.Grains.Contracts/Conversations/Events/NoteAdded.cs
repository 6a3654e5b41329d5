namespace Grid.Conversations.Events;

/// <summary>
/// An internal note by a participant (agent, consultant, supervisor): visible to everyone working on the conversation,
/// never sent to the customer. <see cref="ClientNoteId"/> makes a retried call store it once.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.NoteAdded")]
public sealed record NoteAdded(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string Text,
    [property: Id(2)] string ClientNoteId) : ConversationEvent;
