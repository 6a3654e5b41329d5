using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grid.CustomerDirectory;

namespace Grid.Proactive;

/// <summary>Checks a scheduled push's definition as a whole (pure; the customer's record is read by the grain and passed in).</summary>
internal static class ScheduledPushValidator
{
    /// <summary>How far in the past a due time may be (a clock a little behind, a retry): such a push goes at once.</summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromSeconds(60);

    /// <summary>How far ahead a push may be scheduled.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    public const int MaxKeyChars = 200;

    public static void Validate(ScheduledPushDefinition definition, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(definition.IdempotencyKey) || definition.IdempotencyKey.Length > MaxKeyChars)
        {
            throw Invalid($"idempotency_key: required, at most {MaxKeyChars} characters (your id of this push, e.g. \"appointment-4711:reminder\")");
        }

        if (!ScheduledPushKinds.All.Contains(definition.Kind, StringComparer.Ordinal))
        {
            throw Invalid("kind: required; one of SCHEDULED_PUSH_KIND_CALLBACK, SCHEDULED_PUSH_KIND_APPOINTMENT_REMINDER, SCHEDULED_PUSH_KIND_FOLLOW_UP");
        }

        if (definition.DueAt < now - PastTolerance)
        {
            throw Invalid($"due_at_unix_ms: {Format(definition.DueAt)} is {Minutes(now - definition.DueAt)} in the past (now is {Format(now)}); give a time from now on "
                + $"(a push due at most {PastTolerance.TotalSeconds:0} seconds ago is sent at once)");
        }

        if (definition.DueAt > now + MaxAhead)
        {
            throw Invalid($"due_at_unix_ms: {Format(definition.DueAt)} is more than {MaxAhead.TotalDays:0} days ahead; schedule it later, closer to its time");
        }

        IncidentTemplates.Validate(definition.Templates, definition.Variables, "templates");
        if (definition.FallbackLanguage is { } fallback && !definition.Templates.ContainsKey(fallback))
        {
            throw Invalid($"fallback_language: '{fallback}' has no template; give one of {string.Join(", ", definition.Templates.Keys.Order(StringComparer.Ordinal))}");
        }

        PushPolicyValidator.Validate(definition.Channels, definition.Quiet, definition.DefaultTimeZone);
    }

    /// <summary>The customer's language needs a template, unless a fallback is given.</summary>
    public static void CheckLanguage(ScheduledPushDefinition definition, DirectoryCustomer customer)
    {
        if (definition.FallbackLanguage is null && customer.Language is { } language && !definition.Templates.ContainsKey(language))
        {
            throw Invalid($"templates: no template for '{language}', the language of customer {definition.CustomerId}; add one, or give fallback_language");
        }
    }

    /// <summary>The hash that tells the same push from another under the same idempotency key.</summary>
    public static string Hash(ScheduledPushDefinition d)
    {
        var text = string.Join('\u001d', d.CustomerId, d.Kind, d.DueAt.ToUnixTimeMilliseconds(), IncidentTemplates.Canonical(d.Templates), IncidentTemplates.Canonical(d.Variables),
            string.Join(",", d.Channels.Select(c => $"{(int)c.Channel}:{c.Integrator}")), d.Urgent, d.FallbackLanguage, d.Quiet?.StartMinute, d.Quiet?.EndMinute, d.DefaultTimeZone,
            d.IdempotencyKey);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// The definition as the policy <see cref="PushPlanner"/> reads (channels, urgency, quiet hours, time zone, fallback):
    /// a scheduled push is planned exactly as an incident's push to one customer.
    /// </summary>
    public static IncidentDefinition Policy(ScheduledPushDefinition d) =>
        new(d.IdempotencyKey, d.Kind, "", "", d.Templates, d.Variables, d.Channels, d.Urgent, d.FallbackLanguage, d.Quiet, d.DefaultTimeZone);

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan span) =>
        span.TotalMinutes >= 2 ? $"{span.TotalMinutes:0} minutes" : $"{span.TotalSeconds:0} seconds";

    private static ProactiveRuleException Invalid(string message) => new(ProactiveRuleException.Invalid, message);
}
