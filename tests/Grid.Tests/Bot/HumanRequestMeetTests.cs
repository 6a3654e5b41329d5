using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// The "meet" rule (a person of the service met in person), the "settle-by-voice" rule (the matter dealt with together
/// by phone) and the "human-line" rule (a line where a person answers), with the tellings, questions of hours and
/// channel questions they must leave alone.
/// </summary>
public sealed class HumanRequestMeetTests
{
    private static readonly TextNormalizer Normalizer = new();

    private static string? Rule(string text, string language) => new HumanRequestDetector().Rule(Normalizer.Normalize(text, language));

    [Theory]
    [InlineData("Y a-t-il une agence où je peux rencontrer quelqu'un ?", "fr")]
    [InlineData("est-ce que je peux venir voir quelqu'un à vos bureaux", "fr")]
    [InlineData("je pourrais voir quelqu'un à l'accueil de vos bureaux ?", "fr")]
    [InlineData("is there an office where I can meet someone face to face", "en")]
    [InlineData("I'd like to see a manager about this", "en")]
    [InlineData("could I meet an advisor at the branch", "en")]
    public void A_person_the_customer_asks_to_meet_is_read_by_the_meet_rule(string text, string language) =>
        Assert.Equal("meet", Rule(text, language));

    [Theory]
    [InlineData("j'ai rencontré votre conseiller hier, très sympa", "fr")] // told
    [InlineData("je ne veux voir personne, envoyez juste la facture", "fr")] // negated
    [InlineData("quand est-ce que je peux voir quelqu'un en agence ?", "fr")] // when: opening hours
    [InlineData("le technicien doit venir voir la chaudière", "fr")] // no person met
    [InlineData("I met your adviser last week, she was great", "en")]
    [InlineData("I saw someone from your company in the building this morning", "en")]
    [InlineData("can I see someone to fix the lift", "en")] // a task for the person
    [InlineData("when can I see someone at the office?", "en")]
    public void A_meeting_told_negated_or_asked_about_hours_is_not_read_by_the_meet_rule(string text, string language) =>
        Assert.NotEqual("meet", Rule(text, language));

    [Theory]
    [InlineData("je préfère régler ça par téléphone avec vous", "fr")]
    [InlineData("on peut faire ça par téléphone plutôt ?", "fr")]
    [InlineData("can we do this over the phone instead", "en")]
    [InlineData("could we sort this out over the phone instead", "en")]
    public void The_matter_dealt_with_together_by_voice_is_read_by_the_settle_rule(string text, string language) =>
        Assert.Equal("settle-by-voice", Rule(text, language));

    [Theory]
    [InlineData("je peux payer ma facture par téléphone ?", "fr")] // a channel question: no matter, no "on"
    [InlineData("je peux résilier par téléphone ?", "fr")]
    [InlineData("comment on fait ça par téléphone ?", "fr")] // how
    [InlineData("je veux ouvrir un contrat chez vous, on peut faire ça par téléphone ?", "fr")] // the channel: no change asked
    [InlineData("can I do it by phone?", "en")] // the customer alone
    [InlineData("can I pay my bill over the phone?", "en")]
    [InlineData("we did this over the phone last year", "en")] // told
    [InlineData("we can't do this over the phone", "en")] // negated
    public void A_channel_question_or_a_telling_is_not_read_by_the_settle_rule(string text, string language) =>
        Assert.NotEqual("settle-by-voice", Rule(text, language));

    [Theory]
    [InlineData("Y a un numéro où ça décroche pour de vrai ?", "fr")]
    [InlineData("vous avez une ligne où quelqu'un répond vraiment ?", "fr")]
    [InlineData("Is there a number where a human actually picks up?", "en")]
    [InlineData("do you have a number where someone actually answers", "en")]
    public void A_line_where_a_person_answers_is_read_by_the_human_line_rule(string text, string language) =>
        Assert.Equal("human-line", Rule(text, language));

    [Theory]
    [InlineData("votre numéro ne répond jamais vraiment, c'est une honte", "fr")] // a complaint, negated
    [InlineData("à quel numéro ça répond vraiment le samedi ?", "fr")] // when
    [InlineData("your hotline really answers fast, thanks", "en")] // the service's own line, praised
    [InlineData("is there a number I can call for a lift breakdown?", "en")] // nothing says a person answers
    public void A_line_complained_of_or_asked_about_hours_is_not_read_by_the_human_line_rule(string text, string language) =>
        Assert.NotEqual("human-line", Rule(text, language));
}
