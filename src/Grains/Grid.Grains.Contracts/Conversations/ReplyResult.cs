namespace Grid;

/// <summary>A stored reply: its sequence number in the conversation and the outbound id it goes out with.</summary>
[GenerateSerializer, Immutable, Alias("grid.ReplyResult")]
public sealed record ReplyResult(
    [property: Id(0)] long Seq,
    [property: Id(1)] string OutboundId);
