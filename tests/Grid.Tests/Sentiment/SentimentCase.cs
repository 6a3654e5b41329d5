using System.Text.Json;
using Grid.Sentiment;

namespace Grid.Tests.Sentiment;

/// <summary>One labelled message of <c>Sentiment/Data/sentiment-cases.json</c>.</summary>
internal sealed record SentimentCase(string Text, string Language, string Label, string Split)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<SentimentCase> ReadAll() =>
        JsonSerializer.Deserialize<List<SentimentCase>>(SentimentData.Resource("sentiment-cases.json"), Json)
            ?? throw new InvalidDataException("No sentiment cases.");

    public static string Predict(double value) =>
        value <= SentimentScorer.NegativeThreshold ? "negative" : value >= SentimentScorer.PositiveThreshold ? "positive" : "neutral";
}
