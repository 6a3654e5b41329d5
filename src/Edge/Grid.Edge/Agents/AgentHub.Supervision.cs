using System.Runtime.CompilerServices;
using Grid.Edge.Auth;

namespace Grid.Edge.Agents;

/// <summary>
/// What supervisors (role claim <c>supervisor</c>) do beyond agents: the tenant's queues, agents and live conversations,
/// joining, taking over and silent watching (docs/architecture.md, "Escalation and handoffs").
/// </summary>
public sealed partial class AgentHub
{
    /// <summary>
    /// Supervisors: the tenant's queues (those configured, the escalation policy's and "default"), each with its depth, its
    /// longest wait so far in seconds and the agents available with a free slot; by name.
    /// </summary>
    [HubRole(AgentRole.Supervisor)]
    public async Task<IReadOnlyList<QueueSummaryDto>> ListQueues()
    {
        var tenant = Supervisor();
        var config = await grains.GetGrain<Routing.IRoutingConfigGrain>(tenant).GetAsync();
        var policy = await grains.GetGrain<Escalation.IEscalationPolicyGrain>(tenant).GetAsync();
        var names = config.Queues.Select(q => q.Name).Append(policy.Policy.Queue).Append("default").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var stats = await Task.WhenAll(names.Select(n => grains.GetGrain<IQueueGrain>(GridKeys.Of(tenant, n)).GetStatsAsync()));
        return [.. stats.Select(QueueSummaryDto.From)];
    }

    /// <summary>
    /// Supervisors: the tenant's agents (with a routing profile, or who connected once), by id: presence and reason, load
    /// and capacity per channel, idle since.
    /// </summary>
    [HubRole(AgentRole.Supervisor)]
    public async Task<IReadOnlyList<AgentSummaryDto>> ListAgents()
    {
        var tenant = Supervisor();
        var ids = await grains.GetGrain<Routing.IRoutingConfigGrain>(tenant).ListAgentIdsAsync();
        var views = await Task.WhenAll(ids.Select(id => grains.GetGrain<IAgentGrain>(GridKeys.Of(tenant, id)).GetAsync()));
        return [.. views.Select(AgentSummaryDto.From)];
    }

    /// <summary>Supervisors: joins a conversation of the tenant (sees it live, writes notes).</summary>
    [HubRole(AgentRole.Supervisor)]
    public Task<ConversationDto> Join(string conversationId) =>
        Guard(conversationId, async (c, actor) => ConversationDto.From(await c.JoinAsync(actor)));

    /// <summary>Supervisors: takes a conversation over (from its agent, or from the queue).</summary>
    [HubRole(AgentRole.Supervisor)]
    public Task<ConversationDto> TakeOver(string conversationId) =>
        Guard(conversationId, async (c, actor) => ConversationDto.From(await c.TakeOverAsync(actor)));

    /// <summary>
    /// Supervisors: the tenant's live conversations (not closed), the highest priority first, then the least recently
    /// changed. Filters (empty: any): <paramref name="status"/> ("New", "Bot", "Queued", "Offered", "WithAgent",
    /// "Resolved"), <paramref name="queue"/>, <paramref name="agent"/> (assigned). <paramref name="after"/> is the
    /// <c>next</c> of the previous page (empty: the first); <paramref name="limit"/> from 1 to 200.
    /// </summary>
    [HubRole(AgentRole.Supervisor)]
    public async Task<LiveConversationPageDto> ListConversations(string? status, string? queue, string? agent, string? after, int limit)
    {
        var (query, error) = ListConversationsValidator.Validate(status, queue, agent, after, limit);
        if (query is null)
        {
            throw Refuse(HubErrors.Invalid(error!));
        }

        var principal = Agent();
        var page = await Refusing(() => grains.GetGrain<ILiveConversationsGrain>(principal.Tenant).ListAsync(principal.Actor, query));
        return new LiveConversationPageDto([.. page.Conversations.Select(LiveConversationDto.From)], page.Next?.Format());
    }

    /// <summary>
    /// Supervisors: watches a conversation silently (not a participant, nothing journaled, the customer not told). This
    /// connection's agent then receives its new entries and status updates like its agent does. The watch lapses after
    /// 10 minutes unless renewed by calling Watch again, and does not survive the conversation's deactivation or a silo
    /// failure: a desk watches again after a reconnect. Returns the conversation and its context package.
    /// </summary>
    [HubRole(AgentRole.Supervisor)]
    public Task<WatchDto> Watch(string conversationId) =>
        Guard(conversationId, async (c, actor) => WatchDto.From(await c.WatchAsync(actor)));

    /// <summary>Supervisors: stops watching a conversation.</summary>
    [HubRole(AgentRole.Supervisor)]
    public Task Unwatch(string conversationId) =>
        Guard(conversationId, async (c, actor) =>
        {
            await c.UnwatchAsync(actor);
            return true;
        });

    /// <summary>The tenant of a supervisor's connection; anyone else is refused with <c>forbidden</c>.</summary>
    private string Supervisor([CallerMemberName] string method = "")
    {
        var agent = Agent();
        return agent.Actor.Role == ActorRole.Supervisor
            ? agent.Tenant
            : throw Refuse(HubErrors.Of(RuleCodes.Forbidden, "Only supervisors see the tenant's queues and agents."), method);
    }
}
