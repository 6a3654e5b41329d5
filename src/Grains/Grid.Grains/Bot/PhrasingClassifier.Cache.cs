namespace Grid.Bot;

/// <summary>
/// A trained scorer kept and read back (<see cref="TrainedModelCache"/>): its key, and its file format.
/// </summary>
internal sealed partial class PhrasingClassifier
{
    private const int Magic = 0x31534850; // "PHS1"

    /// <summary>
    /// <see cref="Train"/> through a cache (<see cref="TrainedModelCache"/>): a base rebuilt with the same phrasings,
    /// another tenant with the same base or another process on the machine reads the model instead of training it.
    /// </summary>
    public static PhrasingClassifier? Trained(
        TrainedModelCache cache, IReadOnlyList<(int Entry, IReadOnlyList<(string Term, float Weight)> Terms)> samples, double l2)
    {
        var key = TrainedModelCache.Key("phrasing-classifier", hash =>
        {
            hash.AppendData(BitConverter.GetBytes(l2));
            foreach (var (entry, terms) in samples)
            {
                hash.AppendData(BitConverter.GetBytes(entry));
                hash.AppendData(BitConverter.GetBytes(terms.Count));
                foreach (var (term, weight) in terms)
                {
                    TrainedModelCache.Add(hash, term);
                    hash.AppendData(BitConverter.GetBytes(weight));
                }
            }
        });
        return cache.GetOrTrain(key, () => Train(samples, l2), Write, Read);
    }

    /// <summary>Writes the classifier: a magic word, the classes' entries and biases, the features with their kept weights.</summary>
    private static void Write(BinaryWriter writer, PhrasingClassifier model)
    {
        writer.Write(Magic);
        writer.Write(model.classEntry.Length);
        for (var c = 0; c < model.classEntry.Length; c++)
        {
            writer.Write(model.classEntry[c]);
            writer.Write(model.biases[c]);
        }

        writer.Write(model.weights.Length);
        foreach (var (feature, index) in model.features.OrderBy(f => f.Value))
        {
            writer.Write(feature);
            writer.Write(model.weights[index].Length);
            foreach (var (c, w) in model.weights[index])
            {
                writer.Write(c);
                writer.Write(w);
            }
        }
    }

    /// <summary>Reads a classifier <see cref="Write"/> wrote; null when the file is not one.</summary>
    private static PhrasingClassifier? Read(BinaryReader reader)
    {
        if (reader.ReadInt32() != Magic)
        {
            return null;
        }

        var length = reader.BaseStream.Length;
        var classes = Count(reader.ReadInt32(), length);
        var classEntry = new int[classes];
        var biases = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            classEntry[c] = reader.ReadInt32();
            biases[c] = reader.ReadSingle();
        }

        var count = Count(reader.ReadInt32(), length);
        var features = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var weights = new (int, float)[count][];
        for (var f = 0; f < count; f++)
        {
            features.Add(reader.ReadString(), f);
            weights[f] = new (int, float)[Count(reader.ReadInt32(), classes)];
            for (var k = 0; k < weights[f].Length; k++)
            {
                var c = reader.ReadInt32();
                weights[f][k] = (c >= 0 && c < classes ? c : throw new InvalidDataException($"A classifier file names class {c} of {classes}."), reader.ReadSingle());
            }
        }

        return reader.BaseStream.Position == length ? new PhrasingClassifier(features, weights, biases, classEntry) : null;

        static int Count(int value, long most) =>
            value >= 0 && value <= most ? value : throw new InvalidDataException($"A classifier file holds a count of {value}.");
    }
}
