namespace Grid;

/// <summary>A customer's place in their queue (1: next) and the expected wait (null: not enough recent waits to say).</summary>
[GenerateSerializer, Immutable, Alias("grid.QueuePlace")]
public sealed record QueuePlace([property: Id(0)] int Position, [property: Id(1)] TimeSpan? ExpectedWait);
