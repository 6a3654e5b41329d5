using Grid.Bot;
using Grid.Pipeline;

namespace Grid.Tests.Bot;

/// <summary>
/// A person asked for by name (<see cref="NamedPersonRequest"/>): the verb must ask, the name must be written as a
/// name, and the matcher takes it for a request only through its option.
/// </summary>
public sealed class NamedPersonRequestTests
{
    // The other weaker readings and the model are off, so that only the by-name rule can tell these requests.
    private static readonly MatcherOptions OthersOff = MatcherOptions.Default with { HumanModelBar = 2, HumanModelUnnamedBar = 2, HumanModelOverAnswer = 2, HumanRuledOutBar = 2, HumanMeaning = false, HumanTalk = false };
    private static readonly Lazy<Grid.Bot.KnowledgeIndex> With = new(() => new Grid.Bot.KnowledgeIndex(DemoBase.Entries, DemoBase.Settings, OthersOff));
    private static readonly Lazy<Grid.Bot.KnowledgeIndex> Without = new(() => new Grid.Bot.KnowledgeIndex(DemoBase.Entries, DemoBase.Settings, OthersOff with { HumanByName = false }));

    [Theory]
    [InlineData("Est-ce que je peux reparler à Sophie ?")]
    [InlineData("vous me passez Julien svp")]
    [InlineData("je voudrais discuter avec Mme Lefebvre de mon dossier")]
    [InlineData("can I speak to Mr Patel again")]
    [InlineData("please put me through to Claire")]
    [InlineData("Is Mark from the technical team around?")]
    [InlineData("Est-ce que Karim du service technique est disponible ?")]
    [InlineData("I'm asking for Dave, he knows my file")]
    [InlineData("Est-ce que je peux avoir affaire à Nadia de nouveau ?")]
    [InlineData("can I deal with Priya again, she knows the file")]
    [InlineData("Je ne sais pas, pouvez-vous me passer Julien ?")] // a negation in another phrase
    public void Reads_a_request_for_someone_named(string text)
    {
        Assert.True(NamedPersonRequest.AsksForSomeoneByName(text));
    }

    [Theory]
    [InlineData("j'ai parlé à Sophie hier, elle m'a dit que c'était réglé")] // tells, does not ask
    [InlineData("I spoke to Claire last week about the refund")]
    [InlineData("Sophie talked to me about the new plan")]
    [InlineData("je dois parler à EDF pour le compteur")] // capitals: a company, not a name
    [InlineData("can I speak to someone")] // no one named: the other rules' business
    [InlineData("parler à sophie")] // no capital: not told from a word
    [InlineData("talk to You soon")]
    [InlineData("Is Tuesday available for the technician?")] // a day, not a name
    [InlineData("Mark was around yesterday to fix the lift")] // tells: no question
    [InlineData("je ne veux plus avoir affaire à Kevin")] // negated
    [InlineData("I don't want to talk to Mark ever again")]
    [InlineData("j'ai eu affaire à Nadia en janvier")] // told
    public void Does_not_read_what_tells_of_someone_or_names_no_one(string text)
    {
        Assert.False(NamedPersonRequest.AsksForSomeoneByName(text));
    }

    [Theory]
    [InlineData("Est-ce que je peux reparler à Sophie ?")]
    [InlineData("can I speak to Mr Patel again")]
    public void Hands_to_a_person_only_with_the_option(string text)
    {
        var detector = new StopWordLanguageDetector();

        Assert.Equal(BotDecisionKind.Human, new KnowledgeMatcher(With.Value, detector).Decide(text).Kind);
        Assert.NotEqual(BotDecisionKind.Human, new KnowledgeMatcher(Without.Value, detector).Decide(text).Kind);
    }
}
