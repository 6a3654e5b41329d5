using Grid.Bot;

namespace Grid.Tests.Grains;

/// <summary>
/// A stand-in for the bot's matcher, registered only in the test cluster: the entry whose phrasings share the most
/// words with the text, its share of the text's words as confidence. Enough to see evaluation reach the current
/// knowledge base; the real matcher is the bot branch's.
/// </summary>
internal sealed class PlaceholderMatcherFactory : IKnowledgeMatcherFactory
{
    public IBotMatcher Create(KnowledgeSnapshot snapshot) => new PlaceholderMatcher(snapshot);

    private sealed class PlaceholderMatcher(KnowledgeSnapshot snapshot) : IBotMatcher
    {
        public BotDecision Decide(string text, string? language)
        {
            var words = Words(text);
            var candidates = snapshot.Entries
                .Select(e => new BotCandidate(e.Id, words.Count == 0 ? 0 : (double)words.Count(w => e.Questions.Values.SelectMany(q => q).SelectMany(Words).Contains(w)) / words.Count))
                .Where(c => c.Confidence > 0)
                .OrderByDescending(c => c.Confidence)
                .Take(3)
                .ToList();
            var used = language ?? snapshot.Settings.DefaultLanguage;
            return candidates is [var best, ..] && best.Confidence >= snapshot.Settings.Threshold
                ? new BotDecision(BotDecisionKind.Answer, used, candidates, best.EntryId, best.Confidence)
                : new BotDecision(BotDecisionKind.NoMatch, used, candidates);
        }

        private static List<string> Words(string text) =>
            [.. text.ToLowerInvariant().Split([' ', '?', '!', '.', ',', '\''], StringSplitOptions.RemoveEmptyEntries)];
    }
}
