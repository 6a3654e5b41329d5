namespace Grid;

/// <summary>
/// One agent: presence, capacity, assigned conversations, and the edge observers holding the agent's live
/// connections. Key: tenant/agentId.
/// </summary>
[Alias("grid.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Sets presence (and the display name carried by the agent's token); reports availability to the queues.</summary>
    [Alias("SetPresenceAsync")]
    Task<AgentView> SetPresenceAsync(AgentPresence presence, string displayName);

    /// <summary>Sets presence with a reason ("lunch"; null: none) and the display name; reports to the queues.</summary>
    [Alias("SetStatusAsync")]
    Task<AgentView> SetStatusAsync(AgentPresence presence, string? reason, string displayName);

    /// <summary>The agent's current view.</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<AgentView> GetAsync();

    /// <summary>Registers (or refreshes) an edge observer; it expires unless refreshed.</summary>
    [Alias("SubscribeAsync")]
    Task SubscribeAsync(IAgentObserver observer);

    /// <summary>Removes an edge observer.</summary>
    [Alias("UnsubscribeAsync")]
    Task UnsubscribeAsync(IAgentObserver observer);

    /// <summary>Pushes a hint to the agent's live connections. May be lost: clients resync from the journal.</summary>
    [OneWay]
    [Alias("PushAsync")]
    Task PushAsync(AgentEvent agentEvent);

    /// <summary>
    /// The offers pushed to the agent that are neither withdrawn, accepted nor past their deadline (in memory: a hint,
    /// not the truth), so that a connection opened after one was pushed (a reconnect, a second desk) still shows it.
    /// The conversation decides whether an offer still stands.
    /// </summary>
    [ReadOnly]
    [Alias("GetOffersAsync")]
    Task<IReadOnlyList<AgentEvent>> GetOffersAsync();

    /// <summary>Records that a conversation on <paramref name="channel"/> was assigned to the agent (their load on that channel).</summary>
    [Alias("AssignAsync")]
    Task AssignAsync(string conversationId, Channel channel);

    /// <summary>Records that a conversation left the agent (resolved, transferred).</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string conversationId);
}
