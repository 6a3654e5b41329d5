using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// Readings of the twenty-sixth round (docs/bot-evaluation.md): someone of the company asked to a meeting, a person free
/// to take the matter, a person asked to receive the customer, a call threatened in "si personne ne m'appelle", "k1"
/// and "m'apel", a call needed for someone else, the one described before talked to — and the mentions, refusals and
/// questions that must stay no request (a past call with an adviser, a callback declined, the bot asked what it is,
/// nobody stuck, someone sent out, contact details, whether a person is needed).
/// </summary>
public sealed class HumanRequestAttendTests
{
    private static readonly TextNormalizer Normalizer = new();

    private static string? Rule(string text, string language) => new HumanRequestDetector().Rule(Normalizer.Normalize(text, language));

    [Theory]
    [InlineData("Could a person from your company come to the tenants' meeting next Thursday?", "en")]
    [InlineData("Nous aimerions qu'un représentant de chez vous assiste à la réunion des locataires jeudi.", "fr")]
    [InlineData("Est-ce que quelqu'un de chez vous pourrait être présent à l'assemblée du 12 ?", "fr")]
    public void Someone_asked_to_a_meeting_is_read(string text, string language) =>
        Assert.Equal("to-a-meeting", Rule(text, language));

    [Theory]
    [InlineData("The adviser came to our meeting last week and was very helpful.", "en")] // told
    [InlineData("No need for anyone to attend the meeting, we sorted it.", "en")] // declined
    public void A_meeting_told_or_declined_is_not_read(string text, string language) =>
        Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("just tell me when an agent is available to take my case", "en")]
    [InlineData("dites-moi quand un conseiller sera libre pour prendre mon dossier", "fr")]
    public void A_person_free_to_take_the_matter_is_read(string text, string language) =>
        Assert.Equal("available", Rule(text, language));

    [Fact]
    public void A_person_who_was_free_is_not_read() =>
        Assert.Null(Rule("The agent was free to take my call yesterday.", "en"));

    [Theory]
    [InlineData("Le directeur de l'agence peut-il me recevoir mardi ?", "fr")]
    [InlineData("Pourriez-vous nous recevoir en agence cette semaine ?", "fr")]
    public void A_person_asked_to_receive_the_customer_is_read(string text, string language) =>
        Assert.Equal("meet", Rule(text, language));

    [Fact]
    public void The_hour_of_a_reception_asked_is_not_read() =>
        Assert.Null(Rule("à quelle heure pouvez-vous me recevoir en agence ?", "fr"));

    [Theory]
    [InlineData("si personne ne m'appelle d'ici demain je résilie", "fr", "unless-called")]
    [InlineData("c possible k1 m'apel demain matin ?", "fr", "subjunctive-call")]
    [InlineData("il a besoin qu'on l'appelle aujourd'hui pour sa facture", "fr", "callback")]
    [InlineData("La conseillère qui m'a répondu lundi, je voudrais lui parler.", "fr", "talk-to-them")]
    public void Calls_and_talks_in_other_forms_are_read(string text, string language, string rule) =>
        Assert.Equal(rule, Rule(text, language));

    [Theory]
    [InlineData("le conseiller a dit que si personne ne m'appelle il faut relancer", "fr")] // told
    [InlineData("il n'a pas besoin qu'on l'appelle, tout est réglé", "fr")] // declined
    [InlineData("Suite à mon appel avec votre conseillère hier, comment faire une réclamation ?", "fr")] // a past call
    [InlineData("After my call with your adviser, how do I complain in writing?", "en")]
    [InlineData("Do your agents speak Creole?", "en")] // staff asked about
    [InlineData("y a personne de bloqué mais l'ascenseur grince, je le signale où ?", "fr")] // nobody stuck
    [InlineData("Could you send someone out to look at the lift?", "en")] // an intervention
    [InlineData("We want our staff's contact details removed from your files.", "en")] // a noun, not a verb
    [InlineData("Do I need to talk to an adviser or can I do it online?", "en")] // the process asked
    [InlineData("dois-je appeler un conseiller ou je peux le faire en ligne ?", "fr")]
    [InlineData("what's the easiest way to reach someone in billing, email or phone?", "en")] // how to reach
    [InlineData("Not looking to talk to anybody, I just need the form.", "en")] // a talk declined
    public void Mentions_and_questions_that_use_the_words_are_not_read(string text, string language) =>
        Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("Is anyone there?", "en", "presence")]
    [InlineData("y a quelqu'un ?", "fr", "presence")]
    [InlineData("je veux un appel avec un conseiller", "fr", "callback")]
    public void The_narrowed_rules_still_read_their_requests(string text, string language, string? rule) =>
        Assert.Equal(rule, Rule(text, language));

    [Theory]
    [InlineData("I don't want a callback from anyone, it's sorted.", "en")] // a callback declined
    [InlineData("Are you a bot or a real person?", "en")] // the bot asked what it is
    [InlineData("T'es un robot ou une vraie personne ?", "fr")]
    public void The_model_is_not_asked_where_a_callback_is_declined_or_the_bot_asked_what_it_is(string text, string language) =>
        Assert.True(new HumanRequestDetector().RulesOut(Normalizer.Normalize(text, language)));
}
