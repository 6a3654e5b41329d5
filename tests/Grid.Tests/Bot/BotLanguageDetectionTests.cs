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
