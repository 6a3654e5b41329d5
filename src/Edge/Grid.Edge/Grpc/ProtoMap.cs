using Google.Protobuf.WellKnownTypes;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>Maps between the gRPC contract and the grain records.</summary>
internal static class ProtoMap
{
    public static Channel? FromProto(P.Channel channel) => channel switch
    {
        P.Channel.Sms => Channel.Sms,
        P.Channel.Email => Channel.Email,
        P.Channel.Whatsapp => Channel.WhatsApp,
        P.Channel.Webchat => Channel.WebChat,
        P.Channel.Voice => Channel.Voice,
        P.Channel.Messenger => Channel.Messenger,
        _ => null,
    };

    public static P.Channel ToProto(Channel channel) => channel switch
    {
        Channel.Sms => P.Channel.Sms,
        Channel.Email => P.Channel.Email,
        Channel.WhatsApp => P.Channel.Whatsapp,
        Channel.WebChat => P.Channel.Webchat,
        Channel.Voice => P.Channel.Voice,
        Channel.Messenger => P.Channel.Messenger,
        _ => P.Channel.Unspecified,
    };

    public static ChannelEventType? FromProto(P.ChannelEventType type) => type switch
    {
        P.ChannelEventType.Sent => ChannelEventType.Sent,
        P.ChannelEventType.Delivered => ChannelEventType.Delivered,
        P.ChannelEventType.Read => ChannelEventType.Read,
        P.ChannelEventType.Failed => ChannelEventType.Failed,
        P.ChannelEventType.CallStarted => ChannelEventType.CallStarted,
        P.ChannelEventType.CallEnded => ChannelEventType.CallEnded,
        P.ChannelEventType.CallMissed => ChannelEventType.CallMissed,
        P.ChannelEventType.Typing => ChannelEventType.Typing,
        _ => null,
    };

    public static P.ConversationStatus ToProto(ConversationStatus status) => status switch
    {
        ConversationStatus.New or ConversationStatus.Bot => P.ConversationStatus.Bot,
        ConversationStatus.Queued => P.ConversationStatus.Queued,
        ConversationStatus.Offered => P.ConversationStatus.Offered,
        ConversationStatus.WithAgent => P.ConversationStatus.WithAgent,
        ConversationStatus.Resolved => P.ConversationStatus.Resolved,
        ConversationStatus.Closed => P.ConversationStatus.Closed,
        _ => P.ConversationStatus.Unspecified,
    };

    public static P.EntryKind ToProto(EntryKind kind) => kind switch
    {
        EntryKind.CustomerMessage => P.EntryKind.CustomerMessage,
        EntryKind.AgentMessage => P.EntryKind.AgentMessage,
        EntryKind.BotMessage => P.EntryKind.BotMessage,
        EntryKind.SystemMessage => P.EntryKind.SystemMessage,
        EntryKind.Event => P.EntryKind.Event,
        EntryKind.InternalNote => P.EntryKind.InternalNote,
        _ => P.EntryKind.Unspecified,
    };

    public static P.EmailHeaders? ToProto(EmailHeaders? email)
    {
        if (email is null)
        {
            return null;
        }

        var proto = new P.EmailHeaders
        {
            Subject = email.Subject ?? "",
            MessageId = email.MessageId ?? "",
            InReplyTo = email.InReplyTo ?? "",
        };
        proto.References.AddRange(email.References);
        proto.Cc.AddRange(email.Cc);
        return proto;
    }

    public static P.Entry ToProto(JournalEntry entry)
    {
        var proto = new P.Entry
        {
            ConversationId = entry.ConversationId,
            Seq = entry.Seq,
            Kind = ToProto(entry.Kind),
            At = Timestamp.FromDateTimeOffset(entry.At),
            Channel = ToProto(entry.Channel),
            Author = entry.Author,
            Text = entry.Text ?? "",
            EventType = entry.EventType ?? "",
            Reason = entry.Reason ?? "",
            ExternalId = entry.ExternalId ?? "",
            Email = ToProto(entry.Email),
            SentAt = entry.SentAt is { } sentAt ? Timestamp.FromDateTimeOffset(sentAt) : null,
            OutboundId = entry.OutboundId ?? "",
        };
        proto.Attachments.AddRange(entry.Attachments.Select(a => new P.Attachment
        {
            Uri = a.Uri,
            MediaType = a.MediaType,
            SizeBytes = a.SizeBytes,
            FileName = a.FileName ?? "",
        }));
        foreach (var (key, value) in entry.Metadata)
        {
            proto.Metadata[key] = value;
        }
        return proto;
    }

    public static P.Conversation ToProto(ConversationView view) => new()
    {
        ConversationId = view.ConversationId,
        CustomerId = view.CustomerId,
        Status = ToProto(view.Status),
        StatusReason = view.StatusReason ?? "",
        CurrentChannel = ToProto(view.CurrentChannel),
        AssignedAgent = view.AssignedAgent ?? "",
        Participants = { view.Participants },
        Queue = view.Queue,
        LastSeq = view.LastSeq,
        OpenedAt = Timestamp.FromDateTimeOffset(view.OpenedAt),
        ResolvedAt = view.ResolvedAt is { } resolved ? Timestamp.FromDateTimeOffset(resolved) : null,
    };

    public static P.OutboundMessage ToProto(OutboundMessage message) => new()
    {
        OutboundId = message.OutboundId,
        ConversationId = message.ConversationId,
        Seq = message.Seq,
        Channel = ToProto(message.Channel),
        To = message.ToAddress,
        Text = message.Text,
        Kind = ToProto(message.Kind),
        Author = message.Author,
        CreatedAt = Timestamp.FromDateTimeOffset(message.CreatedAt),
        Email = ToProto(message.Email),
        CustomerId = message.CustomerId,
        ActionResult = message.Action is { } action
            ? new P.ActionResult
            {
                IncidentId = action.IncidentId, MessageNo = action.MessageNo, ActionId = action.ActionId, Kind = action.Kind, ChoiceId = action.ChoiceId,
                ChoiceLabel = action.ChoiceLabel, Language = action.Language,
            }
            : null,
    };
}
