using Grid.Edge.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Grid.Edge.Agents;

/// <summary>
/// The agents' hub. Every call acts for the agent of the connection's JWT, within its tenant; a conversation of
/// another tenant, or one the agent has no part in, answers exactly like one that does not exist.
/// </summary>
[Authorize(AuthenticationSchemes = "Bearer")]
public sealed class AgentHub(IGrainFactory grains, AgentRelay relay, IOptions<EdgeOptions> options) : Hub<IAgentClient>
{
    public const string Path = "/hubs/agent";
    private const int OfferHistory = 50;

    public static string Group(string tenant, string agentId) => $"agent:{tenant}/{agentId}";

    public override async Task OnConnectedAsync()
    {
        var agent = Agent();
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(agent.Tenant, agent.AgentId));
        await relay.ConnectedAsync(agent.Key);
        EdgeMetrics.AgentConnections.Inc();
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        EdgeMetrics.AgentConnections.Dec();
        if (AgentPrincipal.From(Context.User) is { } agent)
        {
            await relay.DisconnectedAsync(agent.Key);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Sets presence: "Available", "Away" or "Offline".</summary>
    public async Task<AgentDto> SetPresence(string presence)
    {
        if (!Enum.TryParse<AgentPresence>(presence, ignoreCase: true, out var value) || !Enum.IsDefined(value))
        {
            throw new HubException($"Unknown presence '{presence}': use Available, Away or Offline.");
        }

        var agent = Agent();
        return AgentDto.From(await grains.GetGrain<IAgentGrain>(agent.Key).SetPresenceAsync(value, agent.DisplayName));
    }

    /// <summary>The agent's own state.</summary>
    public async Task<AgentDto> GetMe() => AgentDto.From(await grains.GetGrain<IAgentGrain>(Agent().Key).GetAsync());

    /// <summary>Accepts the conversation offered to the agent.</summary>
    public Task<ConversationDto> Accept(string conversationId) =>
        Guard(conversationId, async c => ConversationDto.From(await c.AcceptAsync(Agent().AgentId)));

    /// <summary>Declines the conversation offered to the agent; it is offered to someone else.</summary>
    public Task Decline(string conversationId) =>
        Guard(conversationId, c => c.DeclineAsync(Agent().AgentId));

    /// <summary>
    /// Replies to the customer on their current channel. <paramref name="clientMessageId"/> (chosen by the client,
    /// unique per agent) makes a retried call store the reply once. Returns the reply's sequence number.
    /// </summary>
    public Task<long> Reply(string conversationId, string clientMessageId, string text)
    {
        if (string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > 100)
        {
            throw new HubException("clientMessageId is required (1 to 100 characters, unique per reply): it makes retries safe.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new HubException("The reply text is empty.");
        }

        var max = options.Value.Limits.MaxTextLength;
        if (text.Length > max)
        {
            throw new HubException($"The reply is {text.Length} characters; the limit is {max}.");
        }

        return Guard(conversationId, c => c.ReplyAsync(Agent().AgentId, clientMessageId, text));
    }

    /// <summary>Resolves a conversation assigned to the agent.</summary>
    public Task Resolve(string conversationId, string? reason) =>
        Guard(conversationId, c => c.ResolveAsync(Agent().AgentId, reason is { Length: > 200 } ? reason[..200] : reason));

    /// <summary>A conversation the agent takes part in (or is offered).</summary>
    public async Task<ConversationDto> GetConversation(string conversationId) =>
        ConversationDto.From(await VisibleAsync(conversationId));

    /// <summary>History of a conversation the agent takes part in (or is offered): entries after a sequence number.</summary>
    public async Task<HistoryDto> GetHistory(string conversationId, long afterSeq, int limit)
    {
        await VisibleAsync(conversationId);
        var page = await Conversation(conversationId).ReadAsync(Math.Max(0, afterSeq), Math.Clamp(limit <= 0 ? 100 : limit, 1, 500));
        return new HistoryDto([.. page.Entries.Select(EntryDto.From)], page.NextAfterSeq, page.HasMore);
    }

    /// <summary>Builds an offer with the latest history (used by the relay).</summary>
    internal static async Task<OfferDto> BuildOfferAsync(IConversationGrain conversation, ConversationView view, string offerId)
    {
        var after = Math.Max(0, view.LastSeq - OfferHistory);
        var page = await conversation.ReadAsync(after, OfferHistory);
        return new OfferDto(offerId, ConversationDto.From(view), [.. page.Entries.Select(EntryDto.From)], after > 0);
    }

    private async Task<ConversationView> VisibleAsync(string conversationId)
    {
        var agent = Agent();
        var conversation = Conversation(conversationId);
        if (await conversation.ExistsAsync())
        {
            var view = await conversation.GetAsync();
            if (view.AssignedAgent == agent.AgentId || view.OfferedAgent == agent.AgentId || view.Participants.Contains(agent.AgentId))
            {
                return view;
            }
        }

        throw NotFound(conversationId);
    }

    /// <summary>Runs a call on an existing conversation of the agent's tenant, turning rule violations into hub errors.</summary>
    private async Task<T> Guard<T>(string conversationId, Func<IConversationGrain, Task<T>> call)
    {
        var conversation = Conversation(conversationId);
        if (!await conversation.ExistsAsync())
        {
            throw NotFound(conversationId);
        }

        try
        {
            return await call(conversation);
        }
        catch (ConversationRuleException rule)
        {
            throw new HubException(rule.Message);
        }
        catch (IdempotencyConflictException conflict)
        {
            throw new HubException(conflict.Message);
        }
    }

    private Task Guard(string conversationId, Func<IConversationGrain, Task> call) => Guard(conversationId, async c =>
    {
        await call(c);
        return true;
    });

    private static HubException NotFound(string conversationId) => new($"Conversation '{conversationId}' not found.");

    private IConversationGrain Conversation(string conversationId)
    {
        if (!TenantId.IsValid(conversationId))
        {
            throw new HubException("conversationId is required.");
        }

        return grains.GetGrain<IConversationGrain>(GridKeys.Of(Agent().Tenant, conversationId));
    }

    private AgentPrincipal Agent() =>
        AgentPrincipal.From(Context.User) ?? throw new HubException("The token has no valid tenant and sub (agent id) claims.");
}
