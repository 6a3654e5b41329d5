using Grid.Pipeline;

namespace Grid.Bot;

/// <summary>
/// The bot's decision for a message (made by <see cref="BotAnalyzer"/> outside the conversation grain), with the texts
/// the bot step needs: the answer of the chosen entry, or the options of a clarification (entry id, the question to
/// show, the answer to give if the customer picks it).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.BotFinding")]
internal sealed record BotFinding(
    [property: Id(0)] BotDecision Decision,
    [property: Id(1)] string? Answer,
    [property: Id(2)] IReadOnlyList<BotOption> Options) : AnalysisFinding;

/// <summary>One entry offered in a clarification.</summary>
[GenerateSerializer, Immutable, Alias("grid.BotOption")]
internal sealed record BotOption(
    [property: Id(0)] string EntryId,
    [property: Id(1)] string Question,
    [property: Id(2)] string Answer);

/// <summary>
/// The tenant has a bot, but this silo's matcher was not ready within <c>Grid:Bot:FirstBuildWait</c> (the silo just
/// started and is still building it): the message goes to a person rather than wait past a call's deadline.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.BotNotReady")]
internal sealed record BotNotReady([property: Id(0)] double WaitedSeconds) : AnalysisFinding;
