using Google.Protobuf.WellKnownTypes;
using Grid.Edge.Grpc.Validation;
using P = Grid.Protos.V1;

namespace Grid.Tests.EdgeUnits;

/// <summary>The PostChannelEvent rules, without a host.</summary>
public sealed class ChannelEventValidatorTests
{
    [Fact]
    public void A_receipt_names_its_outbound_message_and_conversation()
    {
        var result = ChannelEventValidator.Validate(new P.PostChannelEventRequest
        {
            Type = P.ChannelEventType.Delivered,
            ExternalId = "r1",
            OutboundId = "cnv_abc:7",
            At = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
        });

        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal(("cnv_abc:7", "cnv_abc", Channel.Unspecified, DateTimeOffset.UnixEpoch), (result.Value.OutboundId, result.Value.ConversationId, result.Value.Channel, result.Value.At));
        Assert.Null(result.Value.Detail);
    }

    [Fact]
    public void An_outbound_id_without_conversation_has_an_empty_conversation_id()
    {
        var result = ChannelEventValidator.Validate(new P.PostChannelEventRequest { Type = P.ChannelEventType.Read, ExternalId = "r2", OutboundId = "nothing" });
        Assert.Equal("", result.Value!.ConversationId);
    }

    [Fact]
    public void A_call_or_typing_event_names_the_normalised_customer()
    {
        var result = ChannelEventValidator.Validate(new P.PostChannelEventRequest
        {
            Type = P.ChannelEventType.CallMissed,
            ExternalId = "c1",
            Channel = P.Channel.Voice,
            Sender = "+33 6 12 34 56 78",
            Detail = "no answer",
        });

        Assert.True(result.IsValid, result.Error?.Message);
        Assert.Equal((Channel.Voice, "+33612345678", "no answer"), (result.Value.Channel, result.Value.Sender, result.Value.Detail));
        var recorded = result.Value.ToEvent(new Grid.Edge.Auth.IntegratorIdentity("gw", "acme"), DateTimeOffset.UnixEpoch);
        Assert.Equal(("acme", "gw", DateTimeOffset.UnixEpoch, (string?)null), (recorded.Tenant, recorded.Integrator, recorded.At, recorded.OutboundId));
    }

    public static TheoryData<P.PostChannelEventRequest, string, string> Invalid() => new()
    {
        { new P.PostChannelEventRequest { ExternalId = "x" }, "type", "type is required: a CHANNEL_EVENT_TYPE_* value" },
        { new P.PostChannelEventRequest { Type = P.ChannelEventType.Sent }, "external_id", "external_id is required" },
        { new P.PostChannelEventRequest { Type = P.ChannelEventType.Sent, ExternalId = "x", Detail = new string('d', 1001) }, "detail", "detail is 1001 characters; the limit is 1000" },
        { new P.PostChannelEventRequest { Type = P.ChannelEventType.Sent, ExternalId = "x" }, "outbound_id", "outbound_id is required" },
        { new P.PostChannelEventRequest { Type = P.ChannelEventType.Typing, ExternalId = "x", Sender = "+33612345678" }, "channel", "channel is required for calls and typing" },
        { new P.PostChannelEventRequest { Type = P.ChannelEventType.Typing, ExternalId = "x", Channel = P.Channel.Sms }, "sender", "sender is required" },
        { new P.PostChannelEventRequest { Type = P.ChannelEventType.Typing, ExternalId = "x", Channel = P.Channel.Sms, Sender = "nope" }, "sender", "sender must be a phone number" },
        { new P.PostChannelEventRequest { Type = P.ChannelEventType.Failed, ExternalId = "x", OutboundId = "c:1", Detail = "bounced\u0007" }, "detail", "detail contains a control character (U+0007) at position 7; remove it" },
        { new P.PostChannelEventRequest { Type = P.ChannelEventType.Failed, ExternalId = "x\0", OutboundId = "c:1" }, "external_id", "external_id contains a control character (U+0000) at position 1" },
        { new P.PostChannelEventRequest { Type = P.ChannelEventType.Failed, ExternalId = "x", OutboundId = "c:1", At = new Timestamp { Nanos = 2_000_000_000 } }, "at", "at is not a valid timestamp" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_events_name_the_field(P.PostChannelEventRequest request, string field, string message)
    {
        var result = ChannelEventValidator.Validate(request);
        Assert.False(result.IsValid);
        Assert.Equal(field, result.Error.Field);
        Assert.Contains(message, result.Error.Message);
    }
}
