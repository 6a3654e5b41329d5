using Grid.Conversations.Events;

namespace Grid.Storage;

/// <summary>The one place an event that messages the customer becomes an outbox row, once its sequence number is known.</summary>
internal static class OutboxRows
{
    /// <summary>The domain of the Message-IDs Grid suggests for outbound emails (connectors should send them as is).</summary>
    public const string MessageIdDomain = "grid.invalid";

    /// <summary>The row of a message event (none for a push whose row the incident's batch wrote first: <see cref="IncidentPushed.OutboundId"/>).</summary>
    public static OutboxRow? From(string conversationId, string customerId, long seq, ConversationEvent e)
    {
        if (e is ActionAnswered answered)
        {
            // Not a message to the customer: the answer for the tenant's system, on its integrator's outbound stream.
            var result = new ActionResult(answered.IncidentId, answered.MessageNo,
                answered.IncidentId + "/" + answered.MessageNo.ToString(System.Globalization.CultureInfo.InvariantCulture), answered.Kind, answered.ChoiceId,
                answered.ChoiceLabel, answered.Language);
            return new OutboxRow(answered.Delivery.Integrator, new OutboundMessage(0, OutboundIds.Format(conversationId, seq), conversationId, seq, Channel.Unspecified, "", "",
                EntryKind.Event, "customer:" + answered.CustomerId, e.At, null, customerId, result));
        }

        var (text, author, kind, delivery) = e switch
        {
            AgentReplied r => (r.Text, "agent:" + r.AgentId, EntryKind.AgentMessage, r.Delivery),
            BotAnswered b => (b.Text, "bot", EntryKind.BotMessage, b.Delivery),
            CustomerNotified n => (n.Text, "system", EntryKind.SystemMessage, n.Delivery),
            IncidentPushed { OutboundId: null } p => (p.Text, Proactive.ProactivePush.AuthorOf(p.IncidentId), EntryKind.SystemMessage, p.Delivery),
            _ => default((string, string, EntryKind, OutboundDelivery?)),
        };
        if (delivery is null)
        {
            return null;
        }

        var outboundId = OutboundIds.Format(conversationId, seq);
        var email = delivery.Email is { } headers ? headers with { MessageId = MessageId(outboundId) } : null;
        return new OutboxRow(delivery.Integrator, new OutboundMessage(0, outboundId, conversationId, seq, e.Channel, delivery.ToAddress, text, kind, author, e.At, email, customerId));
    }

    /// <summary>The Message-ID suggested for an outbound email, indexed so that the customer's reply threads back.</summary>
    public static string MessageId(string outboundId) => "<" + outboundId.Replace(':', '.') + "@" + MessageIdDomain + ">";

    /// <summary>The email Message-IDs a unit's events carry (inbound and suggested outbound), for the thread index.</summary>
    public static IEnumerable<string> ThreadIds(CustomerWrote? wrote, IEnumerable<OutboxRow> outbound)
    {
        if (wrote?.Email?.MessageId is { Length: > 0 } inbound)
        {
            yield return inbound;
        }

        foreach (var message in outbound)
        {
            if (message.Message.Email?.MessageId is { Length: > 0 } id)
            {
                yield return id;
            }
        }
    }
}
