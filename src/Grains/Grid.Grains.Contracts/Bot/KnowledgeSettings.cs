namespace Grid.Bot;

/// <summary>
/// A tenant's bot settings: the confidence below which a match is no match, synonym groups (each a list of words
/// that mean the same for this tenant, e.g. ["facture", "note", "bill"]), the language answers fall back to, and
/// out-of-scope terms: words or phrases naming what the tenant does not handle ("amazon", "phone bill", "box
/// internet"), with which a message is never answered from the knowledge base (it is somebody else's product).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.KnowledgeSettings")]
public sealed record KnowledgeSettings(
    [property: Id(0)] double Threshold,
    [property: Id(1)] IReadOnlyList<IReadOnlyList<string>> Synonyms,
    [property: Id(2)] string DefaultLanguage = "fr",
    [property: Id(3)] IReadOnlyList<string>? OutOfScope = null);
