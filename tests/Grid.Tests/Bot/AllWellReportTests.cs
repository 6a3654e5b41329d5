using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>Reports that all went well are not questions for the knowledge base; problems and requests are.</summary>
public sealed class AllWellReportTests
{
    [Theory]
    [InlineData("Le colis est arrivé ce matin, merci")]
    [InlineData("le plombier est passé et a tout réparé")]
    [InlineData("Tout est ok maintenant, bonne journée")]
    [InlineData("j'ai payé la facture de mars hier")]
    [InlineData("merci pour votre aide, bonne soirée")]
    [InlineData("Bravo pour la rapidité, très satisfaite")]
    [InlineData("finalement pas de souci, la porte s'est ouverte")]
    [InlineData("Joyeux Noël à toute l'équipe")]
    [InlineData("the package was delivered today, cheers")]
    [InlineData("the heating works again, thanks a lot")]
    [InlineData("engineer showed up on time, great service")]
    [InlineData("everything is fine now")]
    [InlineData("no worries, sorted it myself")]
    public void Recognises_reports_that_all_went_well(string text)
    {
        Assert.True(AllWellReport.Is(text), text);
        Assert.Equal(SmallTalk.Thanks, SmallTalk.Of(text));
    }

    [Theory]
    [InlineData("le colis n'est toujours pas arrivé")]
    [InlineData("parcel hasn't arrived")]
    [InlineData("the lift isn't working")]
    [InlineData("my badge stopped working")]
    [InlineData("j'ai payé deux fois la même facture")]
    [InlineData("j'ai reçu ma facture mais elle est trop élevée")]
    [InlineData("the parcel arrived damaged")]
    [InlineData("Le colis est arrivé ?")]
    [InlineData("my card expired so the direct debit failed")]
    [InlineData("jai supprimé le mail avec la facture par erreur")]
    [InlineData("send me a copy of my invoice, thanks")]
    [InlineData("je voudrais une copie de la facture reçue, merci")]
    [InlineData("the technician came but the boiler still leaks")]
    [InlineData("the heating barely works, radiators are lukewarm at best")]
    [InlineData("le chauffage fonctionne mal depuis lundi")]
    [InlineData("prélèvement automatique, où ça se règle")]
    public void Leaves_problems_and_requests_to_the_matcher(string text) => Assert.False(AllWellReport.Is(text), text);

    [Fact]
    public void The_matcher_stays_silent_on_a_report()
    {
        using var index = new KnowledgeIndex(
            KnowledgeBaseFile.ReadEntries(KnowledgeBaseFile.Resource("demo-kb.json")),
            KnowledgeBaseFile.ReadSettings(KnowledgeBaseFile.Resource("demo-settings.json")));
        var matcher = new KnowledgeMatcher(index, new Grid.Pipeline.StopWordLanguageDetector());

        Assert.Equal(BotDecisionKind.NoMatch, matcher.Decide("the parcel arrived this afternoon, thanks").Kind);
        Assert.Equal(BotDecisionKind.Answer, matcher.Decide("where is my parcel? it still hasn't arrived").Kind);
    }
}
