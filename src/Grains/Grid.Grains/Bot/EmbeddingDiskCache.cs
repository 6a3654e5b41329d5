using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Grid.Bot;

/// <summary>
/// A knowledge base's phrasing vectors on disk (<see cref="SentenceEmbedder.UseDiskCache"/>): one file per list of
/// texts, named by the SHA-256 of the model's name and the texts in order, holding a header (a magic word, the count,
/// the dimension) and the vectors (<see cref="CacheDirectory"/>: written whole or not at all, shared by processes).
/// The texts are not stored, only their vectors. Every edit of a base makes a new list: the directory keeps the
/// <see cref="MaxFiles"/> lists read or written last.
/// </summary>
internal sealed class EmbeddingDiskCache(string directory, string model, ILogger logger)
{
    /// <summary>How many lists' files the directory keeps (one per language and per answers' list of each base version).</summary>
    public const int MaxFiles = 64;

    private const int Magic = 0x31434556; // "VEC1"

    private readonly CacheDirectory files = new(directory, ".vec", MaxFiles, "embedding", logger);

    /// <summary>The vectors of exactly these texts, or null when none are stored or the file does not fit them.</summary>
    public float[][]? TryRead(string[] texts) => files.TryRead(KeyOf(texts), reader =>
    {
        if (reader.ReadInt32() != Magic || reader.ReadInt32() != texts.Length)
        {
            return null;
        }

        var dimension = reader.ReadInt32();
        if (dimension <= 0 || reader.BaseStream.Length != 12 + ((long)texts.Length * dimension * sizeof(float)))
        {
            return null;
        }

        var vectors = new float[texts.Length][];
        var bytes = new byte[dimension * sizeof(float)];
        for (var i = 0; i < texts.Length; i++)
        {
            reader.BaseStream.ReadExactly(bytes);
            vectors[i] = new float[dimension];
            Buffer.BlockCopy(bytes, 0, vectors[i], 0, bytes.Length);
        }

        return vectors;
    });

    /// <summary>Stores the vectors of these texts (all of one dimension).</summary>
    public void Write(string[] texts, float[][] vectors)
    {
        if (texts.Length == 0)
        {
            return;
        }

        files.Write(KeyOf(texts), writer =>
        {
            writer.Write(Magic);
            writer.Write(texts.Length);
            writer.Write(vectors[0].Length);
            var bytes = new byte[vectors[0].Length * sizeof(float)];
            foreach (var vector in vectors)
            {
                Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
                writer.Write(bytes);
            }
        });
    }

    private string KeyOf(string[] texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(model));
        foreach (var text in texts)
        {
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
