using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// <see cref="MissedPhrasings"/>: the messages of labelled sets a base misses become phrasings of their entries (the
/// uncovered ones it answers, of its out-of-scope entry), within the limits, in a deterministic order; what it answers
/// right is left alone, and what was added is then answered right.
/// </summary>
public sealed class MissedPhrasingsTests
{
    private static readonly IReadOnlyList<KnowledgeEntry> Shop =
    [
        Entry(
            "forgotten-password", [],
            ["J'ai oublié mon mot de passe", "Comment réinitialiser mon mot de passe ?", "mot de passe perdu"],
            ["I forgot my password", "How do I reset my password?", "lost password"],
            "Cliquez sur « Mot de passe oublié » sur la page de connexion.", "Click 'Forgot password' on the sign-in page."),
        Entry(
            "track-parcel", [],
            ["Où est mon colis ?", "Comment suivre ma commande ?", "suivi de commande"],
            ["Where is my parcel?", "How can I track my order?", "order tracking"],
            "Le lien de suivi est dans l'e-mail d'expédition.", "The tracking link is in the shipping email."),
        Entry(
            "not-ours", [KnowledgeIndex.OutOfScopeTag],
            ["le mot de passe de ma boîte mail", "les horaires de la poste"],
            ["my email provider's password", "the post office's opening hours"],
            "-", "-"),
    ];

    private static readonly KnowledgeSettings Settings = KnowledgeDefaults.Settings;

    private static readonly IReadOnlyList<EvaluationCase> Cases =
    [
        new("Where is my parcel?", "en", "answer", "track-parcel"),
        new("tjrs rien recu depuis 3 semaines c koi ce delire", "fr", "answer", "track-parcel"),
        new("the courier never came and nothing moved since tuesday, what's going on", "en", "answer", "track-parcel"),
        new("can't get into the site anymore, it says my secret word is wrong", "en", "answer", "forgotten-password"),
        new(string.Join(' ', Enumerable.Repeat("nothing has arrived yet and I am waiting", 15)), "en", "answer", "track-parcel"),
        new("How do I reset the password of my Gmail account?", "en", "none"),
        new("vous vendez des vélos ?", "fr", "none"),
    ];

    [Fact]
    public void Adds_the_messages_the_base_misses_to_their_entries_and_nothing_it_answers_right()
    {
        var outcomes = new BotEvaluation(Shop, Settings, Cases).Run().Outcomes;
        var (learnt, added, addedOutOfScope) = MissedPhrasings.Learn(Shop, Settings, [Cases], outOfScope: true);

        var missed = outcomes.Where(o => o.Case.Expect == "answer" && !o.Right && o.Case.Text.Length <= KnowledgeLimits.MaxPhrasingLength).ToList();
        Assert.NotEmpty(missed);
        Assert.Equal(missed.Count, added);
        foreach (var o in missed)
        {
            Assert.Contains(o.Case.Text, learnt.Single(e => e.Id == o.Case.Entry).Questions[o.Case.Language]);
        }

        var answeredUncovered = outcomes.Where(o => o.Case.Expect == "none" && o.Decision.Kind == BotDecisionKind.Answer).ToList();
        Assert.Equal(answeredUncovered.Count, addedOutOfScope);
        Assert.All(answeredUncovered, o => Assert.Contains(o.Case.Text, learnt.Single(e => e.Id == "not-ours").Questions[o.Case.Language]));

        // Answered right or already a phrasing, or too long for one: not added; the answers, tags and order of the entries are kept.
        Assert.Single(learnt.Single(e => e.Id == "track-parcel").Questions["en"], q => q == "Where is my parcel?");
        Assert.DoesNotContain(learnt.SelectMany(e => e.Questions.Values).SelectMany(q => q), q => q.Length > KnowledgeLimits.MaxPhrasingLength);
        Assert.Equal(Shop.Select(e => (e.Id, e.Answers["en"], e.Tags.Count)), learnt.Select(e => (e.Id, e.Answers["en"], e.Tags.Count)));
        Assert.Equal(Shop.Sum(e => e.Questions.Values.Sum(q => q.Count)) + added + addedOutOfScope, learnt.Sum(e => e.Questions.Values.Sum(q => q.Count)));
    }

    [Fact]
    public void Answers_right_what_it_learnt_and_learns_the_same_twice()
    {
        var (learnt, added, _) = MissedPhrasings.Learn(Shop, Settings, [Cases], outOfScope: true);
        var again = MissedPhrasings.Learn(Shop, Settings, [Cases], outOfScope: true).Entries;

        Assert.True(added > 0);
        Assert.Equal(KnowledgeJson.Write(learnt), KnowledgeJson.Write(again));
        var learntCases = Cases.Where(c => c.Expect == "answer" && learnt.Single(e => e.Id == c.Entry).Questions[c.Language].Contains(c.Text)).ToList();
        var outcomes = new BotEvaluation(learnt, Settings, learntCases).Run().Outcomes;
        Assert.All(outcomes, o => Assert.True(o.Right, $"{o.Case.Text} → {o.Got}"));
    }

    [Fact]
    public void Adds_nothing_to_an_entry_already_at_the_phrasing_limit_nor_without_an_out_of_scope_entry_when_asked_for_none()
    {
        var full = Enumerable.Range(0, KnowledgeLimits.MaxPhrasings).Select(i => $"order tracking question number {i}").ToList();
        IReadOnlyList<KnowledgeEntry> shop = [.. Shop.Select(e => e.Id == "track-parcel" ? e with { Questions = new Dictionary<string, IReadOnlyList<string>>(e.Questions) { ["en"] = full } } : e)];

        var (learnt, _, addedOutOfScope) = MissedPhrasings.Learn(shop, Settings, [Cases], outOfScope: false);

        Assert.Equal(full, learnt.Single(e => e.Id == "track-parcel").Questions["en"]);
        Assert.Equal(0, addedOutOfScope);
        Assert.Equal(Shop.Single(e => e.Id == "not-ours").Questions["en"], learnt.Single(e => e.Id == "not-ours").Questions["en"]);
    }

    private static KnowledgeEntry Entry(string id, IReadOnlyList<string> tags, IReadOnlyList<string> french, IReadOnlyList<string> english, string frenchAnswer, string englishAnswer) =>
        new(id, tags, new Dictionary<string, IReadOnlyList<string>> { ["fr"] = french, ["en"] = english },
            new Dictionary<string, string> { ["fr"] = frenchAnswer, ["en"] = englishAnswer });
}
