namespace Grid;

/// <summary>What an integrator reports besides messages. Values are stored: never renumber.</summary>
[GenerateSerializer]
public enum ChannelEventType
{
    Unspecified = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
    CallStarted = 5,
    CallEnded = 6,
    CallMissed = 7,
    Typing = 8,
}

public static class ChannelEventTypes
{
    /// <summary>True for delivery receipts (about one outbound message), false for calls and typing (about a customer).</summary>
    public static bool IsReceipt(this ChannelEventType type) =>
        type is ChannelEventType.Sent or ChannelEventType.Delivered or ChannelEventType.Read or ChannelEventType.Failed;
}

/// <summary>A channel event reported by an integrator, validated by the edge. For receipts,
/// <see cref="Channel"/> may be left unspecified: the conversation's current channel is recorded.</summary>
[GenerateSerializer, Immutable, Alias("grid.ChannelEvent")]
public sealed record ChannelEvent(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Integrator,
    [property: Id(2)] ChannelEventType Type,
    [property: Id(3)] string ExternalId,
    [property: Id(4)] string? OutboundId,
    [property: Id(5)] Channel Channel,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string? Detail,
    [property: Id(8)] string? SenderAddress);
