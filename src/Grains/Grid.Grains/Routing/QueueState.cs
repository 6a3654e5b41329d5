namespace Grid.Routing;

[GenerateSerializer, Alias("grid.QueueState")]
internal sealed class QueueState
{
    [Id(0)] public List<QueueEntry> Waiting { get; set; } = [];

    [Id(1)] public Dictionary<string, PendingOffer> Offers { get; set; } = [];

    [Id(2)] public Dictionary<string, int> FreeSlots { get; set; } = [];

    /// <summary>Per conversation, the agents who declined it or let the offer expire, until when they are skipped.</summary>
    [Id(3)] public Dictionary<string, Dictionary<string, DateTimeOffset>> Skips { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("grid.PendingOffer")]
internal sealed record PendingOffer(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string OfferId,
    [property: Id(2)] DateTimeOffset Deadline);
