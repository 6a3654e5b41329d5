namespace Grid.Bot;

/// <summary>
/// One entry of a tenant's knowledge base: phrasings of the question and the answer per language ("fr", "en", …),
/// tags, and an optional slot-filling flow. Its JSON form (import/export) is
/// <c>{"id", "tags": [..], "questions": {"fr": [..], "en": [..]}, "answers": {"fr": "..", "en": ".."}, "flow": ..}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.KnowledgeEntry")]
public sealed record KnowledgeEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<string> Tags,
    [property: Id(2)] IReadOnlyDictionary<string, IReadOnlyList<string>> Questions,
    [property: Id(3)] IReadOnlyDictionary<string, string> Answers,
    [property: Id(4)] KnowledgeFlow? Flow = null);

/// <summary>
/// A small declarative flow attached to an entry: the slots to collect in order, a confirmation, and how it ends
/// ("answer": the entry's answer after the confirmation; "escalate": to <see cref="Queue"/> with the slots; "task":
/// a task for an agent).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.KnowledgeFlow")]
public sealed record KnowledgeFlow(
    [property: Id(0)] IReadOnlyList<FlowSlot> Slots,
    [property: Id(1)] IReadOnlyDictionary<string, string>? Confirm,
    [property: Id(2)] string End,
    [property: Id(3)] string? Queue = null);

/// <summary>
/// One slot of a flow: its prompt per language, an optional pattern the value must match (after
/// <see cref="Normalize"/>: "upper", "lower" or none) and the message when it does not.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.FlowSlot")]
public sealed record FlowSlot(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyDictionary<string, string> Prompt,
    [property: Id(2)] string? Pattern = null,
    [property: Id(3)] string? Normalize = null,
    [property: Id(4)] IReadOnlyDictionary<string, string>? Invalid = null);
