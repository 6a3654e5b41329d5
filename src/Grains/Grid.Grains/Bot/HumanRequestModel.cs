using System.Text.Json;

namespace Grid.Bot;

/// <summary>
/// Person requests learnt from examples, for the wordings <see cref="HumanRequestDetector"/>'s rules do not know: a
/// binary logistic regression over a message's normalised words (<see cref="TextNormalizer"/>: folded, SMS spellings
/// expanded), the pairs of words next to each other in a clause, and the character 3- and 4-grams of each word (a
/// misspelt "conseiler" or "reprasentative" shares most of its n-grams with the word). Trained once per process, in a
/// seeded order (deterministic), on <c>Bot/Data/human-requests-train.json</c>: about 6,370 French and English messages
/// written for it by twelve writers who read no evaluation set — requests in every register and spelling, replies in the
/// middle of a conversation, and hard non-requests that use the same words (a past call, a technician's visit, an
/// adviser's words, how or when to reach the service, a person declined, questions about the bot, off-topic asks, short
/// topic fragments) plus ordinary questions and greetings. No text equals an evaluation set's once folded (lower case,
/// no accents or punctuation). The matcher asks it when no rule fired: where nothing answers, at one bar where a person,
/// a call or a way of speaking is named and a higher one where none is (docs/bot-evaluation.md, "Ninth round" and
/// "Tenth round"); over an answer, only at higher bars still ("Eighteenth round").
/// </summary>
internal sealed class HumanRequestModel
{
    private const int Epochs = 30;
    private const double LearningRate = 0.5;
    private const double L2 = 1e-4;
    private const float CharWeight = 0.4f;

    private static readonly Lazy<HumanRequestModel> SharedInstance = new(() => Train(new TextNormalizer(), Load()));

    private readonly Dictionary<string, int> features;
    private readonly double[] weights;
    private readonly double bias;

    private HumanRequestModel(Dictionary<string, int> features, double[] weights, double bias)
    {
        this.features = features;
        this.weights = weights;
        this.bias = bias;
    }

    /// <summary>The process's model (training takes about a second).</summary>
    public static HumanRequestModel Shared => SharedInstance.Value;

    /// <summary>The probability that the normalised message asks for a person.</summary>
    public double Probability(NormalizedText text)
    {
        var z = bias;
        foreach (var (feature, value) in Features(text))
        {
            if (features.TryGetValue(feature, out var index))
            {
                z += weights[index] * value;
            }
        }

        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Trains a model on labelled messages (text, language, whether it asks for a person).</summary>
    internal static HumanRequestModel Train(TextNormalizer normalizer, IReadOnlyList<(string Text, string Language, bool Request)> examples)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<(int[] Features, float[] Values, bool Request)>(examples.Count);
        foreach (var (text, language, request) in examples)
        {
            var pairs = Features(normalizer.Normalize(text, language)).ToList();
            rows.Add(([.. pairs.Select(p => index.TryGetValue(p.Feature, out var i) ? i : index[p.Feature] = index.Count)], [.. pairs.Select(p => p.Value)], request));
        }

        var weights = new double[index.Count];
        var bias = 0.0;
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var random = new Random(17);
        var step = 0;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var r in order)
            {
                var (ids, values, request) = rows[r];
                var rate = LearningRate / (1 + (0.01 * step++ / rows.Count));
                var z = bias;
                for (var k = 0; k < ids.Length; k++)
                {
                    z += weights[ids[k]] * values[k];
                }

                var gradient = (1 / (1 + Math.Exp(-z))) - (request ? 1 : 0);
                for (var k = 0; k < ids.Length; k++)
                {
                    weights[ids[k]] -= rate * ((gradient * values[k]) + (L2 * weights[ids[k]]));
                }

                bias -= rate * gradient;
            }
        }

        return new HumanRequestModel(index, weights, bias);
    }

    /// <summary>The shipped training messages.</summary>
    internal static IReadOnlyList<(string Text, string Language, bool Request)> Load()
    {
        using var document = JsonDocument.Parse(KnowledgeBaseFile.Resource("human-requests-train.json"));
        return [.. document.RootElement.EnumerateArray().Select(e =>
            (e.GetProperty("text").GetString() ?? "", e.GetProperty("language").GetString() ?? "fr", e.GetProperty("request").GetBoolean()))];
    }

    /// <summary>Words, neighbouring pairs in a clause and the words' character n-grams, scaled to unit length.</summary>
    private static IEnumerable<(string Feature, float Value)> Features(NormalizedText text)
    {
        var counts = new Dictionary<string, float>(StringComparer.Ordinal);
        void Add(string feature, float weight) => counts[feature] = counts.GetValueOrDefault(feature) + weight;
        foreach (var clause in text.Clauses)
        {
            for (var i = 0; i < clause.Count; i++)
            {
                var word = clause[i];
                Add("w:" + word, 1);
                Add("b:" + (i == 0 ? "^" : clause[i - 1]) + " " + word, 1);
                var padded = "<" + word + ">";
                for (var n = 3; n <= 4; n++)
                {
                    for (var s = 0; s + n <= padded.Length; s++)
                    {
                        Add("c:" + padded.Substring(s, n), CharWeight);
                    }
                }
            }

            if (clause.Count > 0)
            {
                Add("b:" + clause[^1] + " $", 1);
            }
        }

        var norm = (float)Math.Sqrt(counts.Values.Sum(v => v * v));
        return norm == 0 ? [] : counts.Select(pair => (pair.Key, pair.Value / norm));
    }
}
