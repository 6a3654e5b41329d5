using Grid.Pipeline;

namespace Grid.Tests.Grains;

public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("Bonjour, je veux parler à un conseiller", "en", "fr")]
    [InlineData("L'ascenseur est en panne depuis ce matin", "en", "fr")]
    [InlineData("Hello, I need a copy of my invoice please", "fr", "en")]
    [InlineData("Where is my parcel?", "fr", "en")]
    [InlineData("OK", "en", "en")]
    [InlineData("OK", "fr", "fr")]
    [InlineData("12345678", "fr", "fr")]
    public void Tells_french_from_english_and_keeps_the_fallback_when_unsure(string text, string fallback, string expected) =>
        Assert.Equal(expected, new StopWordLanguageDetector().Detect(text, fallback));
}
