namespace Grid.Routing;

/// <summary>
/// An agent as a queue sees them: presence, skills, languages, capacity and load per channel, and since when they are
/// idle (the last time they became available or a conversation left or joined them). Reported by the agent grain on every
/// change and every 30 seconds.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.AgentRouting")]
public sealed record AgentRouting(
    [property: Id(0)] string AgentId,
    [property: Id(1)] AgentPresence Presence,
    [property: Id(2)] IReadOnlyDictionary<string, int> Skills,
    [property: Id(3)] IReadOnlyList<string> Languages,
    [property: Id(4)] IReadOnlyDictionary<Channel, int> Capacity,
    [property: Id(5)] IReadOnlyDictionary<Channel, int> Load,
    [property: Id(6)] int MaxTotal,
    [property: Id(7)] DateTimeOffset IdleSince)
{
    /// <summary>Conversations the agent can still take on <paramref name="channel"/> (0 unless available).</summary>
    public int Free(Channel channel)
    {
        if (Presence != AgentPresence.Available)
        {
            return 0;
        }

        var total = Load.Values.Sum();
        var onChannel = Capacity.GetValueOrDefault(channel) - Load.GetValueOrDefault(channel);
        return Math.Max(0, Math.Min(onChannel, MaxTotal - total));
    }
}
