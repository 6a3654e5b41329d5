using Grid.Hosting;
using Grid.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Agents;

/// <summary>
/// An agent whose connections are gone: offline at once with its pending offers back to the queues, its conversations
/// re-queued by a reminder after Grid:Routing:DisconnectGrace unless it reconnects (docs/architecture.md, "Routing").
/// </summary>
internal sealed partial class AgentGrain
{
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RequeueReminder)
        {
            return;
        }

        if (!heardEdges && clock.GetUtcNow() - activatedAt < ObserverRefresh)
        {
            // A new activation (after a silo failure) has not heard the edges yet: they subscribe again within this.
            await this.RegisterOrUpdateReminder(RequeueReminder, ObserverRefresh, TimeSpan.FromMinutes(1));
            return;
        }

        if (await this.GetReminder(RequeueReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        if (observers.Count > 0 || S.DisconnectedAt is null)
        {
            return; // came back
        }

        S.DisconnectedAt = null;
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Agent {Tenant}/{AgentId} stayed disconnected: {Count} conversations go back to their queues", tenant, agentId, S.Conversations.Count);
        foreach (var conversationId in S.Conversations.ToList())
        {
            // Not awaited: the conversation's effects await this grain (the release), so waiting here could deadlock.
            GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId))
                .RequeueAsync(agentId, "agent-disconnected").Forget(logger, "Putting a conversation of a disconnected agent back in its queue");
        }
    }

    /// <summary>No connection left: offline, pending offers back at once, held conversations back after the grace period.</summary>
    private async Task GoneAsync()
    {
        if (S.Conversations.Count > 0 && S.DisconnectedAt is null)
        {
            S.DisconnectedAt = clock.GetUtcNow();
            await state.WriteOrDeactivateAsync(this);
            await this.RegisterOrUpdateReminder(RequeueReminder, options.Value.Routing.DisconnectGrace, TimeSpan.FromMinutes(1));
        }

        if (S.Presence != AgentPresence.Offline)
        {
            await SetStatusAsync(AgentPresence.Offline, DisconnectedReason, S.DisplayName);
        }

        foreach (var queue in queues)
        {
            await Queue(queue).AgentLeftAsync(agentId);
        }
    }

    private async Task CheckObserversAsync(CancellationToken cancellationToken)
    {
        observers.ClearExpired();
        await LoadProfileAsync();
        if (observers.Count > 0)
        {
            lastObserverSeen = clock.GetUtcNow();

            // Queues keep agents' state in memory only: reporting again restores it after a queue restarts.
            await ReportAsync();
            return;
        }

        if ((S.Presence != AgentPresence.Offline || (S.Conversations.Count > 0 && S.DisconnectedAt is null))
            && clock.GetUtcNow() - lastObserverSeen > ObserverExpiry)
        {
            logger.LogInformation("Agent {Tenant}/{AgentId} has no live connection left: offline", tenant, agentId);
            await GoneAsync();
        }
    }
}
