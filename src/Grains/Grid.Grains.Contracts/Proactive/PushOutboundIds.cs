using System.Globalization;

namespace Grid.Proactive;

/// <summary>
/// The outbound id of an incident's push, written to the outbox before the push is in a conversation
/// (docs/architecture.md, "Proactive pushes"): <c>push/{incidentId}/{messageNo}/{channel}/{customerId}</c>. It is derived
/// from what the push is, so a batch redone after a crash names the same rows (the outbox's unique index ignores them),
/// and a receipt quoting it finds its incident and delivery without a lookup. It never parses as an
/// <see cref="OutboundIds"/> id of a conversation (conversation ids start with "cnv_"; this has no ':').
/// </summary>
public static class PushOutboundIds
{
    public const string Prefix = "push/";

    public static string Format(string incidentId, int messageNo, Channel channel, string customerId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{incidentId}/{messageNo}/{(int)channel}/{customerId}");

    /// <summary>Splits a push's outbound id; false when it is not one (a conversation's id, or malformed).</summary>
    public static bool TryParse(string? outboundId, out string incidentId, out int messageNo, out Channel channel, out string customerId)
    {
        (incidentId, messageNo, channel, customerId) = ("", 0, Channel.Unspecified, "");
        if (outboundId is null || !outboundId.StartsWith(Prefix, StringComparison.Ordinal)
            || outboundId[Prefix.Length..].Split('/') is not [var incident, var number, var channelNumber, var customer]
            || !IncidentIds.IsValid(incident) || !CustomerIds.IsValid(customer)
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out messageNo) || messageNo <= 0
            || !int.TryParse(channelNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || !Enum.IsDefined((Channel)c) || c == 0)
        {
            messageNo = 0;
            return false;
        }

        (incidentId, channel, customerId) = (incident, (Channel)c, customer);
        return true;
    }
}
