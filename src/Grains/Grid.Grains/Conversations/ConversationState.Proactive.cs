using Grid.Conversations.Events;

namespace Grid.Conversations;

/// <summary>The conversation's proactive pushes (docs/architecture.md, "Proactive pushes").</summary>
internal sealed partial class ConversationState
{
    /// <summary>How many recent pushes the state remembers (receipts come within minutes; older ones are not matched).</summary>
    public const int MaxPushes = 16;

    /// <summary>Recent pushes by sequence number: "incidentId|messageNo", so a delivery receipt reaches its incident.</summary>
    [Id(42)] public Dictionary<long, string> Pushes { get; set; } = new();

    private void ApplyPush(long seq, IncidentPushed pushed)
    {
        // A push may open the conversation: it is the customer's, and replies go where the push went until they write.
        if (CustomerId.Length == 0)
        {
            CustomerId = pushed.CustomerId;
        }

        if (OpenedAt == default)
        {
            OpenedAt = pushed.At;
        }

        if (ReplyTo is null)
        {
            ReplyTo = new ReplyRoute(pushed.Channel, pushed.Delivery.ToAddress, pushed.Delivery.Integrator);
            CurrentChannel = pushed.Channel;
        }

        Pushes[seq] = pushed.IncidentId + "|" + pushed.MessageNo.ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (Pushes.Count > MaxPushes)
        {
            Pushes.Remove(Pushes.Keys.Min());
        }
    }

    /// <summary>The incident and message of a push by its sequence number, when remembered.</summary>
    public (string IncidentId, int MessageNo)? PushAt(long seq) =>
        Pushes.TryGetValue(seq, out var value) && value.Split('|') is [var incident, var number]
            ? (incident, int.Parse(number, System.Globalization.CultureInfo.InvariantCulture))
            : null;
}
