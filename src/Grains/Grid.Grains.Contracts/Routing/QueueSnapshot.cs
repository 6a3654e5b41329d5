namespace Grid;

/// <summary>A queue's state as a supervisor or a test sees it.</summary>
[GenerateSerializer, Immutable, Alias("grid.QueueSnapshot")]
public sealed record QueueSnapshot(
    [property: Id(0)] IReadOnlyList<QueueEntry> Waiting,
    [property: Id(1)] IReadOnlyDictionary<string, string> OffersByConversation,
    [property: Id(2)] IReadOnlyDictionary<string, int> FreeSlotsByAgent);
