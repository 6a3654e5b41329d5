using Grid.Bot;
using Grid.Pipeline;

namespace Grid.Tests.Bot;

/// <summary>
/// Person requests recognised by meaning (<see cref="HumanRequestMeaning"/>) over the demo knowledge base: wordings no
/// rule knows go to a person, mentions of a person do not, and a question the base answers stays answered.
/// </summary>
public sealed class HumanRequestMeaningTests
{
    private static readonly IReadOnlyList<KnowledgeEntry> Entries = DemoBase.Entries;
    private static readonly KnowledgeSettings Settings = DemoBase.Settings;

    private readonly Grid.Bot.KnowledgeIndex index = DemoBase.Index;
    private readonly StopWordLanguageDetector detector = new();

    [Theory]
    [InlineData("I'd prefer to sort this out with a member of your team, if possible")]
    [InlineData("could one of your employees pick this up with me")]
    [InlineData("This is a waste of time. Let me talk to a flesh-and-blood person.")] // short, but read sentence by sentence
    public void Hands_a_request_no_rule_knows_to_a_person(string text)
    {
        var language = detector.Detect(text, "fr");
        Assert.Null(new HumanRequestDetector().Rule(new TextNormalizer().Normalize(text, language))); // no rule: meaning decides

        // Talk words and the learnt model off, so that the meaning alone decides.
        using var meaning = new KnowledgeIndex(Entries, Settings, MatcherOptions.Default with { HumanTalk = false, HumanModelBar = 2, HumanModelUnnamedBar = 2, HumanModelOverAnswer = 2, HumanRuledOutBar = 2 });
        Assert.Equal(BotDecisionKind.Human, new KnowledgeMatcher(meaning, detector).Decide(text).Kind);

        using var without = new KnowledgeIndex(Entries, Settings, MatcherOptions.Default with { HumanMeaning = false, HumanTalk = false, HumanModelBar = 2, HumanModelUnnamedBar = 2, HumanModelOverAnswer = 2, HumanRuledOutBar = 2 });
        Assert.NotEqual(BotDecisionKind.Human, new KnowledgeMatcher(without, detector).Decide(text).Kind);
    }

    [Theory]
    [InlineData("your colleague on the phone told me the refund was coming")]
    [InlineData("can you send someone to look at the radiator")]
    [InlineData("how many employees do you have")]
    [InlineData("is there a person at the front desk on saturdays")]
    [InlineData("my neighbour is a customer adviser at a bank")]
    [InlineData("le technicien est venu mais le chauffage ne marche toujours pas")]
    [InlineData("What hours are your agents available? I'll ring next week.")] // a question about hours
    [InlineData("Mon assistante sociale m'a conseillé de vous écrire pour étaler ma dette")] // "conseillé" is a verb here
    [InlineData("Bonjour, je suis gestionnaire de deux immeubles et je voudrais qu'un technicien contrôle les chaudières avant l'hiver. Comment je réserve ?")] // the writer is the "gestionnaire"
    [InlineData("I'm the property manager for two buildings and would like a technician to service the boilers before winter, how do I book that?")]
    public void Leaves_mentions_of_a_person_alone(string text) =>
        Assert.NotEqual(BotDecisionKind.Human, new KnowledgeMatcher(index, detector).Decide(text).Kind);

    [Theory]
    [InlineData("ta conseillère m'a parlé d'un échéancier, je le demande comment ?")]
    [InlineData("votre collègue nous a proposé un rendez-vous, c'est pour quand ?")]
    [InlineData("your adviser has confirmed the plan, when does it start?")]
    public void Reads_reported_speech_as_no_request(string text)
    {
        var language = detector.Detect(text, "fr");
        var normalized = new TextNormalizer().Normalize(text, language);
        Assert.True(HumanRequestDetector.ReportsSpeech([.. normalized.Tokens]), text);
        Assert.False(HumanRequestMeaning.Shared.IsRequest(normalized, () => index.EmbedSentences(text, language)), text);
    }

}
