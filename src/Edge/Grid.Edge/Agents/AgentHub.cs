using System.Runtime.CompilerServices;
using Grid.Edge.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Edge.Agents;

/// <summary>
/// The agents' hub. Every call acts for the agent of the connection's JWT, within its tenant. Who may see or act on
/// a conversation is decided by the conversation grain (one set of access rules): a conversation of another tenant,
/// or one the agent has no part in, answers exactly like one that does not exist. Errors start with a code
/// (see <see cref="HubErrors"/>).
/// </summary>
[Authorize(AuthenticationSchemes = "Bearer")]
public sealed partial class AgentHub(IGrainFactory grains, AgentRelay relay, IOptions<EdgeOptions> options, RefusalLog refusals, Shutdown.AgentConnections connections, ILogger<AgentHub> logger)
    : Hub<IAgentClient>
{
    public const string Path = "/hubs/agent";
    private const int OfferHistory = 50;

    public static string Group(string tenant, string agentId) => $"agent:{tenant}/{agentId}";

    public override async Task OnConnectedAsync()
    {
        var agent = Agent();
        connections.Add(Context);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(agent.Tenant, agent.AgentId));
        await relay.ConnectedAsync(agent.Key);
        await relay.ReplayOffersAsync(agent.Tenant, agent.AgentId, Context.ConnectionId);
        if (agent.Actor.Role == ActorRole.Supervisor)
        {
            await grains.GetGrain<ISupervisorsGrain>(agent.Tenant).RegisterAsync(agent.AgentId); // alerts reach them
        }

        EdgeMetrics.AgentConnections.Inc();
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        EdgeMetrics.AgentConnections.Dec();
        connections.Remove(Context);
        if (AgentPrincipal.From(Context.User) is { } agent)
        {
            await relay.DisconnectedAsync(agent.Key);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Accepts the conversation offered to the agent.</summary>
    [HubRole(AgentRole.Agent)]
    public Task<ConversationDto> Accept(string conversationId) =>
        Guard(conversationId, async (c, actor) => ConversationDto.From(await c.AcceptAsync(actor)));

    /// <summary>Declines the conversation offered to the agent; it is offered to someone else.</summary>
    [HubRole(AgentRole.Agent)]
    public Task Decline(string conversationId) =>
        Guard(conversationId, async (c, actor) =>
        {
            await c.DeclineAsync(actor);
            return true;
        });

    /// <summary>
    /// Replies to the customer on their current channel. <paramref name="clientMessageId"/> (chosen by the client,
    /// unique per agent) makes a retried call store the reply once. Returns the reply's sequence number and outbound id.
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task<ReplyDto> Reply(string conversationId, string clientMessageId, string text)
    {
        if (string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > 100)
        {
            throw Refuse(HubErrors.Invalid("clientMessageId is required (1 to 100 characters, unique per reply): it makes retries safe."));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Refuse(HubErrors.Invalid("The reply text is empty."));
        }

        var max = options.Value.Limits.MaxTextLength;
        if (text.Length > max)
        {
            throw Refuse(HubErrors.Invalid($"The reply is {text.Length} characters; the limit is {max}."));
        }

        return Guard(conversationId, async (c, actor) =>
        {
            var reply = await c.ReplyAsync(actor, clientMessageId, text);
            return new ReplyDto(reply.Seq, reply.OutboundId);
        });
    }

    /// <summary>
    /// Replies on another channel the customer is reachable on (see <see cref="GetChannels"/>): "Sms", "Email",
    /// "WhatsApp", "WebChat", "Voice". Otherwise like <see cref="Reply"/>.
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task<ReplyDto> ReplyOn(string conversationId, string clientMessageId, string text, string channel)
    {
        CheckClientId(clientMessageId, "clientMessageId");
        CheckText(text, "reply");
        if (!Enum.TryParse<Channel>(channel, ignoreCase: true, out var on) || on == Channel.Unspecified || !Enum.IsDefined(on))
        {
            throw Refuse(HubErrors.Invalid($"Unknown channel '{Shorten(channel ?? "")}': use one GetChannels lists."));
        }

        return Guard(conversationId, async (c, actor) =>
        {
            var reply = await c.ReplyOnAsync(actor, clientMessageId, text, on);
            return new ReplyDto(reply.Seq, reply.OutboundId);
        });
    }

    /// <summary>The channels the customer is reachable on, the current one first (where Reply goes).</summary>
    [HubRole(AgentRole.Agent)]
    public Task<IReadOnlyList<AddressDto>> GetChannels(string conversationId) =>
        Guard(conversationId, async (c, actor) =>
            (IReadOnlyList<AddressDto>)[.. (await c.GetChannelsAsync(actor)).Select(a => new AddressDto(a.Channel.ToString(), a.Address, a.LastSeenAt))]);

    /// <summary>Resolves a conversation assigned to the agent.</summary>
    [HubRole(AgentRole.Agent)]
    public Task Resolve(string conversationId, string? reason) =>
        Guard(conversationId, async (c, actor) =>
        {
            await c.ResolveAsync(actor, reason is { Length: > 200 } ? reason[..200] : reason);
            return true;
        });

    /// <summary>A conversation the agent takes part in (or is offered).</summary>
    [HubRole(AgentRole.Agent)]
    public Task<ConversationDto> GetConversation(string conversationId) =>
        Guard(conversationId, async (c, actor) => ConversationDto.From(await c.GetForAsync(actor)));

    /// <summary>History of a conversation the agent takes part in (or is offered): entries after a sequence number.</summary>
    [HubRole(AgentRole.Agent)]
    public Task<HistoryDto> GetHistory(string conversationId, long afterSeq, int limit) =>
        Guard(conversationId, async (c, actor) =>
        {
            var page = await c.ReadForAsync(actor, Math.Max(0, afterSeq), Math.Clamp(limit <= 0 ? 100 : limit, 1, 500));
            return new HistoryDto([.. page.Entries.Select(EntryDto.From)], page.NextAfterSeq, page.HasMore);
        });

    /// <summary>
    /// The handoff's context package: the whole transcript across channels, what the bot tried and why it stopped,
    /// the escalation, facts, the last transfer's note, the customer's profile and past conversations. Offers carry
    /// it; this reads it again (after a reconnect).
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task<HandoffContextDto> GetContext(string conversationId) =>
        Guard(conversationId, async (c, actor) => HandoffContextDto.From(await c.GetHandoffContextAsync(actor)));

    /// <summary>
    /// An internal note: seen by everyone working on the conversation, never sent to the customer.
    /// <paramref name="clientNoteId"/> (unique per agent) makes a retried call store it once. Returns its sequence number.
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task<long> AddNote(string conversationId, string clientNoteId, string text)
    {
        CheckClientId(clientNoteId, "clientNoteId");
        CheckText(text, "note");
        return Guard(conversationId, (c, actor) => c.AddNoteAsync(actor, clientNoteId, text));
    }

    /// <summary>
    /// Hands the conversation on to a queue (<paramref name="queue"/>; empty: its current one) or to a named agent
    /// (<paramref name="toAgent"/>, offered only to them), with a note the receiver reads in the context package.
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public Task Transfer(string conversationId, string? queue, string? toAgent, string? note)
    {
        queue = string.IsNullOrEmpty(queue) ? null : queue;
        toAgent = string.IsNullOrEmpty(toAgent) ? null : toAgent;
        if (queue is not null && !TenantId.IsValid(queue))
        {
            throw Refuse(HubErrors.Invalid($"'{Shorten(queue)}' is not a queue name: a lowercase slug."));
        }

        if (toAgent is not null && !TenantId.IsValid(toAgent))
        {
            throw Refuse(HubErrors.Invalid("toAgent must be an agent id (letters, digits, '.', '_', '-')."));
        }

        if (note is not null)
        {
            CheckText(note, "note");
        }

        return Guard(conversationId, async (c, actor) =>
        {
            await c.TransferAsync(actor, queue, toAgent, note);
            return true;
        });
    }

    /// <summary>Hands the conversation back to the bot with a reason; the bot resumes and the customer is told.</summary>
    [HubRole(AgentRole.Agent)]
    public Task HandBack(string conversationId, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 200)
        {
            throw Refuse(HubErrors.Invalid("reason is required (1 to 200 characters): why the bot can take it from here."));
        }

        return Guard(conversationId, async (c, actor) =>
        {
            await c.HandBackAsync(actor, reason);
            return true;
        });
    }

    /// <summary>Invites a consultant: they see the conversation, write notes and, when <paramref name="canReply"/>, write to the customer.</summary>
    [HubRole(AgentRole.Agent)]
    public Task Invite(string conversationId, string agentId, bool canReply)
    {
        if (!TenantId.IsValid(agentId))
        {
            throw Refuse(HubErrors.Invalid("agentId must be an agent id (letters, digits, '.', '_', '-')."));
        }

        return Guard(conversationId, async (c, actor) =>
        {
            await c.InviteAsync(actor, agentId, canReply);
            return true;
        });
    }

    /// <summary>Closes the conversation for good (its assigned agent, or a supervisor).</summary>
    [HubRole(AgentRole.Agent)]
    public Task Close(string conversationId, string? reason) =>
        Guard(conversationId, async (c, actor) =>
        {
            await c.CloseAsync(actor, reason is { Length: > 200 } ? reason[..200] : reason);
            return true;
        });

    /// <summary>Builds an offer with its deadline, the latest history and the context package (used by the relay).</summary>
    internal static async Task<OfferDto> BuildOfferAsync(IConversationGrain conversation, ConversationView view, string offerId, Actor agent)
    {
        var after = Math.Max(0, view.LastSeq - OfferHistory);
        var page = await conversation.ReadAsync(after, OfferHistory);
        var context = HandoffContextDto.From(await conversation.GetHandoffContextAsync(agent));
        return new OfferDto(offerId, view.OfferExpiresAt, ConversationDto.From(view), [.. page.Entries.Select(EntryDto.From)], after > 0, context);
    }

    private void CheckClientId(string id, string name)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100)
        {
            throw Refuse(HubErrors.Invalid($"{name} is required (1 to 100 characters, unique per call): it makes retries safe."));
        }
    }

    private void CheckText(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Refuse(HubErrors.Invalid($"The {what} is empty."));
        }

        var max = options.Value.Limits.MaxTextLength;
        if (text.Length > max)
        {
            throw Refuse(HubErrors.Invalid($"The {what} is {text.Length} characters; the limit is {max}."));
        }
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    /// <summary>Runs a call on a conversation of the agent's tenant, turning refusals into coded hub errors.</summary>
    private async Task<T> Guard<T>(string conversationId, Func<IConversationGrain, Actor, Task<T>> call, [CallerMemberName] string method = "")
    {
        var agent = Agent();
        if (!TenantId.IsValid(conversationId))
        {
            throw Refuse(HubErrors.Invalid("conversationId is required: the id of a conversation (cnv_…)."), method);
        }

        return await Refusing(() => call(grains.GetGrain<IConversationGrain>(GridKeys.Of(agent.Tenant, conversationId)), agent.Actor), method);
    }

    /// <summary>Runs a grain call, turning refusals into coded hub errors.</summary>
    private async Task<T> Refusing<T>(Func<Task<T>> call, [CallerMemberName] string method = "")
    {
        try
        {
            return await call();
        }
        catch (ConversationRuleException rule)
        {
            throw Refuse(HubErrors.Of(rule.Code, rule.Message), method);
        }
        catch (IdempotencyConflictException conflict)
        {
            throw Refuse(HubErrors.Of(HubErrors.Conflict, conflict.Message), method);
        }
    }

    /// <summary>
    /// An expected refusal, without a stack trace: each at Debug; at Information at most once per client address per
    /// <see cref="RefusalLog.Window"/>, with the count of those not logged since (see <see cref="RefusalLog"/>).
    /// </summary>
    private HubException Refuse(HubException error, [CallerMemberName] string method = "")
    {
        var agentId = AgentPrincipal.From(Context.User)?.AgentId;
        var code = error.Message.Split(':', 2)[0];
        var address = RefusalLog.Address(Context.GetHttpContext()?.Connection.RemoteIpAddress);
        logger.LogDebug("Hub call {Method} by agent {AgentId} from {RemoteAddress} refused: {Code}", method, agentId, address, code);
        if (refusals.ShouldLog("hub", address, out var suppressed))
        {
            if (suppressed == 0)
            {
                logger.LogInformation("Hub call {Method} by agent {AgentId} from {RemoteAddress} refused: {Code}", method, agentId, address, code);
            }
            else
            {
                logger.LogInformation("Hub call {Method} by agent {AgentId} from {RemoteAddress} refused: {Code}; {Suppressed} more refusals from this address not logged",
                    method, agentId, address, code, suppressed);
            }
        }

        return error;
    }

    private AgentPrincipal Agent() =>
        AgentPrincipal.From(Context.User) ?? throw HubErrors.Invalid("The token has no valid tenant and sub (agent id) claims.");
}
