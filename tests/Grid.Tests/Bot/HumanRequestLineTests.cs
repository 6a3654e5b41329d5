using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// Readings of the twenty-fourth round (docs/bot-evaluation.md): a person had on the line, a reception asked for, the one
/// named before put through, a call wished for someone else — and the questions they must leave alone: what the bot is,
/// which languages staff speak, the number to reach someone, what staff are trained for, a call declined or asked about.
/// </summary>
public sealed class HumanRequestLineTests
{
    private static readonly TextNormalizer Normalizer = new();

    private static string? Rule(string text, string language) => new HumanRequestDetector().Rule(Normalizer.Normalize(text, language));

    [Theory]
    [InlineData("Qui je peux avoir au téléphone pour la mise en service du compteur ?", "fr")]
    [InlineData("qui pourrais-je avoir au bout du fil pour ma régularisation", "fr")]
    [InlineData("y a moyen d'avoir le technicien en ligne avant demain ?", "fr")]
    [InlineData("would it be possible to have the engineer on the line again?", "en")]
    [InlineData("who can I have on the line about the heating charges?", "en")]
    [InlineData("est-ce que quelqu'un pourrait me guider au téléphone pour relever le compteur ?", "fr")]
    [InlineData("Is there someone I can go through it with on the phone?", "en")]
    [InlineData("could someone walk me through it over the phone", "en")]
    public void A_person_had_on_the_line_is_read(string text, string language) =>
        Assert.Equal("on-the-line", Rule(text, language));

    [Theory]
    [InlineData("je n'arrive jamais à avoir quelqu'un au téléphone", "fr")] // a complaint, negated
    [InlineData("j'ai pu avoir quelqu'un au téléphone hier", "fr")] // told
    [InlineData("can I get someone on the phone on Saturday?", "en")] // a day: a question of hours
    [InlineData("how can I get someone on the phone", "en")] // how: the contact channels
    [InlineData("can I pay my bill on the phone", "en")] // no person
    [InlineData("quelqu'un peut venir réparer, je suis au téléphone toute la journée", "fr")] // a task; the customer on the phone
    public void A_line_told_negated_timed_or_without_a_person_is_not_read(string text, string language) =>
        Assert.NotEqual("on-the-line", Rule(text, language));

    [Theory]
    [InlineData("Je souhaite être reçue en agence, dites-moi où et quand.", "fr")]
    [InlineData("je voudrais être reçu par un conseiller", "fr")]
    public void A_reception_asked_for_is_read(string text, string language) =>
        Assert.Equal("meet", Rule(text, language));

    [Fact]
    public void A_thing_received_is_not_a_reception() =>
        Assert.Null(Rule("j'ai reçu un courrier de l'agence", "fr"));

    [Theory]
    [InlineData("le technicien m'a laissé un message, je veux qu'on me le passe", "fr")]
    [InlineData("Qui est la responsable du secteur ? Je voudrais qu'on me la passe.", "fr")]
    public void The_one_named_before_put_through_is_read(string text, string language) =>
        Assert.Equal("talk-to-them", Rule(text, language));

    [Theory]
    [InlineData("My neighbour is 88. She wants someone to call her, she has no internet.", "en")]
    [InlineData("Mum is 90. She'd like a person to call her and go through the bill.", "en")]
    [InlineData("ma mère voudrait qu'on la rappelle cet après-midi", "fr")]
    public void A_call_wished_for_the_one_the_customer_writes_for_is_read(string text, string language) =>
        Assert.Equal("callback", Rule(text, language));

    [Theory]
    [InlineData("Je ne veux pas qu'on m'appelle, je veux juste changer mon IBAN.", "fr")] // declined
    [InlineData("Why did your agent call me from a withheld number?", "en")] // asked about, past
    [InlineData("she doesn't want anyone to call her", "en")]
    [InlineData("je voudrais que le téléphone du gardien marche", "fr")] // the noun
    public void A_call_declined_or_asked_about_is_not_read(string text, string language) =>
        Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("Tu es un robot ou une vraie personne ?", "fr")]
    [InlineData("Vous êtes un robot ou une vraie personne ?", "fr")]
    [InlineData("Am I talking to a bot or a human right now?", "en")]
    [InlineData("are you a bot or an actual person? just curious", "en")]
    [InlineData("do your staff speak english?", "en")]
    [InlineData("Do your advisers speak Polish?", "en")]
    [InlineData("C'est quoi le numéro pour joindre un conseiller ?", "fr")]
    [InlineData("Vos conseillers sont formés pour parler aux personnes âgées ?", "fr")]
    [InlineData("ya moyen de joindre quelqu'un la nuit si le ballon fuit ?", "fr")]
    public void Questions_about_the_bot_or_the_staff_are_not_read(string text, string language) =>
        Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("are you a bot? I want a real person", "en")] // asked in its own clause
    [InlineData("I need someone who speaks Polish, can I talk to them", "en")]
    [InlineData("Could I have a phone number to reach an actual employee?", "en")] // an actual employee wanted
    [InlineData("C'est quoi le numéro pour parler à quelqu'un? J'en ai marre du robot.", "fr")]
    [InlineData("Quelqu'un de votre service technique peut-il me joindre aujourd'hui ?", "fr")]
    public void Requests_next_to_those_questions_are_still_read(string text, string language) =>
        Assert.NotNull(Rule(text, language));
}
