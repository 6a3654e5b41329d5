using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Grid.Bot;

/// <summary>
/// Trained models kept so that the same training is not done twice: the person-request model
/// (<see cref="HumanRequestModel"/>, seconds of CPU at every process's start) and each knowledge base's trained scorer
/// (<see cref="PhrasingClassifier"/>, one to two seconds a language at every index build). A model is found by the
/// SHA-256 of its kind, of the assembly that trains it (its module version id: any change of code, lexicon or shipped
/// data makes a new key) and of exactly what it is trained on; both trainings are deterministic, so a model read back
/// is the one training would give, weight for weight. Looked up in memory first (the <see cref="MaxInMemory"/> models
/// used last: a base rebuilt with the same phrasings, another tenant with the demo base, an evaluation's variants),
/// then in the directory of <c>Grid:Bot:EmbeddingCache</c> (<see cref="UseDiskCache"/>: a restart, another silo or a
/// test's process on the machine), where the <see cref="MaxFiles"/> files used last are kept. The files hold weights
/// and the features they weigh: analysed words and character n-grams of the shipped training texts and of the base's
/// phrasings, never a customer's message.
/// </summary>
internal sealed class TrainedModelCache
{
    /// <summary>How many models stay in memory.</summary>
    public const int MaxInMemory = 8;

    /// <summary>How many model files the directory keeps.</summary>
    public const int MaxFiles = 32;

    private static readonly Guid Code = typeof(TrainedModelCache).Module.ModuleVersionId;

    private readonly LinkedList<(string Key, object Model)> recent = new();
    private CacheDirectory? disk;

    /// <summary>A cache in memory, and in <paramref name="directory"/> when one is given (<see cref="UseDirectory"/>).</summary>
    public TrainedModelCache(string? directory, ILogger logger) => UseDirectory(directory, logger);

    /// <summary>The process's cache: memory only until <see cref="UseDiskCache"/>.</summary>
    public static TrainedModelCache Shared { get; } = new(null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>Keeps the process's models in <paramref name="directory"/> too (<see cref="UseDirectory"/>); called as the silo starts.</summary>
    public static void UseDiskCache(string? directory, ILogger logger) => Shared.UseDirectory(directory, logger);

    /// <summary>
    /// Keeps models in <paramref name="directory"/> too (made when missing); null or empty: memory only. A directory
    /// that cannot be made is logged, and models are trained in every process. The models in memory stay.
    /// </summary>
    public void UseDirectory(string? directory, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            disk = null;
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
            disk = new CacheDirectory(directory, ".model", MaxFiles, "trained model", logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "The model cache directory {Directory} cannot be made; models are trained in every process", directory);
            disk = null;
        }
    }

    /// <summary>
    /// The key of a model of this kind trained on what <paramref name="content"/> adds to the hash (the training's
    /// settings and examples, in order).
    /// </summary>
    public static string Key(string kind, Action<IncrementalHash> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(kind));
        hash.AppendData(Code.ToByteArray());
        content(hash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Adds a string to a key's hash, length first (so that no two lists of strings hash alike).</summary>
    public static void Add(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }

    /// <summary>
    /// The model with this key: from memory, else from the directory (<paramref name="read"/> returns null for a file
    /// that does not fit, and it is trained again), else trained and stored in both. A null training result is not
    /// stored.
    /// </summary>
    public T? GetOrTrain<T>(string key, Func<T?> train, Action<BinaryWriter, T> write, Func<BinaryReader, T?> read)
        where T : class
    {
        lock (recent)
        {
            for (var node = recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key && node.Value.Model is T known)
                {
                    recent.Remove(node);
                    recent.AddFirst(node);
                    return known;
                }
            }
        }

        var files = disk;
        var model = files?.TryRead(key, read);
        if (model is null)
        {
            model = train();
            if (model is null)
            {
                return null;
            }

            files?.Write(key, writer => write(writer, model));
        }

        lock (recent)
        {
            recent.AddFirst((key, model));
            while (recent.Count > MaxInMemory)
            {
                recent.RemoveLast();
            }
        }

        return model;
    }
}
