using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>
    /// A message's vector prepared for <see cref="Dot(Query, int)"/>: scaled so that its largest component is 32,767
    /// and rounded to 16-bit integers (a cosine moves by about a hundred-thousandth, a hundred times less than the
    /// phrasings' bytes move it).
    /// </summary>
    public static Query Prepare(float[] vector)
    {
        var largest = 0f;
        foreach (var component in vector)
        {
            largest = Math.Max(largest, Math.Abs(component));
        }

        var scale = largest > 0 ? largest / short.MaxValue : 1f;
        var codes = new short[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (short)Math.Clamp(MathF.Round(vector[i] / scale), -short.MaxValue, short.MaxValue);
        }

        return new Query(codes, scale);
    }

    /// <summary>The dot product of <paramref name="vector"/> with stored vector <paramref name="index"/> (their cosine, for unit vectors).</summary>
    public double Dot(float[] vector, int index) => Dot(Prepare(vector), index);

    /// <summary>
    /// The dot product of a prepared message vector with stored vector <paramref name="index"/>, summed in integers
    /// (eight steps of at most 127 × 32,767 × 2 a lane, then in 64 bits: no overflow).
    /// Where the processor has AVX2, sixteen dimensions a step: bytes widened to 16 bits and multiplied-and-added in
    /// pairs (vpmaddwd); elsewhere one at a time. Integer sums are exact, so both give the same result. A message
    /// is compared with every phrasing of its language, 36,000 of them in a 500-entry base, once for each of its
    /// sentences: this loop is most of a decision's time (docs/bot-evaluation.md, "Sixteenth round").
    /// </summary>
    public double Dot(Query query, int index)
    {
        if (query.Codes.Length != Dimensions)
        {
            throw new ArgumentException($"The vector has {query.Codes.Length} dimensions, the stored ones {Dimensions}.", nameof(query));
        }

        ref var stored = ref codes[index * Dimensions];
        ref var message = ref query.Codes[0];
        var i = 0;
        long sum = 0;
        if (Avx2.IsSupported && Dimensions >= 16)
        {
            while (i <= Dimensions - 16)
            {
                // Eight steps at most into the 32-bit lanes, then into the 64-bit sum: no size can overflow them.
                var lanes = Vector256<int>.Zero;
                for (var step = 0; step < 8 && i <= Dimensions - 16; step++, i += 16)
                {
                    var widened = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref stored, (nuint)i));
                    lanes = Avx2.Add(lanes, Avx2.MultiplyAddAdjacent(widened, Vector256.LoadUnsafe(ref message, (nuint)i)));
                }

                sum += Vector256.Sum(lanes);
            }
        }

        for (; i < Dimensions; i++)
        {
            sum += Unsafe.Add(ref stored, i) * Unsafe.Add(ref message, i);
        }

        return sum * (double)scales[index] * query.Scale;
    }

    /// <summary>A message vector as 16-bit integers and the factor that gives the floats back.</summary>
    public sealed record Query(short[] Codes, float Scale);
}
