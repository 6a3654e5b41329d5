namespace Grid;

/// <summary>What the inbound pipeline knows of the customer who wrote: conversations so far, channels, tier (set by an admin).</summary>
[GenerateSerializer, Immutable, Alias("grid.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] int ConversationCount,
    [property: Id(2)] IReadOnlyList<Channel> Channels,
    [property: Id(3)] string? Tier = null)
{
    /// <summary>The agent who last took a conversation of this customer (sticky routing offers them a returning customer first).</summary>
    [Id(4)] public string? LastAgentId { get; init; }

    /// <summary>Why the message joined this conversation ("thread", "reference", "subject", "recent", "new"); null when not grouped.</summary>
    [Id(5)] public string? GroupedBy { get; init; }
}
