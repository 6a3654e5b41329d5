using Grid.Bot;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Tests.Bot;

/// <summary>The phrasing vectors kept on disk between processes (<see cref="EmbeddingDiskCache"/>, Grid:Bot:EmbeddingCache).</summary>
public sealed class EmbeddingDiskCacheTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("grid-embeddings-").FullName;

    private EmbeddingDiskCache Cache(string model = SentenceEmbedder.Model) => new(directory, model, NullLogger.Instance);

    [Fact]
    public void Gives_back_the_vectors_of_exactly_the_texts_it_stored()
    {
        string[] texts = ["Quels sont vos horaires ?", "What are your opening hours?"];
        float[][] vectors = [[0.6f, 0.8f, 0f], [0f, -1f, 0f]];
        Cache().Write(texts, vectors);

        var read = Cache().TryRead(texts);

        Assert.NotNull(read);
        Assert.Equal(vectors, read);
        Assert.Null(Cache().TryRead([texts[1], texts[0]])); // another order is another list
        Assert.Null(Cache().TryRead([texts[0]]));
        Assert.Null(Cache("another-model").TryRead(texts)); // another model's vectors are not these
    }

    [Fact]
    public void Stores_vectors_only_never_the_texts()
    {
        Cache().Write(["mon mot de passe ne marche plus"], [[1f, 0f]]);

        var file = Assert.Single(Directory.GetFiles(directory));
        Assert.DoesNotContain("passe", File.ReadAllText(file));
    }

    [Fact]
    public void Encodes_again_rather_than_read_a_damaged_file()
    {
        string[] texts = ["a", "b"];
        Cache().Write(texts, [[1f, 0f], [0f, 1f]]);
        var file = Assert.Single(Directory.GetFiles(directory));
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^4]); // cut short

        Assert.Null(Cache().TryRead(texts));

        Cache().Write(texts, [[1f, 0f], [0f, 1f]]); // written whole again
        Assert.NotNull(Cache().TryRead(texts));
    }

    [Fact]
    public void Keeps_only_the_lists_used_last()
    {
        var cache = Cache();
        cache.Write(["kept"], [[1f]]);
        for (var i = 0; i < EmbeddingDiskCache.MaxFiles + 5; i++)
        {
            cache.Write([$"text {i}"], [[i]]);
            if (i % 10 == 0)
            {
                Assert.NotNull(cache.TryRead(["kept"])); // read: the most recent again
            }
        }

        Assert.Equal(EmbeddingDiskCache.MaxFiles, Directory.GetFiles(directory, "*.vec").Length);
        Assert.NotNull(cache.TryRead(["kept"]));
        Assert.NotNull(cache.TryRead([$"text {EmbeddingDiskCache.MaxFiles + 4}"]));
        Assert.Null(cache.TryRead(["text 1"])); // the oldest, never read again, is gone
    }

    [Fact]
    public void Does_not_make_again_a_directory_removed_since()
    {
        var cache = Cache();
        Directory.Delete(directory, recursive: true);

        cache.Write(["a"], [[1f]]);

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Matches_what_the_model_encodes()
    {
        string[] texts = ["Quels sont vos horaires d'ouverture ?", "How do I pay my bill?"];
        var encoded = SentenceEmbedder.Shared.EmbedPhrasings(texts);
        Cache().Write(texts, encoded);

        var read = Cache().TryRead(texts)!;

        Assert.Equal(encoded.Select(v => v.ToArray()), read.Select(v => v.ToArray()));
        Assert.Equal(1, SentenceEmbedder.Similarity(read[0], encoded[0]), 5);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
