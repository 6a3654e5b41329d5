namespace Grid.Bot;

/// <summary>
/// One evaluation case, written as a customer writes: the text, its language, and what the bot should do ("answer"
/// with <see cref="Entry"/>, "human", or "none": stay silent).
/// </summary>
internal sealed record EvaluationCase(string Text, string Language, string Expect, string? Entry = null);
