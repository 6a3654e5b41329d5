using System.Security.Cryptography;
using System.Text;

namespace Grid.Proactive;

/// <summary>Checks an incident's definition as a whole (pure; the audience's languages are checked by the grain against the index).</summary>
internal static class IncidentValidator
{
    public const int MaxTitleChars = 200;
    public const int MaxPayloadChars = 64 * 1024;
    public const int MaxDedupeChars = 200;
    public const int MaxChannels = PushPolicyValidator.MaxChannels;

    public static Audience Validate(IncidentDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.DedupeKey) || definition.DedupeKey.Length > MaxDedupeChars)
        {
            throw Invalid($"dedupe_key: required, at most {MaxDedupeChars} characters (the alert's id in your system, e.g. \"elevator-B-12:breakdown:2026-12-02\")");
        }

        if (string.IsNullOrWhiteSpace(definition.Title) || definition.Title.Length > MaxTitleChars)
        {
            throw Invalid($"title: required, at most {MaxTitleChars} characters");
        }

        if (definition.AlertPayload.Length > MaxPayloadChars)
        {
            throw Invalid($"alert_payload: {definition.AlertPayload.Length} characters; at most {MaxPayloadChars}");
        }

        var audience = Audience.Parse(definition.Audience);
        IncidentTemplates.Validate(definition.Templates, definition.Variables, "templates", definition.Action is not null);
        if (definition.Action is { } action)
        {
            ActionValidator.Validate(action, definition.Templates);
        }

        if (definition.FallbackLanguage is { } fallback && !definition.Templates.ContainsKey(fallback))
        {
            throw Invalid($"fallback_language: '{fallback}' has no template; give one of {string.Join(", ", definition.Templates.Keys.Order(StringComparer.Ordinal))}");
        }

        PushPolicyValidator.Validate(definition.Channels, definition.Quiet, definition.DefaultTimeZone);
        return audience;
    }

    /// <summary>The hash that tells the same alert from another under the same dedupe key.</summary>
    public static string Hash(IncidentDefinition d)
    {
        var text = string.Join('\u001d', d.DedupeKey, d.Title, d.AlertPayload, d.Audience, IncidentTemplates.Canonical(d.Templates), IncidentTemplates.Canonical(d.Variables),
            string.Join(",", d.Channels.Select(c => $"{(int)c.Channel}:{c.Integrator}")), d.Urgent, d.FallbackLanguage, d.Quiet?.StartMinute, d.Quiet?.EndMinute, d.DefaultTimeZone, ActionValidator.Canonical(d.Action));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static ProactiveRuleException Invalid(string message) => new(ProactiveRuleException.Invalid, message);
}
