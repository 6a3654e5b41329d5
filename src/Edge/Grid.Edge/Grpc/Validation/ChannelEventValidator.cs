using Grid.Edge.Auth;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc.Validation;

/// <summary>
/// Checks a PostChannelEvent request without side effects: type, external id, detail, time, then the outbound id of
/// a receipt or the channel and sender of a call or typing event; no control characters and no lone surrogates.
/// </summary>
public static class ChannelEventValidator
{
    public const int MaxExternalIdLength = 200;
    public const int MaxDetailLength = 1000;
    public const int MaxOutboundIdLength = 300;
    public const int MaxSenderLength = 320;

    /// <summary>The validated event, or the first thing wrong with it.</summary>
    public static Validated<ValidChannelEvent> Validate(P.PostChannelEventRequest request)
    {
        if (ProtoMap.FromProto(request.Type) is not { } type)
        {
            return new ValidationError("type", "type is required: a CHANNEL_EVENT_TYPE_* value");
        }

        var error = TextRules.Require(request.ExternalId, "external_id", MaxExternalIdLength)
            ?? TextRules.Characters(request.ExternalId, "external_id")
            ?? (request.Detail.Length > MaxDetailLength ? new ValidationError("detail", $"detail is {request.Detail.Length} characters; the limit is {MaxDetailLength}") : null)
            ?? TextRules.Characters(request.Detail, "detail")
            ?? TextRules.Time(request.At, "at");
        if (error is not null)
        {
            return error;
        }

        var valid = new ValidChannelEvent(type, request.ExternalId, request.Detail.Length == 0 ? null : request.Detail, request.At?.ToDateTimeOffset());
        if (type.IsReceipt())
        {
            if ((TextRules.Require(request.OutboundId, "outbound_id", MaxOutboundIdLength) ?? TextRules.Characters(request.OutboundId, "outbound_id")) is { } badOutboundId)
            {
                return badOutboundId;
            }

            var conversationId = OutboundIds.TryParse(request.OutboundId, out var parsed, out _) && Auth.TenantId.IsValid(parsed) ? parsed : "";
            return valid with { OutboundId = request.OutboundId, ConversationId = conversationId };
        }

        if (ProtoMap.FromProto(request.Channel) is not { } channel)
        {
            return new ValidationError("channel", "channel is required for calls and typing");
        }

        if ((TextRules.Require(request.Sender, "sender", MaxSenderLength) ?? TextRules.Characters(request.Sender, "sender")) is { } badSender)
        {
            return badSender;
        }

        var (sender, senderError) = Addresses.Normalize(channel, request.Sender);
        return sender is null ? new ValidationError("sender", senderError!) : valid with { Channel = channel, Sender = sender };
    }
}
