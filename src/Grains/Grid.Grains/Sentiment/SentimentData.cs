namespace Grid.Sentiment;

/// <summary>The files shipped with the grains in <c>Sentiment/Data</c>: the lexicons and the evaluation cases.</summary>
internal static class SentimentData
{
    /// <summary>A file shipped in <c>Sentiment/Data</c> (e.g. "sentiment-fr.tsv", "sentiment-cases.json").</summary>
    public static string Resource(string name)
    {
        using var stream = typeof(SentimentData).Assembly.GetManifestResourceStream($"Grid.Sentiment.{name}")
            ?? throw new FileNotFoundException($"No sentiment resource named '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
