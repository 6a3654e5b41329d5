using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// Readings of the twenty-fifth round (docs/bot-evaluation.md): a call asked in the subjunctive with no wish before it,
/// a call awaited, a number to be reached at, a call asked for someone the customer writes for, clipped SMS spellings,
/// a dictated message that turns to the point after "bref" — and the refusals and questions they must leave alone.
/// </summary>
public sealed class HumanRequestAskedTests
{
    private static readonly TextNormalizer Normalizer = new();

    private static string? Rule(string text, string language) => new HumanRequestDetector().Rule(Normalizer.Normalize(text, language));

    [Theory]
    [InlineData("Depuis l'orage plus rien ne marche. Qu'on m'appelle, c'est tout ce que je demande.", "fr")]
    [InlineData("c'est possible qu'un gars du service client m'appelle ?", "fr")]
    [InlineData("bjr c possib kelkun mapel ojourdui ?", "fr")]
    [InlineData("Il m'a demandé de vous écrire pour qu'un conseiller l'appelle.", "fr")]
    public void A_call_in_the_subjunctive_is_read(string text, string language) =>
        Assert.Equal("subjunctive-call", Rule(text, language));

    [Theory]
    [InlineData("Non merci, pas besoin qu'un conseiller me rappelle.", "fr")] // declined
    [InlineData("je ne veux pas qu'on m'appelle", "fr")]
    [InlineData("il faut que je l'appelle demain", "fr")] // the customer calls someone
    public void A_call_in_the_subjunctive_declined_or_made_by_the_customer_is_not_read(string text, string language) =>
        Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("Please get in touch regarding the bounced direct debit, I'll be waiting for your call.", "en")]
    [InlineData("j'attends votre appel", "fr")]
    public void A_call_awaited_is_read(string text, string language) =>
        Assert.Equal("awaits-call", Rule(text, language));

    [Theory]
    [InlineData("I was waiting for your call all day and nothing came", "en")]
    [InlineData("j'ai attendu votre appel toute la journée", "fr")]
    public void A_wait_told_is_not_read_as_awaiting(string text, string language) =>
        Assert.NotEqual("awaits-call", Rule(text, language));

    [Theory]
    [InlineData("reach me on 0611223344 about the overpayment pls", "en")]
    [InlineData("joignez-moi svp au 0611223344 pour le trop-perçu", "fr")]
    public void A_number_to_be_reached_at_is_read(string text, string language) =>
        Assert.Equal("reach-me", Rule(text, language));

    [Fact]
    public void A_number_given_for_another_purpose_is_not_read() =>
        Assert.Null(Rule("my new number is 0611223344, please update my details", "en"));

    [Theory]
    [InlineData("Mon fils vient d'emménager seul, pourriez-vous le contacter pour l'aider ?", "fr")]
    [InlineData("Could an adviser phone Mrs Girard about a payment plan?", "en")]
    [InlineData("Une conseillère pourrait-elle appeler Mme Girard pour un échéancier ?", "fr")]
    public void A_call_asked_for_someone_the_customer_writes_for_is_read(string text, string language) =>
        Assert.Equal("call-for-someone", Rule(text, language));

    [Fact]
    public void A_call_for_a_third_party_with_no_relative_or_title_is_not_read_as_one() =>
        Assert.NotEqual("call-for-someone", Rule("Le syndic ne répond pas, pouvez-vous le contacter ?", "fr")); // the company asked to act

    [Fact]
    public void A_call_for_a_relative_is_read_in_its_own_clause() =>
        Assert.Equal("call-for-someone", Rule("Mon fils vous a écrit hier, pourriez-vous le rappeler ?", "fr"));

    [Theory]
    [InlineData("Please revert with a call from senior official, our floor has no heating.", "en")]
    [InlineData("would prefer a call tbh, typing all this out is a nightmare", "en")]
    [InlineData("Qq'un peut m'apeler ? Chaufage mort.", "fr")]
    [InlineData("vs pouvez me rapl ce soir ? 0755443322 merci", "fr")]
    public void Calls_asked_in_other_words_or_clipped_spellings_are_callbacks(string text, string language) =>
        Assert.Equal("callback", Rule(text, language));

    [Fact]
    public void A_dictated_message_is_read_after_it_turns_to_the_point() =>
        Assert.NotNull(Rule("j'ai appelé le numéro d'urgence trois fois ma voisine dit que chez elle c'est pareil bref est-ce que quelqu'un peut me rappeler sur mon portable", "fr"));

    [Fact]
    public void The_one_named_before_asked_for_again_is_read() =>
        Assert.Equal("talk-to-them", Rule("le conseiller d'hier, Mehdi je crois, je peux le ravoir ?", "fr"));

    [Theory]
    [InlineData("Arrêtez de m'appeler svp, je ne suis plus client depuis mars.", "fr")]
    [InlineData("stop calling me about offers", "en")]
    [InlineData("I want to cancel. Please don't get anyone to call and talk me out of it.", "en")]
    [InlineData("Does a human read these chats afterwards?", "en")]
    [InlineData("Est-ce qu'un humain relit ces conversations après ?", "fr")]
    [InlineData("Do your agents get any training for dealing with grieving families?", "en")]
    public void Calls_stopped_and_questions_about_the_service_are_not_read(string text, string language) =>
        Assert.Null(Rule(text, language));
}
