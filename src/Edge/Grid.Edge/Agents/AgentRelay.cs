using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Edge.Agents;

/// <summary>
/// The edge's one agent observer (DESIGN §6): subscribed to the grain of every agent with a connection here,
/// refreshed on a timer (the grains expire silent observers), forwarding events to the agent's SignalR group.
/// Events are hints: clients resync with GetHistory after a gap in sequence numbers.
/// </summary>
public sealed class AgentRelay(IGrainFactory grains, IHubContext<AgentHub, IAgentClient> hub, ILogger<AgentRelay> logger)
    : BackgroundService, IAgentObserver
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(45);

    private readonly ConcurrentDictionary<string, int> connections = new(StringComparer.Ordinal);
    private IAgentObserver? reference;

    public async Task ConnectedAsync(string agentKey)
    {
        connections.AddOrUpdate(agentKey, 1, (_, n) => n + 1);
        await grains.GetGrain<IAgentGrain>(agentKey).SubscribeAsync(Reference());
    }

    public async Task DisconnectedAsync(string agentKey)
    {
        var left = connections.AddOrUpdate(agentKey, 0, (_, n) => Math.Max(0, n - 1));
        if (left == 0 && connections.TryRemove(new KeyValuePair<string, int>(agentKey, 0)))
        {
            try
            {
                await grains.GetGrain<IAgentGrain>(agentKey).UnsubscribeAsync(Reference());
            }
            catch (Exception ex) when (EdgeFaults.IsTransient(ex))
            {
                logger.LogInformation(ex, "Unsubscribing from agent {Agent} failed; the subscription will expire", agentKey);
            }
        }
    }

    /// <summary>
    /// Sends a new connection of the agent the offers still standing for them: an offer pushed while the agent's previous
    /// connection was already dead but not yet noticed (the desk reconnects) would otherwise be seen by nobody until it
    /// expired. Each is checked against its conversation (still offered to this agent) and built as a live offer is.
    /// </summary>
    public async Task ReplayOffersAsync(string tenant, string agentId, string connectionId)
    {
        try
        {
            foreach (var pending in await grains.GetGrain<IAgentGrain>(GridKeys.Of(tenant, agentId)).GetOffersAsync())
            {
                var conversation = grains.GetGrain<IConversationGrain>(GridKeys.Of(tenant, pending.ConversationId));
                var view = await conversation.GetAsync();
                if (view.Status != ConversationStatus.Offered || view.OfferedAgent != agentId)
                {
                    continue;
                }

                await hub.Clients.Client(connectionId).ReceiveOffer(await AgentHub.BuildOfferAsync(conversation, view, pending.OfferId ?? "", new Actor(agentId)));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A hint: the offer still expires and goes to someone else if nobody sees it.
            logger.LogWarning(ex, "Sending the standing offers to a new connection of agent {Tenant}/{AgentId} failed", tenant, agentId);
        }
    }

    public void OnAgentEvent(string tenant, string agentId, AgentEvent agentEvent) =>
        _ = ForwardAsync(tenant, agentId, agentEvent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var key in connections.Keys)
            {
                try
                {
                    await grains.GetGrain<IAgentGrain>(key).SubscribeAsync(Reference());
                }
                catch (Exception ex) when (EdgeFaults.IsTransient(ex))
                {
                    logger.LogWarning(ex, "Refreshing the subscription to agent {Agent} failed", key);
                }
            }
        }
    }

    private async Task ForwardAsync(string tenant, string agentId, AgentEvent e)
    {
        try
        {
            var client = hub.Clients.Group(AgentHub.Group(tenant, agentId));
            switch (e.Kind)
            {
                case AgentEventKind.Offer when e.Conversation is { } view:
                    var conversation = grains.GetGrain<IConversationGrain>(GridKeys.Of(tenant, e.ConversationId));
                    var offer = await AgentHub.BuildOfferAsync(conversation, view, e.OfferId ?? "", new Actor(agentId));
                    await client.ReceiveOffer(offer);
                    if (offer.Context?.EscalatedAt is { } escalatedAt)
                    {
                        EdgeMetrics.HandoffLatency.Observe(Math.Max(0, (DateTimeOffset.UtcNow - escalatedAt).TotalSeconds));
                    }

                    break;
                case AgentEventKind.OfferWithdrawn:
                    await client.OfferWithdrawn(e.ConversationId, e.OfferId ?? "");
                    break;
                case AgentEventKind.Message when e.Entry is { } entry:
                    await client.ReceiveEntry(EntryDto.From(entry));
                    break;
                case AgentEventKind.ConversationUpdated when e.Conversation is { } updated:
                    await client.ConversationUpdated(ConversationDto.From(updated));
                    break;
                case AgentEventKind.Typing:
                    await client.CustomerTyping(e.ConversationId);
                    break;
                case AgentEventKind.PresenceChanged when e.Agent is { } agent:
                    await client.PresenceChanged(AgentDto.From(agent));
                    break;
                case AgentEventKind.Alert when e.Conversation is { } about:
                    await client.Alert(new AlertDto(e.Detail ?? "alert", ConversationDto.From(about)));
                    break;
            }
        }
        catch (Exception ex)
        {
            // A lost hint is recovered by the client's resync; it is logged, not retried.
            logger.LogWarning(ex, "Forwarding a {Kind} event to agent {Tenant}/{AgentId} failed", e.Kind, tenant, agentId);
        }
    }

    private IAgentObserver Reference() => reference ??= grains.CreateObjectReference<IAgentObserver>(this);
}
