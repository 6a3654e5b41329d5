using Grid.Pipeline;

namespace Grid.Tests.Bot;

public sealed class BotLanguageDetectionTests
{
    [Theory]
    [InlineData("slt jai pas recu ma facture", "fr")]
    [InlineData("bjr vs etes ouvert samedi", "fr")]
    [InlineData("c koi vos horaires", "fr")]
    [InlineData("jsp ou c", "fr")]
    [InlineData("ascenseur en panne depuis ce matin", "fr")]
    [InlineData("mon mot de passe marche plus", "fr")]
    [InlineData("PARLER A UN HUMAIN", "fr")]
    [InlineData("what time do u guys open tomorrow", "en")]
    [InlineData("cant log in, keeps saying wrong password", "en")]
    [InlineData("pls call me back", "en")]
    [InlineData("im moving next month", "en")]
    [InlineData("lift not working again in building B", "en")]
    public void Tells_sms_and_unaccented_french_from_english(string text, string expected) =>
        Assert.Equal(expected, new StopWordLanguageDetector().Detect(text, expected == "fr" ? "en" : "fr"));
}

/// <summary>
/// The matcher's language for a message too short for function words (<see cref="Grid.Bot.KnowledgeMatcher.DetectLanguage"/>):
/// the base's own words tell it, not its synonyms (the demo's mix languages); a message with none keeps the conversation's.
/// </summary>
public sealed class MatcherLanguageTests
{
    private readonly Grid.Bot.KnowledgeIndex index = DemoBase.Index;

    [Theory]
    [InlineData("opening hours?", "fr", "en")]
    [InlineData("forgot password", "fr", "en")]
    [InlineData("meter reading", "fr", "en")]
    [InlineData("horaires ?", "en", "fr")]
    [InlineData("relevé compteur", "en", "fr")]
    [InlineData("123456", "en", "en")] // nothing to tell by: the conversation's language
    [InlineData("123456", "fr", "fr")]
    public void Reads_a_fragment_by_the_words_of_the_base(string text, string conversation, string expected) =>
        Assert.Equal(expected, new Grid.Bot.KnowledgeMatcher(index, new StopWordLanguageDetector()).DetectLanguage(text, conversation));

    [Fact]
    public void Answers_a_fragment_in_its_language()
    {
        var decision = new Grid.Bot.KnowledgeMatcher(index, new StopWordLanguageDetector()).Decide("opening hours?", "fr");

        Assert.Equal((Grid.Bot.BotDecisionKind.Answer, "opening-hours", "en"), (decision.Kind, decision.EntryId, decision.AnswerLanguage));
    }
}
