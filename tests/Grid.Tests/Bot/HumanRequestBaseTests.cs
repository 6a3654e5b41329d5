using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// The person-request rules (<see cref="HumanRequestDetector"/>) against the demo base's own questions: a question the
/// base answers ("Could you send someone out?" about a broken lift, "we want our staff's contact details erased") is
/// no request for a person, and a rule that reads one as such hands the customer to a person instead of answering.
/// </summary>
public sealed class HumanRequestBaseTests
{
    /// <summary>
    /// Questions the rules still read as requests, left as they are (docs/bot-evaluation.md, "Twenty-sixth round"): a
    /// statement that the service calls an old number, how long until a technician calls back, and a husband who wants
    /// to call (and asks the hours).
    /// </summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "vous m'appelez sur un num que j'ai plus",
        "Combien de temps avant qu'un technicien me rappelle pour ma panne ?",
        "Mon mari voudrait appeler votre service client en rentrant du boulot, vous fermez à quelle heure en semaine ?",
    };

    [Fact]
    public void Read_none_of_the_demo_base_questions_as_a_request()
    {
        var normalizer = new TextNormalizer();
        var people = new HumanRequestDetector();
        var questions = DemoBase.Questions;
        Assert.True(questions.Count >= 3000, $"{questions.Count} questions in the demo base");

        var read = questions.Where(q => !Known.Contains(q.Text) && people.IsRequest(normalizer.Normalize(q.Text, q.Language)))
            .Select(q => $"{people.Rule(normalizer.Normalize(q.Text, q.Language))}: {q.Text}")
            .ToList();

        Assert.True(read.Count == 0, $"{read.Count} questions read as requests: {string.Join(" | ", read.Take(8))}");
        Assert.All(questions.Where(q => Known.Contains(q.Text)), q => Assert.True(people.IsRequest(normalizer.Normalize(q.Text, q.Language)), $"no longer read, take it off the list: {q.Text}"));
        Assert.Equal(Known.Count, questions.Count(q => Known.Contains(q.Text)));
    }
}
