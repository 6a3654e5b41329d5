using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>Phrasing vectors stored as bytes (<see cref="QuantizedVectors"/>) give the cosines of the floats, within a rounding.</summary>
public sealed class QuantizedVectorsTests
{
    [Theory]
    [InlineData(384)] // the sentence model's size: whole SIMD steps
    [InlineData(10)] // shorter than one step: the scalar loop alone
    [InlineData(40)] // two steps and a tail
    public void Gives_the_cosines_of_the_full_vectors(int dimensions)
    {
        var random = new Random(7);
        var stored = Enumerable.Range(0, 50).Select(_ => Unit(random, dimensions)).ToList();
        var quantized = new QuantizedVectors(stored);

        var largestError = 0d;
        for (var m = 0; m < 20; m++)
        {
            var message = Unit(random, dimensions);
            for (var i = 0; i < stored.Count; i++)
            {
                var exact = SentenceEmbedder.Similarity(message, stored[i]);
                largestError = Math.Max(largestError, Math.Abs(quantized.Dot(message, i) - exact));
                Assert.Equal(quantized.Dot(message, i), quantized.Dot(QuantizedVectors.Prepare(message), i));
            }
        }

        Assert.Equal(stored.Count, quantized.Count);
        Assert.True(largestError < 0.01, $"largest error {largestError:0.0000}");
        Assert.True(quantized.Dot(stored[3], 3) > 0.99, "a vector with itself"); // and not with another
        Assert.True(quantized.Dot(stored[3], 4) < 0.9);
    }

    [Fact]
    public void Sums_a_long_vector_of_extreme_components_without_overflow()
    {
        // Every component at the largest code: the 32-bit lanes would overflow if they summed the whole vector.
        const int dimensions = 65_536;
        var vector = Enumerable.Repeat(1 / MathF.Sqrt(dimensions), dimensions).ToArray();
        var quantized = new QuantizedVectors([vector, [.. vector.Select(v => -v)]]);

        Assert.Equal(1, quantized.Dot(vector, 0), 4);
        Assert.Equal(-1, quantized.Dot(vector, 1), 4);
    }

    [Fact]
    public void Refuses_a_message_of_another_size() =>
        Assert.Throws<ArgumentException>(() => new QuantizedVectors([new float[4]]).Dot(new float[5], 0));

    [Fact]
    public void Refuses_vectors_of_different_sizes() =>
        Assert.Throws<ArgumentException>(() => new QuantizedVectors([new float[4], new float[5]]));

    private static float[] Unit(Random random, int dimensions)
    {
        var vector = Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / norm)];
    }
}
