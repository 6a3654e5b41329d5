namespace Grid.Bot;

/// <summary>
/// The semantic side of <see cref="LanguageIndex"/>: each entry's best cosine between a message's sentence embeddings
/// and the entry's phrasings (<see cref="SentenceEmbedder"/>), and the ramp that turns a cosine into confidence.
/// </summary>
internal sealed partial class LanguageIndex
{
    /// <summary>The cosine from which the semantic signal counts in this language (<see cref="MatcherOptions.SemanticCalibrated"/>).</summary>
    public double SemanticFloor { get; }

    /// <summary>The cosine at which the semantic signal is full in this language.</summary>
    public double SemanticCeiling { get; } = 1;

    /// <summary>
    /// The ramp read off the base's own phrasings: the floor is a quantile of each phrasing's best cosine with another
    /// entry's phrasings (how close unrelated questions come in this language: an English model puts any two French
    /// sentences closer than two English ones), the ceiling a quantile of its best cosine with its own entry's other
    /// phrasings. At most 400 phrasings are compared with all the others (a base of hundreds of entries stays fast).
    /// </summary>
    private (double Floor, double Ceiling) CalibrateRamp(float[][] vectors, MatcherOptions options)
    {
        var same = new List<double>();
        var other = new List<double>();
        var step = Math.Max(1, Questions.Count / 400);
        for (var i = 0; i < Questions.Count; i += step)
        {
            double bestSame = double.NaN, bestOther = double.NaN;
            for (var j = 0; j < Questions.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var cosine = SentenceEmbedder.Similarity(vectors[i], vectors[j]);
                if (Questions[j].Entry == Questions[i].Entry)
                {
                    bestSame = double.IsNaN(bestSame) ? cosine : Math.Max(bestSame, cosine);
                }
                else
                {
                    bestOther = double.IsNaN(bestOther) ? cosine : Math.Max(bestOther, cosine);
                }
            }

            if (!double.IsNaN(bestSame))
            {
                same.Add(bestSame);
            }

            if (!double.IsNaN(bestOther))
            {
                other.Add(bestOther);
            }
        }

        if (same.Count == 0 || other.Count == 0)
        {
            return (options.SemanticFloor, options.SemanticCeiling);
        }

        var floor = Quantile(other, options.SemanticFloorQuantile);
        var ceiling = Math.Max(floor + 0.1, Quantile(same, options.SemanticCeilingQuantile));
        return (floor, ceiling);

        static double Quantile(List<double> values, double q)
        {
            values.Sort();
            return values[Math.Clamp((int)(q * (values.Count - 1)), 0, values.Count - 1)];
        }
    }

    /// <summary>Each entry's best cosine with the message's vectors, and the phrasing that has it (-1 for an entry without one here).</summary>
    private (double Cosine, int Doc)[] Semantic(float[][] vectors, Func<int, int, bool>? excludeDoc)
    {
        var best = Enumerable.Repeat((Cosine: 0d, Doc: -1), entryCount).ToArray();
        var prepared = quantized is null ? null : vectors.Select(QuantizedVectors.Prepare).ToArray();
        for (var q = 0; q < Questions.Count; q++)
        {
            var (doc, entry, _) = Questions[q];
            if (docVector[doc] is { } phrasing && excludeDoc?.Invoke(entry, doc) != true)
            {
                var cosine = double.MinValue;
                for (var v = 0; v < vectors.Length; v++)
                {
                    cosine = Math.Max(cosine, prepared is null ? SentenceEmbedder.Similarity(vectors[v], phrasing) : quantized!.Dot(prepared[v], q));
                }

                if (best[entry].Doc < 0 || cosine > best[entry].Cosine)
                {
                    best[entry] = (cosine, doc);
                }
            }
        }

        // An answer's sentences lift the entry's cosine (a base of a few phrasings an entry says more in its answers);
        // the phrasing kept is still the entry's closest, for coverage.
        foreach (var (entry, answer) in answerVectors)
        {
            if (best[entry].Doc >= 0)
            {
                foreach (var vector in vectors)
                {
                    best[entry].Cosine = Math.Max(best[entry].Cosine, SentenceEmbedder.Similarity(vector, answer));
                }
            }
        }

        return best;
    }

    /// <summary>An answer's sentences of four words or more, at most <see cref="MaxAnswerSentences"/>.</summary>
    private static IEnumerable<string> AnswerSentences(string answer) =>
        KnowledgeIndex.SentenceBreak().Split(answer)
            .Select(s => s.Trim())
            .Where(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4)
            .Take(MaxAnswerSentences);

    private const int MaxAnswerSentences = 6;
}
