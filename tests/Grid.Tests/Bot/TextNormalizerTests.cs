using Grid.Bot;

namespace Grid.Tests.Bot;

public sealed class TextNormalizerTests
{
    private static string Normalize(string text, string language) => new TextNormalizer().Normalize(text, language).Text;

    [Theory]
    [InlineData("slt jai pas recu ma facture", "salut j ai pas recu ma facture")]
    [InlineData("bjr vs etes ouvert ds la journee ?", "bonjour vous etes ouvert dans la journee")]
    [InlineData("pk ma facture a doublé", "pourquoi ma facture a double")]
    [InlineData("jsp ou c", "je ne sais pas ou c est")]
    [InlineData("mdp oublié stp", "mot de passe oublie s il te plait")]
    [InlineData("tjr rien recu, kan est-ce que je serai remboursé ?", "toujours rien recu . quand est ce que je serai rembourse")]
    [InlineData("qd est le rdv du technicien svp", "quand est le rendez vous du technicien s il vous plait")]
    [InlineData("passez moi qqn", "passez moi quelquun")]
    [InlineData("je veux parler à quelqu'un", "je veux parler a quelquun")]
    [InlineData("tjs pas de chauffage pr l'appart", "toujours pas de chauffage pour l appartement")]
    [InlineData("cc, qqch ne va pas avec mon compte", "coucou . quelque chose ne va pas avec mon compte")]
    [InlineData("ÉLÉVATEUR EN PANNE À L’ÉTAGE", "elevateur en panne a l etage")]
    [InlineData("c'est ma facture, c bizarre", "c est ma facture . c est bizarre")]
    [InlineData("g pas recu ce que j'ai commandé", "j ai pas recu ce que j ai commande")]
    public void Expands_french_sms_spellings_and_folds_accents(string text, string expected) =>
        Assert.Equal(expected, Normalize(text, "fr"));

    [Theory]
    [InlineData("cant log in, u there?", "cannot log in . you there")]
    [InlineData("pls send ur invoice thx", "please send your invoice thanks")]
    [InlineData("I don't understand my bill", "i do not understand my bill")]
    [InlineData("im moving, r u open 2moro", "i am moving . are you open tomorrow")]
    [InlineData("I'd like a callback, I've waited", "i would like a callback . i have waited")]
    [InlineData("dont know my pw", "do not know my password")]
    [InlineData("It's my landlord's flat", "it my landlord flat")]
    [InlineData("wont work, can't pay", "will not work . cannot pay")]
    public void Expands_english_sms_spellings_and_contractions(string text, string expected) =>
        Assert.Equal(expected, Normalize(text, "en"));

    [Fact]
    public void Uses_only_the_messages_language_map()
    {
        // "c" is French SMS for "c'est"; in English it stays a letter. "u" is English SMS for "you"; in French it stays.
        Assert.Equal("batiment c", Normalize("bâtiment c", "en"));
        Assert.Equal("u", Normalize("u", "fr"));
    }

    [Fact]
    public void Splits_clauses_at_punctuation_and_contrasting_conjunctions()
    {
        var text = new TextNormalizer().Normalize("J'ai parlé à un conseiller hier mais je veux un responsable! Merci, bonne journée", "fr");

        Assert.Equal(4, text.Clauses.Count);
        Assert.Equal(["j", "ai", "parle", "a", "un", "conseiller", "hier"], text.Clauses[0]);
        Assert.Equal(["je", "veux", "un", "responsable"], text.Clauses[1]);
    }

    [Fact]
    public void Keeps_numbers_and_decimal_points()
    {
        Assert.Equal("facture inv 2024 00871 de 12.50 euros", Normalize("facture INV-2024-00871 de 12.50 euros", "fr"));
    }

    [Fact]
    public void Leaves_sms_alone_when_asked()
    {
        Assert.Equal("slt jai pas recu", new TextNormalizer(expandSms: false).Normalize("slt jai pas recu", "fr").Text);
    }
}
