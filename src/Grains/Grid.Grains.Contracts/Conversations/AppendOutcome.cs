namespace Grid;

/// <summary>What happened to an inbound message handed to a conversation.</summary>
[GenerateSerializer]
public enum AppendOutcome
{
    /// <summary>Stored with a new sequence number.</summary>
    Appended = 0,

    /// <summary>The idempotency key was already stored: the original sequence number is returned.</summary>
    Duplicate = 1,

    /// <summary>The conversation is closed: the caller opens a new one.</summary>
    Closed = 2,
}

/// <summary>The result of handing an inbound message to a conversation.</summary>
[GenerateSerializer, Immutable, Alias("grid.AppendResult")]
public sealed record AppendResult(
    [property: Id(0)] AppendOutcome Outcome,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] long Seq);
