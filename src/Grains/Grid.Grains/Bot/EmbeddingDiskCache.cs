using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Grid.Bot;

/// <summary>
/// A knowledge base's phrasing vectors on disk (<see cref="SentenceEmbedder.UseDiskCache"/>): one file per list of
/// texts, named by the SHA-256 of the model's name and the texts in order, holding a header (a magic word, the count,
/// the dimension) and the vectors. Written to a temporary name and renamed, so a reader never sees half a file and
/// processes sharing the directory may write the same file at once. The texts are not stored, only their vectors.
/// </summary>
internal sealed class EmbeddingDiskCache(string directory, string model, ILogger logger)
{
    private const int Magic = 0x31434556; // "VEC1"

    /// <summary>The vectors of exactly these texts, or null when none are stored or the file does not fit them.</summary>
    public float[][]? TryRead(string[] texts)
    {
        var path = PathOf(texts);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
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
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Reading the embedding cache file {Path} failed; the phrasings are encoded again", path);
            return null;
        }
    }

    /// <summary>Stores the vectors of these texts (all of one dimension).</summary>
    public void Write(string[] texts, float[][] vectors)
    {
        if (texts.Length == 0)
        {
            return;
        }

        if (!Directory.Exists(directory))
        {
            return; // removed since the silo started (a test's temporary data directory): not made again
        }

        var path = PathOf(texts);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary)))
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
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Writing the embedding cache file {Path} failed; the next process encodes these phrasings again", path);
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private string PathOf(string[] texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(model));
        foreach (var text in texts)
        {
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Path.Combine(directory, Convert.ToHexStringLower(hash.GetHashAndReset()) + ".vec");
    }
}
