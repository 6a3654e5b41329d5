using System.Globalization;

namespace Grid;

/// <summary>
/// The one definition of an outbound message's id: <c>{conversationId}:{seq}</c>, the conversation and the journal
/// sequence number of the message. Stable across re-deliveries; integrators dedupe on it and quote it in receipts.
/// </summary>
public static class OutboundIds
{
    public static string Format(string conversationId, long seq) => conversationId + ":" + seq.ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits an outbound id; false when it is not of the form conversation:seq.</summary>
    public static bool TryParse(string? outboundId, out string conversationId, out long seq)
    {
        conversationId = "";
        seq = 0;
        var separator = outboundId?.LastIndexOf(':') ?? -1;
        if (separator <= 0
            || !long.TryParse(outboundId.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out seq)
            || seq <= 0)
        {
            return false;
        }

        conversationId = outboundId![..separator];
        return true;
    }
}
