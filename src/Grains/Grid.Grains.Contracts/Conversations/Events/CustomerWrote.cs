namespace Grid.Conversations.Events;

/// <summary>
/// The customer wrote; <see cref="Language"/> is the conversation's language as of this message, <see cref="Sentiment"/>
/// the message's sentiment score (−1 to 1; null when it carries no sentiment cue, or in journals written before scores).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.CustomerWrote")]
public sealed record CustomerWrote(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Text,
    [property: Id(2)] string ExternalId,
    [property: Id(3)] string Integrator,
    [property: Id(4)] string SenderAddress,
    [property: Id(5)] DateTimeOffset SentAt,
    [property: Id(6)] EmailHeaders? Email,
    [property: Id(7)] IReadOnlyList<Attachment> Attachments,
    [property: Id(8)] IReadOnlyDictionary<string, string> Metadata,
    [property: Id(9)] string Language,
    [property: Id(10)] double? Sentiment = null) : ConversationEvent;
