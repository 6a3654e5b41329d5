namespace Grid.Conversations.Events;

/// <summary>A pipeline step learned facts about the conversation (category, references, ...); an empty value removes a fact.</summary>
[GenerateSerializer, Immutable, Alias("grid.ev.FactsSet")]
public sealed record FactsSet(
    [property: Id(0)] string Step,
    [property: Id(1)] IReadOnlyDictionary<string, string> Facts) : ConversationEvent;
