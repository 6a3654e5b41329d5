namespace Grid.Sentiment;

/// <summary>
/// The sentiment of one customer message: <see cref="Value"/> in [-1, 1] (-1 furious or desperate, 0 neutral,
/// +1 delighted) and <see cref="Evidence"/>, the number of sentiment-bearing cues found (words, expressions, emojis).
/// With no evidence the value is 0.
/// </summary>
internal readonly record struct SentimentScore(double Value, int Evidence)
{
    public static SentimentScore None => default;
}
