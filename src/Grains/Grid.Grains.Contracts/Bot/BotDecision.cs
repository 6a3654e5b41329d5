namespace Grid.Bot;

/// <summary>What the bot decides for one customer message. Values are part of the wire format: never renumber.</summary>
[GenerateSerializer]
public enum BotDecisionKind
{
    /// <summary>Below the threshold: the bot does not know, and does not guess.</summary>
    NoMatch = 0,

    /// <summary>One entry answers, with a confidence at or above the threshold.</summary>
    Answer = 1,

    /// <summary>Two or three close candidates: the customer is asked which one they mean.</summary>
    Clarify = 2,

    /// <summary>The customer asks for a person.</summary>
    Human = 3,
}

/// <summary>A candidate entry and its confidence (0 to 1).</summary>
[GenerateSerializer, Immutable, Alias("grid.BotCandidate")]
public sealed record BotCandidate(
    [property: Id(0)] string EntryId,
    [property: Id(1)] double Confidence);

/// <summary>
/// The bot's decision for a message: its kind, the detected language (the customer's), the ranked candidates (best
/// first) and, for an answer, the entry, its confidence and the language of its answer (the customer's when the entry
/// has an answer in it, otherwise the tenant's default).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.BotDecision")]
public sealed record BotDecision(
    [property: Id(0)] BotDecisionKind Kind,
    [property: Id(1)] string Language,
    [property: Id(2)] IReadOnlyList<BotCandidate> Candidates,
    [property: Id(3)] string? EntryId = null,
    [property: Id(4)] double Confidence = 0,
    [property: Id(5)] string? AnswerLanguage = null);
