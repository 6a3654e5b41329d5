using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// The person-request model's training texts (<c>Bot/Data/human-requests-train.json</c>) against the evaluation sets and
/// the demo base: an evaluation that holds a training text measures what the model was shown, not how it reads new
/// messages; a question of the base taught as a request contradicts the base that answers it.
/// </summary>
public sealed class HumanRequestTrainingTests
{
    [Fact]
    public void No_training_text_is_an_evaluation_text_once_folded()
    {
        var names = typeof(KnowledgeBaseFile).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Grid.Bot.eval-", StringComparison.Ordinal) && !n.EndsWith("-kb.json", StringComparison.Ordinal))
            .Select(n => n["Grid.Bot.".Length..])
            .ToList();
        Assert.True(names.Count >= 40, $"{names.Count} evaluation sets found");
        var evaluated = names.SelectMany(DemoBase.Cases).Select(c => Fold(c.Text)).ToHashSet(StringComparer.Ordinal);

        var shared = HumanRequestModel.Load().Where(e => evaluated.Contains(Fold(e.Text))).Select(e => e.Text).ToList();

        Assert.True(shared.Count == 0, $"training texts equal to evaluation texts: {string.Join(" | ", shared.Take(5))}");
    }

    [Fact]
    public void Teaches_none_of_the_demo_base_questions_as_a_request()
    {
        var questions = DemoBase.Questions.Select(q => Fold(q.Text)).ToHashSet(StringComparer.Ordinal);
        Assert.True(questions.Count >= 3000, $"{questions.Count} questions in the demo base");

        var taught = HumanRequestModel.Load().Where(e => e.Request && questions.Contains(Fold(e.Text))).Select(e => e.Text).ToList();

        Assert.True(taught.Count == 0, $"the base's questions taught as requests: {string.Join(" | ", taught.Take(5))}");
    }

    /// <summary><see cref="TextNormalizer.Fold"/> (lower case, no accents), letters and digits only, one space between words.</summary>
    private static string Fold(string text) =>
        string.Join(' ', new string([.. TextNormalizer.Fold(text).Select(c => char.IsLetterOrDigit(c) ? c : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
