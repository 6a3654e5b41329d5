using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grid.Edge.Agents;
using Grid.Edge.Grpc.Validation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using P = Grid.Protos.V1;

namespace Grid.Edge.WebChat;

/// <summary>
/// The visitors' hub (docs/architecture.md, "Web chat"): anonymous, admitted per request by <see cref="WidgetGate"/>
/// (widget key, visitor id, origin). Visitors' messages take the integrators' ingest path (validated as PostInbound
/// is, one call to the tenant's ingest grain, idempotent on the client's message id) as the tenant's built-in
/// integrator "webchat"; what is written to them comes back through that integrator's outbox
/// (<see cref="WebChatDelivery"/>). Errors start with a code: <c>invalid</c>, <c>conflict</c>, <c>rate_limited</c>.
/// </summary>
public sealed class ChatHub(
    IGrainFactory grains, PostInboundValidator validator, ChatEntries entries, VisitorConnections connections, VisitorRateLimiter limiter,
    TimeProvider clock, RefusalLog refusals, ILogger<ChatHub> logger) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    /// <summary>The most lines <see cref="Start"/> returns (the latest).</summary>
    public const int HistoryLimit = 200;

    public const string RateLimited = "rate_limited";

    private const string CallbackText = "Demande de rappel";
    private static readonly TimeSpan TypingEvery = TimeSpan.FromSeconds(2);
    private const string LastTypingKey = "grid.webchat.typing";

    public static string Group(string tenant, string visitorId) => $"visitor:{tenant}/{visitorId}";

    public override async Task OnConnectedAsync()
    {
        if (Context.GetHttpContext()?.Items[VisitorSession.ItemKey] is not VisitorSession session)
        {
            // Every request to the hub's path passes the gate; a connection without its session is a mapping error.
            throw new InvalidOperationException("A web chat connection arrived without passing WidgetGate.");
        }

        Context.Items[VisitorSession.ItemKey] = session;
        await Groups.AddToGroupAsync(Context.ConnectionId, session.Group);
        connections.Add(session.Group);
        WebChatMetrics.Sessions.Inc();
        WebChatMetrics.Connections.Inc();
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(VisitorSession.ItemKey, out var item) && item is VisitorSession session)
        {
            connections.Remove(session.Group);
            WebChatMetrics.Connections.Dec();
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>The visitor's open conversation (null: none) and its lines the visitor may see, oldest first (the latest 200).</summary>
    public async Task<ChatStart> Start()
    {
        var session = Session();
        var conversationId = await grains.GetGrain<IIngestGrain>(session.Tenant).FindOpenConversationAsync(session.Tenant, Channel.WebChat, session.VisitorId);
        return conversationId is null
            ? new ChatStart(null, [])
            : new ChatStart(conversationId, await entries.HistoryAsync(session.Tenant, conversationId, HistoryLimit));
    }

    /// <summary>
    /// The visitor writes. <paramref name="clientMessageId"/> (1 to 64 characters of [A-Za-z0-9_.:-], unique per message
    /// of the visitor) makes a retry store the message once and answer the same.
    /// </summary>
    public async Task<ChatSent> Send(string clientMessageId, string text)
    {
        var session = Session();
        CheckClientId(clientMessageId);
        Limit(session);
        var request = Request(session, $"{session.VisitorId}/{clientMessageId}", text ?? "");
        return await PostAsync(session, request);
    }

    /// <summary>
    /// The visitor asks to be called back on <paramref name="phone"/> at <paramref name="atIso"/> (ISO 8601 with an offset;
    /// null: as soon as people answer). Booked by the conversation's callback step, which tells the visitor when. The same
    /// request again (same number and time, or the same day without a time) is stored once.
    /// </summary>
    public async Task<ChatSent> RequestCallback(string phone, string? atIso)
    {
        var session = Session();
        if (string.IsNullOrWhiteSpace(phone))
        {
            throw Refuse(HubErrors.Invalid("phone is required: the number to call back (E.164, e.g. +33612345678)."));
        }

        DateTimeOffset? at = null;
        if (!string.IsNullOrEmpty(atIso))
        {
            if (!DateTimeOffset.TryParse(atIso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                throw Refuse(HubErrors.Invalid("atIso is not a time: ISO 8601 with an offset (e.g. 2026-03-02T10:00:00+01:00), or null for as soon as possible."));
            }

            at = parsed;
        }

        Limit(session);
        var moment = at?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{phone.Trim()}\n{moment}")))[..16];
        var request = Request(session, $"{session.VisitorId}/callback-{digest}", CallbackText);
        request.Callback = new P.CallbackRequest { Phone = phone, At = at is { } when ? Timestamp.FromDateTimeOffset(when) : null };
        return await PostAsync(session, request);
    }

    /// <summary>The visitor is typing: the agent holding the conversation sees it. At most one every 2 seconds is passed on.</summary>
    public async Task Typing()
    {
        var session = Session();
        var now = clock.GetUtcNow();
        if (Context.Items.TryGetValue(LastTypingKey, out var last) && last is DateTimeOffset previous && now - previous < TypingEvery)
        {
            return;
        }

        Context.Items[LastTypingKey] = now;
        var integrator = WebChatIntegrator.For(session.Tenant);
        await grains.GetGrain<IIngestGrain>(session.Tenant).PostCustomerEventAsync(
            new ChannelEvent(session.Tenant, integrator.Name, ChannelEventType.Typing, "typing", null, Channel.WebChat, now, null, session.VisitorId));
    }

    private P.PostInboundRequest Request(VisitorSession session, string externalId, string text) => new()
    {
        Channel = P.Channel.Webchat,
        Sender = session.VisitorId,
        ExternalId = externalId,
        Text = text,
        Metadata = { ["webchat.widget"] = session.Widget.Name },
    };

    /// <summary>The integrators' path: the same validator, one call to the tenant's ingest grain; the visitor's other tabs on this edge see the message.</summary>
    private async Task<ChatSent> PostAsync(VisitorSession session, P.PostInboundRequest request, [CallerMemberName] string method = "")
    {
        var valid = validator.Validate(request);
        if (!valid.IsValid)
        {
            throw Refuse(HubErrors.Invalid(valid.Error.Message), method);
        }

        var message = valid.Value.ToMessage(WebChatIntegrator.For(session.Tenant), clock.GetUtcNow());
        InboundAck ack;
        try
        {
            ack = await grains.GetGrain<IIngestGrain>(session.Tenant).PostInboundAsync(message);
        }
        catch (IdempotencyConflictException)
        {
            throw Refuse(HubErrors.Of(HubErrors.Conflict, "this clientMessageId was already used for another message: use a new id per message."), method);
        }
        catch (ConversationRuleException rule)
        {
            throw Refuse(HubErrors.Of(rule.Code, rule.Message), method);
        }

        if (!ack.Duplicate)
        {
            WebChatMetrics.Messages.WithLabels("in").Inc();
            await Clients.OthersInGroup(session.Group).Message(new ChatEntry(ack.Seq, "customer", null, message.Text, message.ReceivedAt, null));
        }

        return new ChatSent(ack.ConversationId, ack.Seq);
    }

    private void CheckClientId(string? id, [CallerMemberName] string method = "")
    {
        if (id is not { Length: >= 1 and <= 64 } || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-'))
        {
            throw Refuse(HubErrors.Invalid("clientMessageId is required: 1 to 64 characters of [A-Za-z0-9_.:-], unique per message (it makes retries safe)."), method);
        }
    }

    private void Limit(VisitorSession session, [CallerMemberName] string method = "")
    {
        if (limiter.TryAcquire(session) is { } which)
        {
            WebChatMetrics.Refusals.WithLabels("rate_limited").Inc();
            var message = which == "visitor" ? "too many messages from this visitor: wait a little and send again." : "too many messages from this network address: wait a little and send again.";
            throw Refuse(HubErrors.Of(RateLimited, message), method, counted: true);
        }
    }

    private VisitorSession Session() =>
        Context.Items.TryGetValue(VisitorSession.ItemKey, out var item) && item is VisitorSession session
            ? session
            : throw new InvalidOperationException("The web chat connection has no session.");

    /// <summary>
    /// An expected refusal: counted, logged without a stack trace, each at Debug, at Information at most once per client
    /// address per <see cref="RefusalLog.Window"/> (see <see cref="RefusalLog"/>).
    /// </summary>
    private HubException Refuse(HubException error, [CallerMemberName] string method = "", bool counted = false)
    {
        var code = error.Message.Split(':', 2)[0];
        if (!counted)
        {
            WebChatMetrics.Refusals.WithLabels("invalid").Inc();
        }

        var session = Session();
        var address = RefusalLog.Address(session.RemoteIp);
        logger.LogDebug("Web chat call {Method} by a visitor of widget {Widget} from {RemoteAddress} refused: {Code}", method, session.Widget.Name, address, code);
        if (refusals.ShouldLog("webchat", address, out var suppressed))
        {
            if (suppressed == 0)
            {
                logger.LogInformation("Web chat call {Method} by a visitor of widget {Widget} from {RemoteAddress} refused: {Code}", method, session.Widget.Name, address, code);
            }
            else
            {
                logger.LogInformation("Web chat call {Method} by a visitor of widget {Widget} from {RemoteAddress} refused: {Code}; {Suppressed} more refusals from this address not logged",
                    method, session.Widget.Name, address, code, suppressed);
            }
        }

        return error;
    }
}
