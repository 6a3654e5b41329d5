using System.Text;

namespace Grid;

/// <summary>Customers' addresses: the address space of each channel and the normal form of an address.</summary>
public static class Addresses
{
    public static AddressKind KindOf(Channel channel) => channel switch
    {
        Channel.Sms or Channel.WhatsApp or Channel.Voice => AddressKind.Phone,
        Channel.Email => AddressKind.Email,
        Channel.WebChat => AddressKind.WebVisitor,
        Channel.Messenger => AddressKind.Messenger,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    /// <summary>The normalised address, or null with the reason it is not valid for the channel.</summary>
    public static (string? Normalized, string? Error) Normalize(Channel channel, string sender)
    {
        var trimmed = sender.Trim();
        switch (KindOf(channel))
        {
            case AddressKind.Phone:
                var digits = new StringBuilder();
                foreach (var c in trimmed)
                {
                    if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
                    {
                        digits.Append(c);
                    }
                    else if (c is not (' ' or '-' or '.' or '(' or ')'))
                    {
                        return (null, "sender must be a phone number (E.164, e.g. +33612345678)");
                    }
                }

                var count = digits.ToString().TrimStart('+').Length;
                return count is >= 5 and <= 15 ? (digits.ToString(), null) : (null, "sender must be a phone number of 5 to 15 digits (E.164, e.g. +33612345678)");
            case AddressKind.Email:
                var at = trimmed.LastIndexOf('@');
                return at > 0 && at < trimmed.Length - 1 && trimmed.Length <= 320 && !trimmed.Contains(' ', StringComparison.Ordinal)
                    ? (trimmed.ToLowerInvariant(), null)
                    : (null, "sender must be an email address");
            default:
                return trimmed.Length is > 0 and <= 200 ? (trimmed, null) : (null, "sender must be 1 to 200 characters");
        }
    }

    /// <summary>The domain of a normalised email address ("example.com"), or null.</summary>
    public static string? EmailDomain(string normalizedEmail)
    {
        var at = normalizedEmail.LastIndexOf('@');
        return at > 0 ? normalizedEmail[(at + 1)..] : null;
    }
}
