namespace Grid.Bot;

/// <summary>
/// The limits of a tenant's knowledge base, enforced by the knowledge-base grain whoever calls it and documented in
/// <c>protos/grid/v1/knowledge.proto</c>. They bound what one admin write rewrites and what every silo indexes.
/// </summary>
public static class KnowledgeLimits
{
    /// <summary>Entries per tenant.</summary>
    public const int MaxEntries = 2_000;

    /// <summary>An entry id: a lowercase slug of at most this many characters.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Tags per entry.</summary>
    public const int MaxTags = 20;

    /// <summary>A tag: a lowercase slug of at most this many characters.</summary>
    public const int MaxTagLength = 64;

    /// <summary>Phrasings of the question per language.</summary>
    public const int MaxPhrasings = 100;

    /// <summary>One phrasing, in characters.</summary>
    public const int MaxPhrasingLength = 500;

    /// <summary>One answer (or a flow's confirmation), in characters.</summary>
    public const int MaxAnswerLength = 4_000;

    /// <summary>Slots of a flow.</summary>
    public const int MaxSlots = 10;

    /// <summary>A slot's name: a lowercase identifier (<c>[a-z][a-z0-9_]*</c>) of at most this many characters.</summary>
    public const int MaxSlotNameLength = 32;

    /// <summary>A slot's prompt or its message for an invalid value, in characters.</summary>
    public const int MaxPromptLength = 1_000;

    /// <summary>A slot's pattern (a .NET regular expression), in characters.</summary>
    public const int MaxPatternLength = 500;

    /// <summary>The match timeout patterns are compiled with; whoever matches a slot's value uses it too.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Synonym groups per tenant.</summary>
    public const int MaxSynonymGroups = 200;

    /// <summary>Words per synonym group (and at least two).</summary>
    public const int MaxSynonymWords = 20;

    /// <summary>One synonym, in characters.</summary>
    public const int MaxSynonymLength = 100;

    /// <summary>Out-of-scope terms per tenant (each at most <see cref="MaxSynonymLength"/> characters).</summary>
    public const int MaxOutOfScopeTerms = 500;

    /// <summary>
    /// An import document, in bytes of UTF-8; the whole knowledge base's export is held to the same limit, so that an
    /// export can always be imported again. 4 MB, under the 4 MiB gRPC clients receive by default.
    /// </summary>
    public const int MaxDocumentBytes = 4_000_000;

    /// <summary>The languages entries and settings may use (ISO 639-1 codes).</summary>
    public static IReadOnlyList<string> Languages { get; } = ["fr", "en", "de", "es", "it", "nl", "pt"];

    /// <summary>How a flow ends: the entry's answer after the confirmation, an escalation to a queue, or a task for an agent.</summary>
    public static IReadOnlyList<string> FlowEnds { get; } = ["answer", "escalate", "task"];

    /// <summary>How a slot's value is normalised before its pattern is matched (none when not set).</summary>
    public static IReadOnlyList<string> Normalizations { get; } = ["upper", "lower"];
}
