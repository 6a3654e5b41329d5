namespace Grid;

/// <summary>The acknowledgement of a durably stored inbound message.</summary>
[GenerateSerializer, Immutable, Alias("grid.InboundAck")]
public sealed record InboundAck(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] long Seq,
    [property: Id(3)] bool Duplicate);
