using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Grid.Edge.Auth;
using Grpc.Core;
using Microsoft.Extensions.Options;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>Inbound messages and channel events: validate, resolve the identity, hand to the customer grain.</summary>
public sealed class IngestGrpcService(IGrainFactory grains, IOptions<EdgeOptions> options, TimeProvider clock)
    : P.IngestService.IngestServiceBase
{
    public override async Task<P.PostInboundResponse> PostInbound(P.PostInboundRequest request, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var integrator = GridServerInterceptor.Integrator(context);
        var (message, _, _) = Validate(request, integrator);
        var ack = await grains.GetGrain<IIngestGrain>(integrator.Tenant).PostInboundAsync(message);
        EdgeMetrics.IngestLatency.WithLabels(message.Channel.ToString().ToLowerInvariant()).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new P.PostInboundResponse
        {
            CustomerId = ack.CustomerId,
            ConversationId = ack.ConversationId,
            Seq = ack.Seq,
            Duplicate = ack.Duplicate,
        };
    }

    public override async Task<P.PostChannelEventResponse> PostChannelEvent(P.PostChannelEventRequest request, ServerCallContext context)
    {
        var integrator = GridServerInterceptor.Integrator(context);
        var type = ProtoMap.FromProto(request.Type) ?? throw Invalid("type is required: a CHANNEL_EVENT_TYPE_* value");
        Require(request.ExternalId, "external_id", 200);
        if (request.Detail.Length > 1000)
        {
            throw Invalid($"detail is {request.Detail.Length} characters; the limit is 1000");
        }

        var at = request.At?.ToDateTimeOffset() ?? clock.GetUtcNow();
        if (type.IsReceipt())
        {
            Require(request.OutboundId, "outbound_id", 300);
            if (!OutboundIds.TryParse(request.OutboundId, out var conversationId, out _) || !TenantId.IsValid(conversationId))
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"outbound_id '{request.OutboundId}' is not an outbound message of this tenant"));
            }

            var conversation = grains.GetGrain<IConversationGrain>(GridKeys.Of(integrator.Tenant, conversationId));
            if (!await conversation.ExistsAsync())
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"outbound_id '{request.OutboundId}' is not an outbound message of this tenant"));
            }

            await conversation.RecordChannelEventAsync(new ChannelEvent(
                integrator.Tenant, integrator.Name, type, request.ExternalId, request.OutboundId, Channel.Unspecified, at, Empty(request.Detail), null));
            return new P.PostChannelEventResponse { ConversationId = conversationId };
        }

        var channel = ProtoMap.FromProto(request.Channel) ?? throw Invalid("channel is required for calls and typing");
        Require(request.Sender, "sender", 320);
        var (normalized, error) = Addresses.Normalize(channel, request.Sender);
        if (normalized is null)
        {
            throw Invalid(error!);
        }

        var recordedIn = await grains.GetGrain<IIngestGrain>(integrator.Tenant).PostCustomerEventAsync(new ChannelEvent(
            integrator.Tenant, integrator.Name, type, request.ExternalId, null, channel, at, Empty(request.Detail), normalized));
        return new P.PostChannelEventResponse { ConversationId = recordedIn ?? "" };
    }

    private (InboundMessage Message, AddressKind Kind, string Normalized) Validate(P.PostInboundRequest request, IntegratorIdentity integrator)
    {
        var limits = options.Value.Limits;
        var channel = ProtoMap.FromProto(request.Channel)
            ?? throw Invalid("channel is required: one of CHANNEL_SMS, CHANNEL_EMAIL, CHANNEL_WHATSAPP, CHANNEL_WEBCHAT, CHANNEL_VOICE, CHANNEL_MESSENGER");
        Require(request.Sender, "sender", 320, "the customer's address on the channel");
        Require(request.ExternalId, "external_id", 200, "the integrator's id of this message, used as idempotency key");
        var (normalized, error) = Addresses.Normalize(channel, request.Sender);
        if (normalized is null)
        {
            throw Invalid(error!);
        }

        if (string.IsNullOrWhiteSpace(request.Text) && request.Attachments.Count == 0)
        {
            throw Invalid("text is empty: send the message text (or at least one attachment)");
        }

        if (request.Text.Length > limits.MaxTextLength)
        {
            throw Invalid($"text is {request.Text.Length} characters; the limit is {limits.MaxTextLength}");
        }

        if (request.Attachments.Count > limits.MaxAttachments)
        {
            throw Invalid($"{request.Attachments.Count} attachments; the limit is {limits.MaxAttachments}");
        }

        var attachments = new List<Attachment>(request.Attachments.Count);
        foreach (var a in request.Attachments)
        {
            if (!Uri.TryCreate(a.Uri, UriKind.Absolute, out _) || a.Uri.Length > 2048)
            {
                throw Invalid("every attachment needs an absolute uri of at most 2048 characters");
            }

            if (string.IsNullOrWhiteSpace(a.MediaType) || a.SizeBytes < 0)
            {
                throw Invalid("every attachment needs a media_type and a size_bytes >= 0");
            }

            attachments.Add(new Attachment(a.Uri, a.MediaType, a.SizeBytes, Empty(a.FileName)));
        }

        if (request.Metadata.Count > limits.MaxMetadataEntries || request.Metadata.Any(m => m.Key.Length is 0 or > 100 || m.Value.Length > 1000))
        {
            throw Invalid($"metadata allows at most {limits.MaxMetadataEntries} entries, keys of 1 to 100 and values of at most 1000 characters");
        }

        EmailHeaders? email = null;
        if (request.Email is { } headers)
        {
            if (channel != Channel.Email)
            {
                throw Invalid("email headers are only for channel CHANNEL_EMAIL");
            }

            email = new EmailHeaders(Empty(headers.Subject), Empty(headers.MessageId), Empty(headers.InReplyTo), [.. headers.References]);
        }

        var now = clock.GetUtcNow();
        var message = new InboundMessage(
            integrator.Tenant, integrator.Name, channel, normalized, request.ExternalId,
            request.SentAt?.ToDateTimeOffset() ?? now, request.Text, email, attachments,
            new Dictionary<string, string>(request.Metadata), now, PayloadHash(channel, normalized, request));
        return (message, Addresses.KindOf(channel), normalized);
    }

    /// <summary>What makes a retry "the same message": channel, sender, text, email headers and attachments.</summary>
    private static string PayloadHash(Channel channel, string sender, P.PostInboundRequest request)
    {
        var canonical = new StringBuilder()
            .Append(channel).Append('\n').Append(sender).Append('\n').Append(request.Text).Append('\n')
            .Append(request.Email?.Subject).Append('\n').Append(request.Email?.MessageId).Append('\n');
        foreach (var a in request.Attachments)
        {
            canonical.Append(a.Uri).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static void Require(string value, string field, int maxLength, string? what = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid(what is null ? $"{field} is required" : $"{field} is required: {what}");
        }

        if (value.Length > maxLength)
        {
            throw Invalid($"{field} is {value.Length} characters; the limit is {maxLength}");
        }
    }

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;

    private static RpcException Invalid(string message)
    {
        EdgeMetrics.InboundRejected.WithLabels("invalid").Inc();
        return new RpcException(new Status(StatusCode.InvalidArgument, message));
    }
}
