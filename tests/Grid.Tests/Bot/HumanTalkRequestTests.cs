using Grid.Bot;
using Grid.Pipeline;

namespace Grid.Tests.Bot;

/// <summary>
/// The looser reading of a person request (<see cref="HumanRequestDetector.AsksToTalk"/>): a person, a way of talking
/// and a wish in one clause, in any order, with nothing that makes it a mention, a question about reaching someone or
/// a task; and, in the matcher, only when no rule fired and the base has no answer.
/// </summary>
public sealed class HumanTalkRequestTests
{
    private readonly Grid.Bot.KnowledgeIndex index = DemoBase.Index;
    private readonly StopWordLanguageDetector detector = new();

    private static bool AsksToTalk(string text, string language) =>
        new HumanRequestDetector().AsksToTalk(new TextNormalizer().Normalize(text, language));

    [Theory]
    [InlineData("je sollicite un entretien téléphonique avec une conseillère", "fr")]
    [InlineData("est-ce que je pourrais avoir un gestionnaire au téléphone demain ?", "fr")]
    [InlineData("Un échange de vive voix avec un de vos collaborateurs serait possible ?", "fr")]
    [InlineData("je vous serais reconnaissant d'organiser une conversation avec un responsable", "fr")]
    [InlineData("Would a member of staff be able to phone my mother about her account?", "en")]
    [InlineData("I would value a conversation with one of your advisers about this", "en")]
    [InlineData("a phone conversation with a supervisor is all I need", "en")]
    [InlineData("kindly arrange a call from your customer care executive", "en")]
    public void Reads_a_person_a_way_of_talking_and_a_wish_in_any_order(string text, string language) =>
        Assert.True(AsksToTalk(text, language), text);

    [Theory]
    [InlineData("le conseiller au téléphone était très désagréable, je veux faire une réclamation", "fr")] // a past copula
    [InlineData("un conseiller m'a déjà appelé, merci", "fr")] // told
    [InlineData("comment joindre un conseiller par téléphone ?", "fr")] // how: the base answers it
    [InlineData("vous pouvez m'envoyer quelqu'un pour réparer le téléphone de l'interphone ?", "fr")] // a task
    [InlineData("je ne veux pas parler à un conseiller, répondez-moi ici", "fr")] // the wish denied
    [InlineData("I can only phone before 9am, will anyone pick up that early?", "en")] // when
    [InlineData("what number should my son call to reach an adviser", "en")] // how
    [InlineData("are you hiring people to answer the phone", "en")] // jobs
    [InlineData("can I call you guys on Sunday morning", "en")] // when
    [InlineData("the people upstairs can't stop talking on the phone at night", "en")] // the wish denied
    public void Leaves_what_is_not_a_request(string text, string language) =>
        Assert.False(AsksToTalk(text, language), text);

    [Fact]
    public void Hands_to_a_person_only_when_no_rule_fired_and_the_base_has_no_answer()
    {
        const string text = "je sollicite un échange avec une conseillère au sujet de mon dossier";
        Assert.Null(new HumanRequestDetector().Rule(new TextNormalizer().Normalize(text, "fr"))); // no rule knows this order
        Assert.Equal(BotDecisionKind.Human, new KnowledgeMatcher(index, detector).Decide(text).Kind);

        var modelOff = MatcherOptions.Default with { HumanModelBar = 2, HumanModelUnnamedBar = 2, HumanModelOverAnswer = 2, HumanRuledOutBar = 2, HumanModelOverWeakAnswer = 2, HumanUnnamedOverAnswer = 2, HumanRuledOutOverAnswer = 2 };
        using var without = new KnowledgeIndex(DemoBase.Entries, DemoBase.Settings, modelOff with { HumanTalk = false, HumanMeaning = false });
        Assert.NotEqual(BotDecisionKind.Human, new KnowledgeMatcher(without, detector).Decide(text).Kind);

        // The looser reading sees a request in this one too, but the base answers it: the talk words do not outrank an
        // answer; only the learnt model, sure of it, does (MatcherOptions.HumanModelOverWeakAnswer).
        const string answered = "I would like a conversation with a staff member about cancelling my contract";
        Assert.True(AsksToTalk(answered, "en"));
        using var talkOnly = new KnowledgeIndex(DemoBase.Entries, DemoBase.Settings, modelOff);
        var decision = new KnowledgeMatcher(talkOnly, detector).Decide(answered);
        Assert.Equal((BotDecisionKind.Answer, "contract-cancellation"), (decision.Kind, decision.EntryId));
        Assert.Equal(BotDecisionKind.Human, new KnowledgeMatcher(index, detector).Decide(answered).Kind);
    }
}
