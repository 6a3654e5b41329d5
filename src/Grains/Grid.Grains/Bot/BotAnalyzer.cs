using Grid.Hosting;
using Grid.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Bot;

/// <summary>
/// Runs the tenant's knowledge matcher on a message of a conversation the bot holds (new, bot, resolved), in the
/// analysis stateless worker: the index search never holds the conversation grain. Sets the message's language to the
/// one the matcher detected, and adds a <see cref="BotFinding"/>. An entry with no answer in the customer's language
/// answers in the tenant's default language, saying so in the customer's.
/// </summary>
internal sealed class BotAnalyzer(BotMatchers matchers, IOptions<GridRuntimeOptions> runtime, ILogger<BotAnalyzer> logger) : IMessageAnalyzer
{
    public bool IsCheap => false;

    public async ValueTask AnalyzeAsync(AnalysisRequest request, MessageAnalysisBuilder analysis, CancellationToken cancellationToken)
    {
        if (!matchers.Installed || request.Status is not (ConversationStatus.New or ConversationStatus.Bot or ConversationStatus.Resolved))
        {
            return;
        }

        var wait = runtime.Value.Bot.FirstBuildWait;
        if (await matchers.GetForMessageAsync(request.Tenant, TimeSpan.FromSeconds(1), wait) is not var (matcher, snapshot))
        {
            logger.LogWarning("The bot of tenant {Tenant} was not ready on this silo within {Wait}: the message goes to a person", request.Tenant, wait);
            analysis.Add(new BotNotReady(wait.TotalSeconds));
            return;
        }

        if (snapshot.Entries.Count == 0)
        {
            return; // a tenant without a knowledge base has no bot: its customers go to a person at once
        }

        var decision = matcher.Decide(request.Text, request.LanguageSoFar);
        analysis.Language = decision.Language;
        // Entries are looked up only for an answer or a clarification: a no-match (most messages) costs nothing more.
        KnowledgeEntry? Find(string id) => snapshot.Entries.FirstOrDefault(e => e.Id == id);
        var fallback = snapshot.Settings.DefaultLanguage;
        string? answer = null;
        if (decision.Kind == BotDecisionKind.Answer && decision.EntryId is { } id && Find(id) is { } chosen)
        {
            answer = Answer(chosen, decision.Language, fallback);
        }

        IReadOnlyList<BotOption> options = decision.Kind == BotDecisionKind.Clarify
            ? [.. decision.Candidates.Select(c => Find(c.EntryId)).OfType<KnowledgeEntry>().Select(e => new BotOption(
                e.Id, Question(e, decision.Language, fallback), Answer(e, decision.Language, fallback)))]
            : [];
        analysis.Add(new BotFinding(decision, answer, options));
    }

    /// <summary>The entry's answer in the customer's language, else in the default one (or any) with a word saying so.</summary>
    internal static string Answer(KnowledgeEntry entry, string language, string fallback)
    {
        if (entry.Answers.TryGetValue(language, out var text))
        {
            return text;
        }

        var (other, otherText) = entry.Answers.TryGetValue(fallback, out var inDefault)
            ? (fallback, inDefault)
            : entry.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)).First();
        return OnlyIn(language, other) + "\n\n" + otherText;
    }

    private static string OnlyIn(string customer, string answer)
    {
        (string French, string English) name = LanguageNames.TryGetValue(answer, out var names) ? names : (answer, answer);
        return customer == "fr"
            ? $"Cette réponse n'existe qu'en {name.French} :"
            : $"This answer is only available in {name.English}:";
    }

    private static readonly Dictionary<string, (string French, string English)> LanguageNames = new(StringComparer.Ordinal)
    {
        ["fr"] = ("français", "French"), ["en"] = ("anglais", "English"), ["de"] = ("allemand", "German"), ["es"] = ("espagnol", "Spanish"),
        ["it"] = ("italien", "Italian"), ["nl"] = ("néerlandais", "Dutch"), ["pt"] = ("portugais", "Portuguese"),
    };

    private static string Question(KnowledgeEntry entry, string language, string fallback) =>
        entry.Questions.TryGetValue(language, out var phrasings) && phrasings.Count > 0 ? phrasings[0]
        : entry.Questions.TryGetValue(fallback, out var other) && other.Count > 0 ? other[0]
        : entry.Id;
}
