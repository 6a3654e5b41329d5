using System.Text.RegularExpressions;

namespace Grid.Proactive;

/// <summary>Checks an incident participant and their updates (pure); the address is returned normalised.</summary>
internal static partial class ParticipantValidator
{
    public const int MaxParticipants = 20;
    public const int MaxNameChars = 200;
    public const int MaxStatusChars = 64;
    public const int MaxUpdateTextChars = 1000;
    public const int MaxUpdateIdChars = 64;

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex ParticipantId();

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex Role();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex Language();

    /// <summary>The participant with their address normalised; <see cref="ProactiveRuleException"/> says what to fix.</summary>
    public static ParticipantDefinition Validate(ParticipantDefinition p)
    {
        if (!ParticipantId().IsMatch(p.ParticipantId))
        {
            throw Invalid("participant_id: 1 to 64 of letters, digits and . _ : - (your id of the participant, e.g. \"tech-0042\")");
        }

        if (!Role().IsMatch(p.Role))
        {
            throw Invalid("role: 1 to 32 of lower-case letters, digits and - (\"repairer\", \"technician\")");
        }

        if (p.Name is { Length: > MaxNameChars })
        {
            throw Invalid($"name: {p.Name.Length} characters; at most {MaxNameChars}");
        }

        PushPolicyValidator.Route(p.Route, "route");
        var (address, error) = Addresses.Normalize(p.Route.Channel, p.Address);
        if (address is null)
        {
            throw Invalid($"address: {error}");
        }

        if (p.Language is { } language && !Language().IsMatch(language))
        {
            throw Invalid($"language: '{language}' is not a language; use a two-letter lower-case code (\"fr\", \"en\")");
        }

        if (p.Text is { Length: > IncidentTemplates.MaxChars })
        {
            throw Invalid($"text: {p.Text.Length} characters; a notice holds at most {IncidentTemplates.MaxChars}");
        }

        return p with { Address = address };
    }

    public static void Validate(ParticipantUpdate u)
    {
        if (u.UpdateId.Length is 0 or > MaxUpdateIdChars)
        {
            throw Invalid($"update_id: required, at most {MaxUpdateIdChars} characters (makes the call safe to retry)");
        }

        if (string.IsNullOrWhiteSpace(u.Status) || u.Status.Length > MaxStatusChars)
        {
            throw Invalid($"status: required, at most {MaxStatusChars} characters (\"on-site\", \"fixed\")");
        }

        if (u.Text is { Length: > MaxUpdateTextChars })
        {
            throw Invalid($"text: {u.Text.Length} characters; at most {MaxUpdateTextChars}");
        }
    }

    private static ProactiveRuleException Invalid(string message) => new(ProactiveRuleException.Invalid, message);
}
