using Grid.Bot;

namespace Grid.Tests.Bot;

public sealed class HumanRequestDetectorTests
{
    private static bool IsRequest(string text, string language) =>
        new HumanRequestDetector().IsRequest(new TextNormalizer().Normalize(text, language));

    [Theory]
    [InlineData("conseiller")]
    [InlineData("un vrai être humain svp")]
    [InlineData("donne moi un humain")]
    [InlineData("jveu parlé a un conseillé")]
    [InlineData("je voudrais jaser avec un agent")]
    [InlineData("transfert vers un conseiller svp")]
    [InlineData("merci de transmettre mon dossier à un conseiller")]
    [InlineData("je souhaite m'entretenir avec mon gestionnaire")]
    [InlineData("pouvez-vous me passer un coup de fil demain ?")]
    [InlineData("Conseillère svp")]
    [InlineData("un humain stp")]
    [InlineData("OPERATEUR")]
    [InlineData("interlocuteur humain svp merci")]
    [InlineData("je voudrais parler à un conseiller s'il vous plaît")]
    [InlineData("Est-il possible de discuter avec une vraie personne ?")]
    [InlineData("pouvez vous me passer un responsable")]
    [InlineData("passe moi un agent")]
    [InlineData("mettez-moi en contact avec quelqu'un de votre service")]
    [InlineData("jveux parler a qqn")]
    [InlineData("j'aimerais être rappelée demain matin")]
    [InlineData("Rappelez moi au 06 11 22 33 44")]
    [InlineData("merci de me rappeler rapidement")]
    [InlineData("vous pouvez me recontacter ?")]
    [InlineData("ras le bol de ce robot, un conseiller maintenant")]
    [InlineData("je ne veux pas parler à une machine")]
    [InlineData("besoin d'une aide humaine")]
    [InlineData("J'ai déjà eu un conseiller hier, mais je veux parler à un responsable")]
    [InlineData("je veux parler au service client, à un conseiller")]
    [InlineData("conseilller")]
    [InlineData("je souhaite être mis en relation avec le service client")]
    [InlineData("est-ce qu'un conseiller peut me rappeler demain ?")]
    [InlineData("y a quelqu'un ?")]
    [InlineData("allo y a qqn la")]
    [InlineData("quelqu'un peut me répondre pour de vrai ?")]
    [InlineData("je souhaite parler à votre superviseur")]
    [InlineData("je veux un conseiller au tel")]
    [InlineData("vous pouvez me transférer à un collègue ?")]
    [InlineData("je préfère qu'un humain s'occupe de mon dossier")]
    [InlineData("Je voudrais parler à un préposé")]
    public void Recognises_french_requests(string text) => Assert.True(IsRequest(text, "fr"), text);

    [Theory]
    [InlineData("human")]
    [InlineData("Agent please")]
    [InlineData("a real person pls")]
    [InlineData("operator!!!")]
    [InlineData("I want to talk to someone")]
    [InlineData("Can I speak with a representative?")]
    [InlineData("let me chat to an actual human being")]
    [InlineData("get me a supervisor")]
    [InlineData("put me through to your manager")]
    [InlineData("is there anyone I can speak to?")]
    [InlineData("transfer me to an advisor")]
    [InlineData("please call me back")]
    [InlineData("could someone ring me this afternoon")]
    [InlineData("I'd like to be called back")]
    [InlineData("request a callback")]
    [InlineData("stop the bot, connect me to support staff")]
    [InlineData("this bot is useless")]
    [InlineData("I need human help with my bill")]
    [InlineData("represenative")]
    [InlineData("i spoke to an agent last week but i want to talk to a manager now")]
    [InlineData("I would like to speak with customer service")]
    [InlineData("hello? anyone there?")]
    [InlineData("is anybody out there")]
    [InlineData("can a real person answer me please")]
    [InlineData("transfer me")]
    [InlineData("I don't want to talk to a machine")]
    [InlineData("customer service rep pls")]
    [InlineData("I'd rather deal with an actual human being, thanks.")]
    [InlineData("just give me a human")]
    [InlineData("can a human take over this chat")]
    [InlineData("could you pass me on to one of your colleagues")]
    [InlineData("I would be grateful if an adviser could telephone me")]
    [InlineData("can someone give me a ring this afternoon")]
    [InlineData("need 2 talk 2 sum1")]
    public void Recognises_english_requests(string text) => Assert.True(IsRequest(text, "en"), text);

    [Theory]
    [InlineData("le technicien est passé hier mais le chauffage ne marche toujours pas")]
    [InlineData("votre conseiller m'a dit que la facture serait corrigée")]
    [InlineData("j'ai parlé à un conseiller la semaine dernière pour mon échéancier")]
    [InlineData("vous recrutez des conseillers ?")]
    [InlineData("le conseiller doit me rappeler demain, c'est toujours prévu ?")]
    [InlineData("vous m'avez rappelé ce matin mais j'ai raté l'appel")]
    [InlineData("vous pouvez envoyer quelqu'un pour réparer la fuite ?")]
    [InlineData("il y a quelqu'un de bloqué dans l'ascenseur")]
    [InlineData("personne n'est venu pour le rendez-vous")]
    [InlineData("Le conseiller au téléphone était désagréable, je veux faire une réclamation")]
    [InlineData("je ne suis pas un robot, j'ai juste oublié mon mot de passe")]
    [InlineData("tu es un robot ?")]
    [InlineData("quel est le salaire d'un conseiller clientèle ?")]
    [InlineData("j'ai reçu un rappel de paiement")]
    [InlineData("comment contacter votre service client par courrier ?")]
    [InlineData("Comment joindre le service client ?")]
    [InlineData("j'ai mis ma facture en pièce jointe")]
    [InlineData("le conseiller que j'ai eu était très gentil")]
    [InlineData("il n'y a personne dans l'ascenseur")]
    [InlineData("y a quelqu'un pour réparer la porte ?")]
    [InlineData("je ne me rappelle plus de mon mot de passe")]
    [InlineData("ne me rappelez pas, un mail suffit")]
    [InlineData("il a parlé à un conseiller hier")]
    public void Ignores_french_mentions(string text) => Assert.False(IsRequest(text, "fr"), text);

    [Theory]
    [InlineData("the agent I spoke to said my refund was on its way")]
    [InlineData("no need to call me back, it's sorted")]
    [InlineData("give someone else's name on the contract")]
    [InlineData("the technician came yesterday but it's broken again")]
    [InlineData("your advisor told me I could pay by card")]
    [InlineData("are you hiring customer service agents?")]
    [InlineData("how many agents work in your call centre?")]
    [InlineData("can you send someone to fix the heating")]
    [InlineData("someone is stuck in the lift")]
    [InlineData("I'm not a robot, I forgot my password")]
    [InlineData("is a human writing these answers?")]
    [InlineData("the estate agent says I need to tell you about my move")]
    [InlineData("my bank manager told me to update my details")]
    [InlineData("the agent was supposed to call me back yesterday")]
    [InlineData("what number do I call to reach customer service")]
    [InlineData("my badge went through the washing machine")]
    [InlineData("How do I reach customer service?")]
    [InlineData("the operator hung up on me yesterday")]
    [InlineData("nobody is there when the technician comes")]
    [InlineData("is there anyone to fix the lift today?")]
    [InlineData("I'd rather pay by card than by cheque")]
    [InlineData("transfer my contract to my new flat")]
    [InlineData("my colleague told me you could help with the bill")]
    public void Ignores_english_mentions(string text) => Assert.False(IsRequest(text, "en"), text);

    [Fact]
    public void Names_the_rule_that_fired()
    {
        var detector = new HumanRequestDetector();
        var normalizer = new TextNormalizer();

        Assert.Equal("bare", detector.Rule(normalizer.Normalize("conseiller svp", "fr")));
        Assert.Equal("contact", detector.Rule(normalizer.Normalize("I want to talk to someone", "en")));
        Assert.Equal("callback", detector.Rule(normalizer.Normalize("rappelez-moi", "fr")));
        Assert.Equal("refuses-bot", detector.Rule(normalizer.Normalize("stop the bot", "en")));
        Assert.Equal("human-help", detector.Rule(normalizer.Normalize("besoin d'une assistance humaine rapide pour ma facture", "fr")));
        Assert.Null(detector.Rule(normalizer.Normalize("ma facture est fausse", "fr")));
    }
}
