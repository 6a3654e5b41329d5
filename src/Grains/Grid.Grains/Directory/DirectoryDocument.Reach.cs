namespace Grid.CustomerDirectory;

/// <summary>
/// How a customer may be reached by proactive pushes (docs/architecture.md, "Proactive pushes"): the channels they
/// consented to, the one they prefer, their time zone (for quiet hours) and whether they unsubscribed from pushes.
/// </summary>
internal static partial class DirectoryDocument
{
    /// <summary>The channel names a directory may give ("sms", "email"…), as in <see cref="Channel"/>.</summary>
    public static Channel? ChannelNamed(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Enum.TryParse<Channel>(value.Trim(), ignoreCase: true, out var channel) && channel != Channel.Unspecified
        && !int.TryParse(value, out _) ? channel : null;

    private const string ChannelNames = "sms, email, whatsapp, webchat, voice or messenger";

    private sealed partial class Draft
    {
        private readonly List<string> consent = [];
        private string? preferredChannel;
        private string? timeZone;
        private bool unsubscribed;

        public void AddConsent(string value, string field)
        {
            var channel = ChannelNamed(value) ?? throw Invalid($"{field}: '{Shorten(value)}' is not a channel; use {ChannelNames}");
            var name = channel.ToString().ToLowerInvariant();
            if (!consent.Contains(name))
            {
                consent.Add(name);
            }
        }

        public void SetPreferredChannel(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            preferredChannel = (ChannelNamed(value) ?? throw Invalid($"{field}: '{Shorten(value)}' is not a channel; use {ChannelNames}")).ToString().ToLowerInvariant();
        }

        public void SetTimeZone(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            timeZone = TimeZoneInfo.TryFindSystemTimeZoneById(value.Trim(), out var zone)
                ? zone.Id
                : throw Invalid($"{field}: '{Shorten(value)}' is not a time zone; use an IANA name such as \"Europe/Paris\"");
        }

        public void SetUnsubscribed(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            unsubscribed = value.Trim().ToLowerInvariant() switch
            {
                "true" or "yes" or "1" => true,
                "false" or "no" or "0" => false,
                _ => throw Invalid($"{field}: '{Shorten(value)}' is not a yes/no value; use true or false"),
            };
        }
    }
}
