using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Grid.Customers;

/// <summary>
/// Where a customer's inbound message goes among their open conversations (docs/architecture.md, "Grouping"), in this
/// order: the email thread (headers); the same canonical reference (invoice, contract, order) as an open conversation;
/// the same normalised subject within the window (email only, never a generic subject); for other channels the most
/// recent open conversation; else a new conversation. Pure: no I/O, no clock of its own.
/// </summary>
internal static partial class ConversationGrouping
{
    /// <summary>How many open conversations a customer keeps a summary of; the least recently active beyond are forgotten.</summary>
    public const int MaxOpen = 50;

    /// <summary>Per open conversation: how many references, Message-IDs and senders its summary keeps (the latest).</summary>
    public const int MaxReferences = 20;

    public const int MaxMessageIds = 50;

    public const int MaxSenders = 20;

    /// <summary>How many subjects of conversations merged into one its summary keeps beside its own.</summary>
    public const int MaxSubjects = 10;

    /// <summary>Subjects that say nothing of the problem: they never group a message by themselves.</summary>
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "", "question", "questions", "une question", "petite question", "question rapide", "quick question", "bonjour", "bonsoir", "salut", "hello",
        "hi", "hey", "help", "aide", "besoin d aide", "need help", "demande", "ma demande", "request", "information", "informations",
        "renseignement", "renseignements", "info", "infos", "contact", "message", "no subject", "sans objet", "pas d objet", "urgent", "important",
        "probleme", "problem", "issue", "suivi", "follow up", "relance", "test", "merci", "thanks", "thank you", "re", "fw", "fwd", "tr",
    };

    /// <summary>
    /// A subject as grouping compares it: reply and forward prefixes (Re:, RE :, Réf. :, TR:, Fwd:, FW:, Fw:, AW:, WG:,
    /// RV:, numbered "Re[2]:") stripped however often they repeat, bracketed tags ("[#cnv_…]", "[EXT]") dropped, accents
    /// folded, case and punctuation ignored, spaces collapsed.
    /// </summary>
    public static string NormaliseSubject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return "";
        }

        var text = Tags().Replace(subject, " ");
        string previous;
        do
        {
            previous = text;
            text = Prefix().Replace(text, "");
        }
        while (text != previous);

        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Whether a normalised subject is too generic to group on ("question", "bonjour", empty…).</summary>
    public static bool IsGeneric(string normalised) => normalised.Length < 3 || Generic.Contains(normalised);

    /// <summary>
    /// Decides the conversation for a message. <paramref name="threadTo"/> is the conversation ingest found from the
    /// email headers (among the customer's, open or not); <paramref name="redirects"/> maps conversations merged into
    /// another to that one. Returns the open conversation to append to, the one the headers name, or none (a new one).
    /// </summary>
    public static GroupingDecision Decide(
        GroupingMessage message,
        IReadOnlyList<OpenConversation> open,
        string? mostRecentOpen,
        string? threadTo,
        IReadOnlyDictionary<string, string> redirects,
        TimeSpan window,
        DateTimeOffset now)
    {
        // 1. The email thread: a Message-ID the customer's own summaries hold (they follow splits), else ingest's hit.
        if (message.ThreadIds.Count > 0)
        {
            foreach (var id in message.ThreadIds)
            {
                if (open.FirstOrDefault(c => c.MessageIds.Contains(id)) is { } byId)
                {
                    return new(byId.Id, GroupingReason.Thread);
                }
            }
        }

        if (threadTo is not null)
        {
            return new(Follow(threadTo, redirects), GroupingReason.Thread);
        }

        // 2. The same canonical reference as an open conversation: the most recently active one holding it.
        if (message.References.Count > 0
            && open.Where(c => c.References.Any(message.References.Contains)).MaxBy(c => c.LastActivityAt) is { } byReference)
        {
            return new(byReference.Id, GroupingReason.Reference);
        }

        // 3. The same subject, not generic, within the window (emails: the subject is what names the problem).
        if (message.Channel == Channel.Email && window > TimeSpan.Zero && !IsGeneric(message.Subject)
            && open.Where(c => (c.Subject == message.Subject || c.OtherSubjects.Contains(message.Subject)) && now - c.LastActivityAt <= window).MaxBy(c => c.LastActivityAt) is { } bySubject)
        {
            return new(bySubject.Id, GroupingReason.Subject);
        }

        // 4. Chat, SMS, voice… go on with the customer's most recent open conversation, as they always did.
        if (message.Channel != Channel.Email)
        {
            var recent = mostRecentOpen is not null ? Follow(mostRecentOpen, redirects) : open.MaxBy(c => c.LastActivityAt)?.Id;
            if (recent is not null)
            {
                return new(recent, GroupingReason.Recent);
            }
        }

        // 5. A problem of its own.
        return new(null, GroupingReason.New);
    }

    /// <summary>Records a message in its conversation's summary (bounded lists, the latest kept).</summary>
    public static void Record(OpenConversation conversation, GroupingMessage message, string sender, DateTimeOffset now)
    {
        if (conversation.Subject.Length == 0 && !IsGeneric(message.Subject))
        {
            conversation.Subject = message.Subject;
        }

        AddBounded(conversation.References, message.References, MaxReferences);
        AddBounded(conversation.MessageIds, message.OwnMessageId is { } own ? [own] : [], MaxMessageIds);
        AddBounded(conversation.Senders, [sender], MaxSenders);
        if (now > conversation.LastActivityAt)
        {
            conversation.LastActivityAt = now;
        }
    }

    /// <summary>Folds a conversation merged into another into the target's summary.</summary>
    public static void Absorb(OpenConversation target, OpenConversation merged)
    {
        if (target.Subject.Length == 0)
        {
            target.Subject = merged.Subject;
        }
        else if (merged.Subject.Length > 0 && merged.Subject != target.Subject)
        {
            AddBounded(target.OtherSubjects, [merged.Subject, .. merged.OtherSubjects], MaxSubjects);
        }

        AddBounded(target.References, merged.References, MaxReferences);
        AddBounded(target.MessageIds, merged.MessageIds, MaxMessageIds);
        AddBounded(target.Senders, merged.Senders, MaxSenders);
        if (merged.LastActivityAt > target.LastActivityAt)
        {
            target.LastActivityAt = merged.LastActivityAt;
        }
    }

    /// <summary>The conversation a merged one now lives in (merges may chain; they never form a cycle).</summary>
    public static string Follow(string conversationId, IReadOnlyDictionary<string, string> redirects)
    {
        for (var hop = 0; hop < 16 && redirects.TryGetValue(conversationId, out var next); hop++)
        {
            conversationId = next;
        }

        return conversationId;
    }

    /// <summary>The Message-IDs an email names as its thread: In-Reply-To first, then References from the newest.</summary>
    public static IReadOnlyList<string> ThreadIdsOf(EmailHeaders? email)
    {
        if (email is null)
        {
            return [];
        }

        var ids = new List<string>();
        if (email.InReplyTo is { Length: > 0 } inReplyTo)
        {
            ids.Add(inReplyTo.Trim());
        }

        ids.AddRange(email.References.Reverse().Select(r => r.Trim()).Where(r => r.Length > 0 && !ids.Contains(r)).Take(20));
        return ids;
    }

    private static void AddBounded(List<string> list, IEnumerable<string> values, int max)
    {
        foreach (var value in values)
        {
            list.Remove(value);
            list.Add(value);
        }

        if (list.Count > max)
        {
            list.RemoveRange(0, list.Count - max);
        }
    }

    [GeneratedRegex(@"\[[^\]]{0,80}\]", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"^\s*(?:re|ré|réf|ref|tr|fwd?|aw|wg|rv|sv|antw|enc)\s*(?:\[\d+\]|\(\d+\))?\s*\.?\s*:\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();
}

/// <summary>What grouping needs of an inbound message.</summary>
/// <param name="Channel">The channel it came on.</param>
/// <param name="Subject">The normalised subject ("" when none).</param>
/// <param name="References">Canonical references found in it (the tenant's patterns).</param>
/// <param name="ThreadIds">The Message-IDs its headers name (In-Reply-To, References).</param>
/// <param name="OwnMessageId">Its own Message-ID, if any.</param>
internal sealed record GroupingMessage(Channel Channel, string Subject, IReadOnlyList<string> References, IReadOnlyList<string> ThreadIds, string? OwnMessageId)
{
    public static GroupingMessage Of(InboundMessage message) => new(
        message.Channel,
        ConversationGrouping.NormaliseSubject(message.Email?.Subject),
        message.References ?? [],
        ConversationGrouping.ThreadIdsOf(message.Email),
        message.Email?.MessageId?.Trim() is { Length: > 0 } id ? id : null);
}

/// <summary>Why a message went where it went.</summary>
internal enum GroupingReason
{
    Thread,
    Reference,
    Subject,
    Recent,
    New,
}

/// <summary>The conversation chosen (null: open a new one) and why.</summary>
internal sealed record GroupingDecision(string? ConversationId, GroupingReason Reason)
{
    /// <summary>The reason as journaled and logged ("thread", "reference"…).</summary>
    public string ReasonName => Reason.ToString().ToLowerInvariant();
}

/// <summary>What a customer keeps of one open conversation for grouping.</summary>
[GenerateSerializer, Alias("grid.OpenConversation")]
internal sealed class OpenConversation
{
    [Id(0)] public string Id { get; set; } = "";

    /// <summary>The normalised subject of its first email with a subject that is not generic ("" when none).</summary>
    [Id(1)] public string Subject { get; set; } = "";

    /// <summary>Canonical references seen in its messages.</summary>
    [Id(2)] public List<string> References { get; set; } = [];

    /// <summary>Email Message-IDs of its messages.</summary>
    [Id(3)] public List<string> MessageIds { get; set; } = [];

    /// <summary>The addresses that wrote in it.</summary>
    [Id(4)] public List<string> Senders { get; set; } = [];

    [Id(5)] public DateTimeOffset OpenedAt { get; set; }

    [Id(6)] public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>The normalised subjects of conversations an agent merged into this one.</summary>
    [Id(7)] public List<string> OtherSubjects { get; set; } = [];
}
