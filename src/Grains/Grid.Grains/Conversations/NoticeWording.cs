using System.Text.RegularExpressions;
using Grid.Escalation;

namespace Grid.Conversations;

/// <summary>
/// A tenant's wording of the messages Grid sends by itself (<see cref="NoticeTemplate"/>s of its escalation policy):
/// each purpose has Grid's own text per language, and a tenant may replace any of them. Placeholders in braces are
/// filled in; a purpose accepts only its own (<see cref="Placeholders"/>).
/// </summary>
internal sealed partial class NoticeWording
{
    public static readonly NoticeWording Default = new([]);

    /// <summary>Every purpose a tenant may word, with the placeholders its text may use.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Placeholders = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [NoticePurposes.Acknowledgement] = ["reference", "response_time"],
        [NoticePurposes.OutsideHours] = ["reference", "opening"],
        [NoticePurposes.QueuePosition] = ["position", "wait"],
        [NoticePurposes.WaitingUpdate] = ["position", "wait"],
        [NoticePurposes.AgentJoined] = ["agent"],
        [NoticePurposes.HandedBack] = [],
        [NoticePurposes.Resolved] = [],
        [NoticePurposes.AutoResolved] = [],
        [NoticePurposes.CsatThanks] = [],
        [NoticePurposes.CsatReopened] = [],
        [NoticePurposes.CallbackScheduled] = ["at"],
    };

    private readonly Dictionary<string, string> texts;

    public NoticeWording(IEnumerable<NoticeTemplate> templates)
    {
        texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            texts[Key(template.Purpose, template.Language)] = template.Text;
        }
    }

    /// <summary>The tenant's text for <paramref name="purpose"/> in <paramref name="language"/>, else <paramref name="fallback"/>, with its placeholders filled.</summary>
    public string Text(string purpose, string language, string fallback, params (string Name, string Value)[] values)
    {
        var text = texts.GetValueOrDefault(Key(purpose, language)) ?? fallback;
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The placeholders a text uses ("{agent}" → "agent").</summary>
    public static IEnumerable<string> PlaceholdersIn(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value);

    private static string Key(string purpose, string language) => purpose + "/" + language;

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The purposes of the messages Grid sends by itself (the journal's "purpose" of each).</summary>
internal static class NoticePurposes
{
    public const string Acknowledgement = "acknowledgement";
    public const string OutsideHours = "outside-hours";
    public const string QueuePosition = "queue-position";
    public const string WaitingUpdate = "waiting-update";
    public const string AgentJoined = "agent-joined";
    public const string HandedBack = "handed-back";
    public const string Resolved = "resolved";
    public const string AutoResolved = "auto-resolved";
    public const string CsatThanks = "csat-thanks";
    public const string CsatReopened = "csat-reopened";
    public const string CallbackScheduled = "callback-scheduled";
}
