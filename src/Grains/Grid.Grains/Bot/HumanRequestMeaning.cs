using System.Text.Json;

namespace Grid.Bot;

/// <summary>
/// Person requests recognised by meaning, for the wordings <see cref="HumanRequestDetector"/>'s rules do not know ("I'd
/// prefer to discuss this with a member of staff", "je sollicite un échange avec un conseiller"). A message is one when
/// it names a person (<see cref="BotLexicon.PersonNouns"/>, not a participle after an auxiliary: "m'a conseillé", not the
/// writer: "je suis gestionnaire de trois appartements"), tells
/// nothing that happened (no <see cref="BotLexicon.MentionMarkers"/>, no speech reported: "m'a parlé"), asks nothing about hours
/// (<see cref="BotLexicon.HoursWords"/>: "what hours are your advisers available"), and one of its sentence embeddings (<see cref="KnowledgeIndex.Embed"/>) is
/// close to a request (cosine at least <see cref="MinCosine"/>) and closer by <see cref="MinMargin"/> to the requests
/// than to the mentions of a person that are not requests ("the technician came", "can you send someone to fix it",
/// "is anyone there after 6pm"). The prototypes are <c>Bot/Data/human-requests.json</c>, French and English, written by
/// kind of message. Weaker evidence than a rule: the matcher asks it only when no rule recognised a request and the
/// knowledge base has no answer to give (docs/bot-evaluation.md, "Fifth round").
/// </summary>
internal sealed class HumanRequestMeaning
{
    /// <summary>The least cosine with a request prototype.</summary>
    public const double MinCosine = 0.5;

    /// <summary>How much closer to the requests than to the mentions the message must be.</summary>
    public const double MinMargin = 0.05;

    private static readonly Lazy<HumanRequestMeaning> SharedInstance = new(() => new HumanRequestMeaning(new TextNormalizer()));

    private readonly float[][] requests;
    private readonly float[][] mentions;

    private HumanRequestMeaning(TextNormalizer normalizer)
    {
        var prototypes = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, List<string>>>>(KnowledgeBaseFile.Resource("human-requests.json"))
            ?? throw new InvalidDataException("human-requests.json is empty.");
        requests = Embed(prototypes["request"]);
        mentions = Embed(prototypes["mention"]);

        float[][] Embed(Dictionary<string, List<string>> byLanguage) =>
            [.. byLanguage.SelectMany(pair => pair.Value.Select(text => normalizer.Normalize(text, pair.Key).Text))
                .Select(SentenceEmbedder.Shared.Embed)];
    }

    /// <summary>One set of prototypes per process: embedding them takes about 0.2 s.</summary>
    public static HumanRequestMeaning Shared => SharedInstance.Value;

    /// <summary>Whether the message asks for a person.</summary>
    /// <param name="text">The normalised message.</param>
    /// <param name="vectors">Its embeddings and its sentences', asked for only when the message names a person.</param>
    public bool IsRequest(NormalizedText text, Func<IReadOnlyList<float[]>> vectors)
    {
        var tokens = text.Tokens.ToList();
        if (!tokens.Where((token, i) => BotLexicon.PersonNouns.Contains(token) && !HumanRequestDetector.IsParticiple(tokens, i) && !HumanRequestDetector.DescribesWriter(tokens, i)).Any()
            || tokens.Any(BotLexicon.MentionMarkers.Contains) || tokens.Any(BotLexicon.HoursWords.Contains) || HumanRequestDetector.ReportsSpeech(tokens)
            || text.Clauses.Any(HumanRequestDetector.AsksWhatTheBotIs) || text.Clauses.Any(HumanRequestDetector.AsksAboutStaff)
            || text.Clauses.Any(HumanRequestDetector.DeclinesPerson) || HumanRequestDetector.AsksWhoReadsLater(tokens))
        {
            return false;
        }

        foreach (var vector in vectors())
        {
            var request = Best(vector, requests);
            if (request >= MinCosine && request - Best(vector, mentions) >= MinMargin)
            {
                return true;
            }
        }

        return false;
    }

    private static double Best(float[] vector, float[][] prototypes)
    {
        var best = double.MinValue;
        foreach (var prototype in prototypes)
        {
            best = Math.Max(best, SentenceEmbedder.Similarity(vector, prototype));
        }

        return best;
    }
}
