namespace Grid.Proactive;

/// <summary>
/// The channel policy shared by incidents and scheduled pushes (pure): channels in order of preference with their
/// integrators, quiet hours and the default time zone; and one route as an incident's participant gives it.
/// </summary>
internal static class PushPolicyValidator
{
    public const int MaxChannels = 6;

    public const int MaxIntegratorChars = 64;

    public static void Validate(IReadOnlyList<ChannelRoute> channels, PushQuietHours? quiet, string? zone)
    {
        if (channels.Count == 0 || channels.Count > MaxChannels)
        {
            throw Invalid($"channels: 1 to {MaxChannels} channels in order of preference, each with the integrator that sends it");
        }

        for (var i = 0; i < channels.Count; i++)
        {
            var route = channels[i];
            Route(route, $"channels[{i}]");
            if (channels.Take(i).Any(r => r.Channel == route.Channel))
            {
                throw Invalid($"channels[{i}]: {route.Channel} is listed twice");
            }
        }

        if (quiet is { } hours && (hours.StartMinute is < 0 or >= 1440 || hours.EndMinute is < 0 or >= 1440 || hours.StartMinute == hours.EndMinute))
        {
            throw Invalid("quiet_hours: start and end are minutes after midnight (0 to 1439), and differ");
        }

        if (zone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw Invalid($"default_time_zone: '{zone}' is not a time zone; use an IANA name such as \"Europe/Paris\"");
        }
    }

    /// <summary>A channel that can carry a push (SMS, email, WhatsApp, voice) and the integrator that sends it.</summary>
    public static void Route(ChannelRoute route, string field)
    {
        if (route.Channel is not (Channel.Sms or Channel.Email or Channel.WhatsApp or Channel.Voice))
        {
            throw Invalid($"{field}: {route.Channel} cannot carry a push; use SMS, email, WhatsApp or voice");
        }

        if (string.IsNullOrWhiteSpace(route.Integrator) || route.Integrator.Length > MaxIntegratorChars)
        {
            throw Invalid($"{field}.integrator: required (the integrator whose outbound stream sends {route.Channel})");
        }
    }

    private static ProactiveRuleException Invalid(string message) => new(ProactiveRuleException.Invalid, message);
}
