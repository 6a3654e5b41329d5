namespace Grid.Bot;

/// <summary>
/// A customer's message the bot could not answer: its words (at most <see cref="UnansweredLimits.MaxTextLength"/>
/// characters are kept), the conversation's language as of the message, when it was written and the conversation it
/// belongs to. The text is the customer's: it is never logged.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.UnansweredQuestion")]
public sealed record UnansweredQuestion(
    [property: Id(0)] string Text,
    [property: Id(1)] string Language,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string ConversationId);
