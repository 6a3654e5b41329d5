namespace Grid.Proactive;

/// <summary>
/// An incident's persisted state: its definition and payload hash (the dedupe check), status, messages, and the
/// fan-out's cursor: every message up to <see cref="DoneThrough"/> went through its whole audience; the next one has
/// gone through the audience up to <see cref="Cursor"/> (a customer id). Written after each batch, so a silo failure
/// redoes at most one batch, which writes nothing for the customers whose deliveries it recorded (IProactiveStore.WriteBatchAsync).
/// </summary>
[GenerateSerializer, Alias("grid.IncidentState")]
internal sealed class IncidentState
{
    [Id(0)] public IncidentDefinition? Definition { get; set; }

    [Id(1)] public string PayloadHash { get; set; } = "";

    [Id(2)] public string Status { get; set; } = "";

    [Id(3)] public DateTimeOffset OpenedAt { get; set; }

    [Id(4)] public DateTimeOffset? ClosedAt { get; set; }

    [Id(5)] public List<IncidentMessage> Messages { get; set; } = [];

    [Id(6)] public int DoneThrough { get; set; }

    [Id(7)] public string Cursor { get; set; } = "";

    [Id(8)] public int AudienceSize { get; set; }

    /// <summary>The message being fanned out, if any.</summary>
    public IncidentMessage? Current => Messages.Find(m => m.No == DoneThrough + 1);
}
