using System.Text.Json;

namespace Grid.Bot;

/// <summary>
/// Person requests learnt from examples, for the wordings <see cref="HumanRequestDetector"/>'s rules do not know: a
/// binary logistic regression over a message's normalised words (<see cref="TextNormalizer"/>: folded, SMS spellings
/// expanded), the pairs of words next to each other in a clause, the same pairs read through the words' classes in
/// <see cref="BotLexicon"/> ("k:WantWords TalkWords": a pairing the training never saw in those words is one it saw in
/// others), and the character 3- and 4-grams of each word (a misspelt "conseiler" or "reprasentative" shares most of its
/// n-grams with the word). Trained once per process, in an order fixed by its texts (deterministic, a few seconds), its weights the
/// average of the last <see cref="AveragedEpochs"/> epochs' (the last weights alone depended on the last few messages of
/// the shuffle: taking nine texts out of the training moved every probability by 0.02 on average; averaged, by 0.004),
/// each epoch's order fixed by the texts themselves (<see cref="TrainingOrder"/>: four texts out moved it by 0.00015),
/// on <c>Bot/Data/human-requests-train.json</c>: about 12,350 French and English messages written for it by twenty-five
/// writers who read no evaluation set — requests in every register and spelling, replies in the middle of a conversation, long
/// e-mails, dictated and non-native writing, and hard non-requests that use the same words (a past call, a technician's
/// visit, an adviser's words, how or when to reach the service, a person declined, questions about the bot, off-topic
/// asks, short topic fragments) plus ordinary questions and greetings. No text equals an evaluation set's once folded
/// (lower case, no accents or punctuation). The matcher asks it when no rule fired: where nothing answers, at one bar
/// where a person, a call or a way of speaking is named and a higher one where none is (docs/bot-evaluation.md, "Ninth
/// round" and "Tenth round"); over an answer, only at higher bars still ("Eighteenth round"). The class pairs and a
/// stronger regularisation came in the nineteenth round, with the bars moved to the new model's scale. A process that
/// finds the trained model in <see cref="TrainedModelCache"/> (another process's, on disk) reads it instead of training.
/// </summary>
internal sealed class HumanRequestModel
{
    private const int Epochs = 60;
    private const double LearningRate = 0.5;
    private const double L2 = 2e-3;
    private const float CharWeight = 0.4f;
    private const float ClassPairWeight = 0.5f;

    /// <summary>The last epochs whose weights are averaged into the model (docs/bot-evaluation.md, "Twenty-second round").</summary>
    private const int AveragedEpochs = 20;

    /// <summary>
    /// The word classes of <see cref="BotLexicon"/> each word belongs to (a person noun, a wish, a call verb, a telling…),
    /// built on first use, after the lexicon's sets.
    /// </summary>
    private static readonly Lazy<Dictionary<string, string[]>> WordClasses = new(BuildWordClasses);

    private const int Magic = 0x314D5248; // "HRM1"

    private static readonly Lazy<HumanRequestModel> SharedInstance = new(() => Trained(TrainedModelCache.Shared, Load()));

    private readonly Dictionary<string, int> features;
    private readonly double[] weights;
    private readonly double bias;

    private HumanRequestModel(Dictionary<string, int> features, double[] weights, double bias)
    {
        this.features = features;
        this.weights = weights;
        this.bias = bias;
    }

    /// <summary>The process's model (training takes about two seconds).</summary>
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

    /// <summary>
    /// Trains a model on labelled messages (text, language, whether it asks for a person). <paramref name="shuffleSeed"/>
    /// orders each epoch by a seeded shuffle of positions instead of by the texts (the order before the twenty-fourth
    /// round, kept to compare with).
    /// </summary>
    internal static HumanRequestModel Train(TextNormalizer normalizer, IReadOnlyList<(string Text, string Language, bool Request)> examples, int averagedEpochs = AveragedEpochs, int? shuffleSeed = null)
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
        var keys = examples.Select(e => TrainingOrder.Key(e.Text, e.Language)).ToArray();
        var shuffle = shuffleSeed is { } s ? new Random(s) : null;
        var step = 0;
        averagedEpochs = Math.Min(averagedEpochs, Epochs);
        var sum = new double[index.Count];
        var biasSum = 0.0;
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            TrainingOrder.Arrange(order, keys, epoch, shuffle);

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

            if (epoch >= Epochs - averagedEpochs)
            {
                for (var k = 0; k < weights.Length; k++)
                {
                    sum[k] += weights[k];
                }

                biasSum += bias;
            }
        }

        if (averagedEpochs <= 0)
        {
            return new HumanRequestModel(index, weights, bias);
        }

        for (var k = 0; k < sum.Length; k++)
        {
            sum[k] /= averagedEpochs;
        }

        return new HumanRequestModel(index, sum, biasSum / averagedEpochs);
    }

    /// <summary>
    /// The model trained on these examples, from the cache when it holds it (<see cref="TrainedModelCache"/>: training
    /// is deterministic, so the model read back is the one training gives).
    /// </summary>
    internal static HumanRequestModel Trained(TrainedModelCache cache, IReadOnlyList<(string Text, string Language, bool Request)> examples)
    {
        var key = TrainedModelCache.Key("human-request-model", hash =>
        {
            foreach (var (text, language, request) in examples)
            {
                TrainedModelCache.Add(hash, text);
                TrainedModelCache.Add(hash, language);
                hash.AppendData([request ? (byte)1 : (byte)0]);
            }
        });
        return cache.GetOrTrain(key, () => Train(new TextNormalizer(), examples), Write, Read)!;
    }

    /// <summary>Writes the model: a magic word, the features with their weights in index order, the bias.</summary>
    private static void Write(BinaryWriter writer, HumanRequestModel model)
    {
        writer.Write(Magic);
        writer.Write(model.weights.Length);
        foreach (var (feature, index) in model.features.OrderBy(f => f.Value))
        {
            writer.Write(feature);
            writer.Write(model.weights[index]);
        }

        writer.Write(model.bias);
    }

    /// <summary>Reads a model <see cref="Write"/> wrote; null when the file is not one.</summary>
    private static HumanRequestModel? Read(BinaryReader reader)
    {
        if (reader.ReadInt32() != Magic)
        {
            return null;
        }

        var count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length)
        {
            throw new InvalidDataException($"A person-request model file holds {count} weights.");
        }

        var features = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            features.Add(reader.ReadString(), i);
            weights[i] = reader.ReadDouble();
        }

        var bias = reader.ReadDouble();
        return reader.BaseStream.Position == reader.BaseStream.Length ? new HumanRequestModel(features, weights, bias) : null;
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
                var previous = i == 0 ? "^" : clause[i - 1];
                Add("w:" + word, 1);
                Add("b:" + previous + " " + word, 1);
                AddClassPairs(previous, word, Add);
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

    /// <summary>
    /// Neighbouring words read through their classes: each word stands for itself or for any of its classes, and every
    /// pairing but the two words themselves is a feature ("k:WantWords TalkWords", "k:PersonNouns svp"). A request in
    /// words the training never paired ("je souhaiterais causer à un préposé") shares its class pairs with ones it did.
    /// </summary>
    private static void AddClassPairs(string previous, string word, Action<string, float> add)
    {
        var classes = WordClasses.Value;
        var before = classes.GetValueOrDefault(previous);
        var after = classes.GetValueOrDefault(word);
        if (before is null && after is null)
        {
            return;
        }

        // -1 stands for the word itself; no arrays are built on this path, which every message's reading takes.
        for (var l = -1; l < (before?.Length ?? 0); l++)
        {
            for (var r = -1; r < (after?.Length ?? 0); r++)
            {
                if (l >= 0 || r >= 0)
                {
                    add("k:" + (l < 0 ? previous : before![l]) + " " + (r < 0 ? word : after![r]), ClassPairWeight);
                }
            }
        }
    }

    private static Dictionary<string, string[]> BuildWordClasses()
    {
        (string Name, HashSet<string> Words)[] sets =
        [
            (nameof(BotLexicon.CallbackVerbs), BotLexicon.CallbackVerbs),
            (nameof(BotLexicon.PassiveCallParticiples), BotLexicon.PassiveCallParticiples),
            (nameof(BotLexicon.CallbackNouns), BotLexicon.CallbackNouns),
            (nameof(BotLexicon.CallNouns), BotLexicon.CallNouns),
            (nameof(BotLexicon.VoiceVerbs), BotLexicon.VoiceVerbs),
            (nameof(BotLexicon.AvailabilityWords), BotLexicon.AvailabilityWords),
            (nameof(BotLexicon.AskingWords), BotLexicon.AskingWords),
            (nameof(BotLexicon.BareRappelCompanions), BotLexicon.BareRappelCompanions),
            (nameof(BotLexicon.ArrangeWords), BotLexicon.ArrangeWords),
            (nameof(BotLexicon.CallDeterminers), BotLexicon.CallDeterminers),
            (nameof(BotLexicon.HandleVerbs), BotLexicon.HandleVerbs),
            (nameof(BotLexicon.DispatchVerbs), BotLexicon.DispatchVerbs),
            (nameof(BotLexicon.EquipmentWords), BotLexicon.EquipmentWords),
            (nameof(BotLexicon.WhomVerbs), BotLexicon.WhomVerbs),
            (nameof(BotLexicon.PersonNouns), BotLexicon.PersonNouns),
            (nameof(BotLexicon.StandalonePersonNouns), BotLexicon.StandalonePersonNouns),
            (nameof(BotLexicon.NearPersonWords), BotLexicon.NearPersonWords),
            (nameof(BotLexicon.TellingContinuations), BotLexicon.TellingContinuations),
            (nameof(BotLexicon.BareRequestFiller), BotLexicon.BareRequestFiller),
            (nameof(BotLexicon.PreferenceWords), BotLexicon.PreferenceWords),
            (nameof(BotLexicon.HandOverVerbs), BotLexicon.HandOverVerbs),
            (nameof(BotLexicon.ContactVerbs), BotLexicon.ContactVerbs),
            (nameof(BotLexicon.OneOfYourTeam), BotLexicon.OneOfYourTeam),
            (nameof(BotLexicon.Modals), BotLexicon.Modals),
            (nameof(BotLexicon.RealPersonNouns), BotLexicon.RealPersonNouns),
            (nameof(BotLexicon.RealAdjectives), BotLexicon.RealAdjectives),
            (nameof(BotLexicon.WantWords), BotLexicon.WantWords),
            (nameof(BotLexicon.Determiners), BotLexicon.Determiners),
            (nameof(BotLexicon.Negations), BotLexicon.Negations),
            (nameof(BotLexicon.QuestionOpeners), BotLexicon.QuestionOpeners),
            (nameof(BotLexicon.DaysAndTimes), BotLexicon.DaysAndTimes),
            (nameof(BotLexicon.TalkWords), BotLexicon.TalkWords),
            (nameof(BotLexicon.WishWords), BotLexicon.WishWords),
            (nameof(BotLexicon.PastCopulas), BotLexicon.PastCopulas),
            (nameof(BotLexicon.HoursWords), BotLexicon.HoursWords),
            (nameof(BotLexicon.SelfObjects), BotLexicon.SelfObjects),
            (nameof(BotLexicon.Auxiliaries), BotLexicon.Auxiliaries),
            (nameof(BotLexicon.ReportedSpeechParticiples), BotLexicon.ReportedSpeechParticiples),
            (nameof(BotLexicon.MentionMarkers), BotLexicon.MentionMarkers),
            (nameof(BotLexicon.NounVerbGap), BotLexicon.NounVerbGap),
            (nameof(BotLexicon.VerbNounGap), BotLexicon.VerbNounGap),
            (nameof(BotLexicon.ServiceNouns), BotLexicon.ServiceNouns),
            (nameof(BotLexicon.HowWords), BotLexicon.HowWords),
            (nameof(BotLexicon.TaskLinks), BotLexicon.TaskLinks),
            (nameof(BotLexicon.PassiveAuxiliaries), BotLexicon.PassiveAuxiliaries),
            (nameof(BotLexicon.SolicitationWords), BotLexicon.SolicitationWords),
            (nameof(BotLexicon.MentionTopics), BotLexicon.MentionTopics),
            (nameof(BotLexicon.BotNouns), BotLexicon.BotNouns),
            (nameof(BotLexicon.BotRefusals), BotLexicon.BotRefusals),
            (nameof(BotLexicon.EscalateVerbs), BotLexicon.EscalateVerbs),
            (nameof(BotLexicon.EscalateObjects), BotLexicon.EscalateObjects),
            (nameof(BotLexicon.DepartmentNouns), BotLexicon.DepartmentNouns),
            (nameof(BotLexicon.HumanAdjectives), BotLexicon.HumanAdjectives),
            (nameof(BotLexicon.HelpNouns), BotLexicon.HelpNouns),
            (nameof(BotLexicon.PresencePersons), BotLexicon.PresencePersons),
            (nameof(BotLexicon.PresenceWords), BotLexicon.PresenceWords),
            (nameof(BotLexicon.Hails), BotLexicon.Hails),
            (nameof(BotLexicon.ReadingVerbs), BotLexicon.ReadingVerbs),
            (nameof(BotLexicon.ReadMessages), BotLexicon.ReadMessages),
        ];
        return sets.SelectMany(set => set.Words.Select(word => (word, set.Name)))
            .GroupBy(pair => pair.word, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(pair => pair.Name).ToArray(), StringComparer.Ordinal);
    }
}
