using Grid.Bot;
using Grid.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Tests.Bot;

/// <summary>
/// Trained models kept between index builds and processes (<see cref="TrainedModelCache"/>, in the directory of
/// Grid:Bot:EmbeddingCache): a model read back decides like the one trained, and a file that does not fit is trained
/// again rather than read.
/// </summary>
public sealed class TrainedModelCacheTests : IDisposable
{
    private static readonly TextNormalizer Normalizer = new();
    private readonly string directory = Directory.CreateTempSubdirectory("grid-models-").FullName;

    /// <summary>A new cache over the test's directory: nothing in memory, as in another process.</summary>
    private TrainedModelCache Cache() => new(directory, NullLogger.Instance);

    [Fact]
    public void Another_process_reads_the_person_request_model_and_it_decides_like_the_trained_one()
    {
        var examples = HumanRequestModel.Load().Where((_, i) => i % 8 == 0).ToList();
        var trained = HumanRequestModel.Trained(Cache(), examples);
        var file = Assert.Single(Directory.GetFiles(directory, "*.model"));
        var written = File.GetLastWriteTimeUtc(file);

        var read = HumanRequestModel.Trained(Cache(), examples);

        Assert.NotSame(trained, read);
        Assert.Equal(file, Assert.Single(Directory.GetFiles(directory, "*.model")));
        foreach (var (text, language) in new[]
        {
            ("je veux parler à un conseiller", "fr"), ("slt vs pouvez me rappeler", "fr"), ("what are your opening hours", "en"),
            ("the technician who came yesterday was great", "en"), ("Could I speak to someone please?", "en"),
        })
        {
            var normalized = Normalizer.Normalize(text, language);
            Assert.Equal(trained.Probability(normalized), read.Probability(normalized));
        }

        Assert.True(File.GetLastWriteTimeUtc(file) >= written); // read, so marked as used
    }

    [Fact]
    public void Other_examples_make_another_model()
    {
        var examples = HumanRequestModel.Load().Where((_, i) => i % 16 == 0).ToList();
        HumanRequestModel.Trained(Cache(), examples);
        HumanRequestModel.Trained(Cache(), [.. examples.Select(e => e with { Request = !e.Request })]);

        Assert.Equal(2, Directory.GetFiles(directory, "*.model").Length);
    }

    [Fact]
    public void A_knowledge_base_scorer_read_back_gives_the_trained_ones_probabilities()
    {
        var samples = PhrasingClassifierTests.Samples();
        var trained = PhrasingClassifier.Trained(Cache(), samples, 1e-4)!;

        var read = PhrasingClassifier.Trained(Cache(), samples, 1e-4)!;

        Assert.NotSame(trained, read);
        (string, float)[] message = [("invoice", 1f), ("elevatr", 1f), ("money", 0.5f)];
        Assert.Equal(trained.Probabilities(message, 3), read.Probabilities(message, 3));
        Assert.Equal(trained.Size, read.Size);
        Assert.NotNull(PhrasingClassifier.Trained(Cache(), samples, 1e-3)); // another regularisation: another model
        Assert.Equal(2, Directory.GetFiles(directory, "*.model").Length);
    }

    [Fact]
    public void Hands_back_the_same_model_from_memory_and_trains_only_once()
    {
        var cache = new TrainedModelCache(null, NullLogger.Instance);
        var trainings = 0;
        string Train() => $"model {++trainings}";

        var first = cache.GetOrTrain("key", Train, (w, m) => w.Write(m), r => r.ReadString());
        var second = cache.GetOrTrain("key", Train, (w, m) => w.Write(m), r => r.ReadString());

        Assert.Same(first, second);
        Assert.Equal(1, trainings);
        Assert.Null(cache.GetOrTrain<string>("nothing", () => null, (w, m) => w.Write(m), r => r.ReadString())); // not stored
        Assert.Equal("again", cache.GetOrTrain("nothing", () => "again", (w, m) => w.Write(m), r => r.ReadString()));
    }

    [Theory]
    [InlineData(0)] // empty
    [InlineData(3)] // cut inside the header
    [InlineData(40)] // cut inside the weights
    public void Trains_again_rather_than_read_a_damaged_file(int keptBytes)
    {
        var samples = PhrasingClassifierTests.Samples();
        var trained = PhrasingClassifier.Trained(Cache(), samples, 1e-4)!;
        var file = Assert.Single(Directory.GetFiles(directory, "*.model"));
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..keptBytes]);

        var again = PhrasingClassifier.Trained(Cache(), samples, 1e-4)!;

        (string, float)[] message = [("lift", 1f)];
        Assert.Equal(trained.Probabilities(message, 3), again.Probabilities(message, 3));
        Assert.True(new FileInfo(file).Length > keptBytes); // written whole again
        Assert.NotNull(PhrasingClassifier.Trained(Cache(), samples, 1e-4));
    }

    [Fact]
    public void Trains_again_rather_than_read_another_kind_of_file()
    {
        var cache = Cache();
        var key = TrainedModelCache.Key("test", hash => TrainedModelCache.Add(hash, "a"));
        File.WriteAllBytes(Path.Combine(directory, key + ".model"), [1, 2, 3, 4, 5, 6, 7, 8]);
        var trainings = 0;

        var model = cache.GetOrTrain(key, () => $"trained {++trainings}", (w, m) => { w.Write(0x54534554); w.Write(m); }, r => r.ReadInt32() == 0x54534554 ? r.ReadString() : null);

        Assert.Equal("trained 1", model);
        Assert.Equal("trained 1", Cache().GetOrTrain(key, () => "not again", (w, m) => { w.Write(0x54534554); w.Write(m); }, r => r.ReadInt32() == 0x54534554 ? r.ReadString() : null));
    }

    [Fact]
    public void Keeps_no_text_of_the_training_only_its_features()
    {
        HumanRequestModel.Trained(Cache(), [("je voudrais parler à un conseiller svp", "fr", true), ("quels sont vos horaires d'ouverture", "fr", false)]);

        var bytes = File.ReadAllText(Assert.Single(Directory.GetFiles(directory, "*.model")));
        foreach (var text in new[] { "parler à un conseiller", "parler a un conseiller", "horaires d'ouverture", "vos horaires d ouverture" })
        {
            Assert.DoesNotContain(text, bytes);
        }

        Assert.Contains("conseiller", bytes); // its words are there, as features
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
