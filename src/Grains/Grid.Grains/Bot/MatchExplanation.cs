using System.Globalization;
using System.Text;
using Grid.Pipeline;

namespace Grid.Bot;

/// <summary>
/// Why the matcher decides what it decides for a message, as text for a person tuning a knowledge base: the detected
/// language, the normalised text, the human-request rule that fired, each language's top entries with their features
/// and confidence, and the decision.
/// </summary>
internal static class MatchExplanation
{
    public static string Explain(KnowledgeMatcher matcher, ILanguageDetector detector, string text)
    {
        var index = matcher.Index;
        var language = matcher.DetectLanguage(text, null);
        var normalized = new TextNormalizer(index.Options.Sms).Normalize(text, language);
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"text:       {text}");
        output.AppendLine(CultureInfo.InvariantCulture, $"language:   {language}");
        output.AppendLine(CultureInfo.InvariantCulture, $"normalised: {normalized.Text}");
        output.AppendLine(CultureInfo.InvariantCulture, $"human rule: {new HumanRequestDetector().Rule(normalized) ?? "-"}");
        if (index.Options.HumanTalk)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"human talk: {(new HumanRequestDetector().AsksToTalk(normalized) ? "a request, when the base has no answer" : "-")}");
        }

        var people = new HumanRequestDetector();
        var gate = people.RulesOut(normalized) ? "ruled out" : people.MayAsk(normalized) ? "names a person" : "names no person";
        output.AppendLine(CultureInfo.InvariantCulture, $"human model: {HumanRequestModel.Shared.Probability(normalized).ToString("0.00", CultureInfo.InvariantCulture)} ({gate})");
        var vectors = index.Embeds ? index.Embed(text, language) : null;
        if (vectors is not null && index.Options.HumanMeaning)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"human meaning: {(HumanRequestMeaning.Shared.IsRequest(normalized, () => index.EmbedSentences(text, language)) ? "a request, when the base has no answer" : "-")}");
        }

        foreach (var lang in index.Languages)
        {
            var search = index.For(lang)!.Search(text, 5, vectors: vectors);
            output.AppendLine(CultureInfo.InvariantCulture, $"[{lang}] terms: {string.Join(' ', search.QueryTerms)}");
            foreach (var (m, rank) in search.Matches.Select((m, rank) => (m, rank)))
            {
                output.AppendLine(CultureInfo.InvariantCulture,
                    $"  {index.Entries[m.Entry].Id,-26} score {m.Score,6:0.00} q {m.QuestionScore,6:0.00} rel {m.Relative:0.00} qcov {m.QueryCoverage:0.00} pcov {m.PhrasingCoverage:0.00} margin {ConfidenceFeatures.Of(search, rank)[3]:0.00} clf {m.Classifier:0.00} sem {m.Semantic:0.00} conf {MatchConfidence.Of(search, rank, index.Options, index.Model, index.For(lang)!, vectors is not null):0.00}");
            }
        }

        if (index.Model is { } model)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"model:      weights {string.Join(' ', model.Weights.Select(w => w.ToString("0.00", CultureInfo.InvariantCulture)))} bias {model.Bias:0.00}");
        }

        var decision = matcher.Decide(text);
        output.AppendLine(CultureInfo.InvariantCulture,
            $"decision:   {decision.Kind} {decision.EntryId} {decision.Confidence:0.00} [{string.Join(", ", decision.Candidates.Select(c => $"{c.EntryId} {c.Confidence:0.00}"))}] ({decision.Language})");
        return output.ToString();
    }
}
