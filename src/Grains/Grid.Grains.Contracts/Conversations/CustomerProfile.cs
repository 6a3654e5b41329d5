namespace Grid;

/// <summary>What the inbound pipeline knows of the customer who wrote (later: tier, tags, directory data).</summary>
[GenerateSerializer, Immutable, Alias("grid.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] int ConversationCount,
    [property: Id(2)] IReadOnlyList<Channel> Channels);
