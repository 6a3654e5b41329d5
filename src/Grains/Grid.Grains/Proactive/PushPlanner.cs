using Grid.CustomerDirectory;

namespace Grid.Proactive;

/// <summary>What to do for one customer and one incident message.</summary>
internal abstract record PushPlan;

/// <summary>Nobody to push to: why ("unsubscribed", "no-consent", "no-reachable-channel", "no-template").</summary>
internal sealed record SkipPlan(string Reason) : PushPlan;

/// <summary>The customer is in their quiet hours: push when they end.</summary>
internal sealed record DeferPlan(DateTimeOffset Until) : PushPlan;

/// <summary>Push on this channel, to this address, in this language.</summary>
internal sealed record SendPlan(ChannelRoute Route, string Address, string Language, string Text) : PushPlan;

/// <summary>No channel left after the tried ones failed.</summary>
internal sealed record ExhaustedPlan : PushPlan;

/// <summary>
/// Decides one customer's push (pure, unit-tested): unsubscribed customers are skipped; the channels are the incident's
/// routes in order with the customer's preferred one first, kept when the customer has an address on it (email for
/// email, the phone for SMS, WhatsApp and voice) and consented to it; quiet hours in the customer's time zone defer a
/// non-urgent push to their end; channels already tried (failed deliveries) are passed over.
/// </summary>
internal static class PushPlanner
{
    public static class Reasons
    {
        public const string Unsubscribed = "unsubscribed";
        public const string NoConsent = "no-consent";
        public const string NoReachableChannel = "no-reachable-channel";
        public const string NoTemplate = "no-template";
        public const string NotInDirectory = "not-in-directory";
    }

    public static PushPlan Plan(DirectoryCustomer? customer, IncidentDefinition incident, IReadOnlyDictionary<string, string> texts, DateTimeOffset now,
        IReadOnlyCollection<Channel>? tried = null, bool ignoreQuietHours = false)
    {
        if (customer is null)
        {
            return new SkipPlan(Reasons.NotInDirectory);
        }

        if (customer.Unsubscribed)
        {
            return new SkipPlan(Reasons.Unsubscribed);
        }

        var routes = incident.Channels.OrderBy(r => customer.PreferredChannel is { } preferred && r.Channel.ToString().Equals(preferred, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ToList();
        var reachable = routes.Select(r => (Route: r, Address: AddressOn(customer, r.Channel))).Where(r => r.Address is not null).ToList();
        if (reachable.Count == 0)
        {
            return new SkipPlan(Reasons.NoReachableChannel);
        }

        var consent = customer.Consent ?? [];
        var allowed = reachable.Where(r => consent.Contains(r.Route.Channel.ToString().ToLowerInvariant(), StringComparer.Ordinal)).ToList();
        if (allowed.Count == 0)
        {
            return new SkipPlan(Reasons.NoConsent);
        }

        if (IncidentTemplates.LanguageFor(customer.Language, texts, incident.FallbackLanguage) is not { } language)
        {
            return new SkipPlan(Reasons.NoTemplate);
        }

        var next = allowed.FirstOrDefault(r => tried is null || !tried.Contains(r.Route.Channel));
        if (next.Route is null)
        {
            return new ExhaustedPlan();
        }

        if (!incident.Urgent && !ignoreQuietHours && incident.Quiet is { } quiet && QuietUntil(quiet, Zone(customer.TimeZone ?? incident.DefaultTimeZone), now) is { } until)
        {
            return new DeferPlan(until);
        }

        return new SendPlan(next.Route, next.Address!, language, texts[language]);
    }

    /// <summary>The customer's address on a channel, if any.</summary>
    public static string? AddressOn(DirectoryCustomer customer, Channel channel) => Addresses.KindOf(channel) switch
    {
        AddressKind.Email => customer.Contacts.Select(c => c.Email).FirstOrDefault(e => e is not null),
        AddressKind.Phone => customer.Contacts.Select(c => c.Phone).FirstOrDefault(p => p is not null),
        _ => null,
    };

    /// <summary>When the quiet hours around <paramref name="now"/> end (UTC), or null when it is not quiet there.</summary>
    public static DateTimeOffset? QuietUntil(PushQuietHours quiet, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var minute = (local.Hour * 60) + local.Minute;
        var (start, end) = (quiet.StartMinute, quiet.EndMinute);
        var inside = start < end ? minute >= start && minute < end : start > end && (minute >= start || minute < end);
        if (!inside)
        {
            return null;
        }

        var day = local.Date.AddDays(start > end && minute >= start ? 1 : 0);
        var endLocal = day.AddMinutes(end);
        while (zone.IsInvalidTime(endLocal))
        {
            endLocal = endLocal.AddMinutes(30); // a daylight-saving gap: the first valid time after it
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(endLocal, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
    }

    public static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
