using System.Numerics;

namespace Grid.Bot;

/// <summary>
/// A base's phrasing embeddings stored as one byte a dimension (each vector scaled so that its largest component is
/// 127), in one contiguous block. A message is compared with every phrasing of its language, and with 60,000
/// phrasings of 384 floats that pass read 92 MB from memory: the decision time was the memory's. As bytes it reads a
/// quarter of that; a cosine moves by about a thousandth (docs/bot-evaluation.md, "Seventh round").
/// </summary>
internal sealed class QuantizedVectors
{
    private readonly sbyte[] codes;
    private readonly float[] scales;

    public QuantizedVectors(IReadOnlyList<float[]> vectors)
    {
        Dimensions = vectors.Count > 0 ? vectors[0].Length : 0;
        codes = new sbyte[vectors.Count * Dimensions];
        scales = new float[vectors.Count];
        for (var v = 0; v < vectors.Count; v++)
        {
            var vector = vectors[v];
            if (vector.Length != Dimensions)
            {
                throw new ArgumentException("Every vector must have the same number of dimensions.", nameof(vectors));
            }

            var largest = 0f;
            foreach (var component in vector)
            {
                largest = Math.Max(largest, Math.Abs(component));
            }

            var scale = largest > 0 ? largest / 127f : 1f;
            scales[v] = scale;
            for (var i = 0; i < Dimensions; i++)
            {
                codes[(v * Dimensions) + i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127);
            }
        }
    }

    public int Dimensions { get; }

    public int Count => scales.Length;

    /// <summary>The dot product of <paramref name="vector"/> with stored vector <paramref name="index"/> (their cosine, for unit vectors).</summary>
    public double Dot(float[] vector, int index)
    {
        var span = codes.AsSpan(index * Dimensions, Dimensions);
        var i = 0;
        var sum = Vector<float>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<sbyte>.Count;
            var floats = Vector<float>.Count;
            for (; i <= Dimensions - width; i += width)
            {
                Vector.Widen(new Vector<sbyte>(span[i..]), out var low, out var high);
                Vector.Widen(low, out var a, out var b);
                Vector.Widen(high, out var c, out var d);
                sum += Vector.ConvertToSingle(a) * new Vector<float>(vector, i);
                sum += Vector.ConvertToSingle(b) * new Vector<float>(vector, i + floats);
                sum += Vector.ConvertToSingle(c) * new Vector<float>(vector, i + (2 * floats));
                sum += Vector.ConvertToSingle(d) * new Vector<float>(vector, i + (3 * floats));
            }
        }

        var dot = Vector.Sum(sum);
        for (; i < Dimensions; i++)
        {
            dot += span[i] * vector[i];
        }

        return dot * scales[index];
    }
}
