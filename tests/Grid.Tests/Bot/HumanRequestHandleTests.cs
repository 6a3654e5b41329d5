using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// The "handle" rule (a person of the service asked to take the case in hand), the "whom" rule (whom to talk to) and the
/// "described" and "described-call" rules (a person the customer met, asked for by what they did or asked to call the
/// customer), with the tellings, interventions and
/// relative clauses they must leave alone, and "chargé de clientèle" read as one person.
/// </summary>
public sealed class HumanRequestHandleTests
{
    private static readonly TextNormalizer Normalizer = new();

    private static string? Rule(string text, string language) => new HumanRequestDetector().Rule(Normalizer.Normalize(text, language));

    [Theory]
    [InlineData("Could somebody from your team look into this payment? It went out twice.", "en")]
    [InlineData("can a manager review the decision on my refund please", "en")]
    [InlineData("I'd like someone to go through my account with me.", "en")]
    [InlineData("i need a person to deal with this, the app keeps failing", "en")]
    [InlineData("Is there anybody who can take over my complaint?", "en")]
    [InlineData("Would a member of your staff please examine the charges on my statement", "en")]
    [InlineData("quelqu'un pourrait vérifier mon dossier svp", "fr")]
    [InlineData("J'aimerais qu'un conseiller regarde ma facture de plus près.", "fr")]
    [InlineData("est-ce qu'une personne de chez vous peut s'occuper de ma réclamation ?", "fr")]
    [InlineData("Je souhaiterais qu'un responsable prenne en charge ce litige.", "fr")]
    [InlineData("y a-t-il un agent qui peut étudier ma demande d'échéancier ?", "fr")]
    [InlineData("je demande qu'un employé traite mon dossier, pas un robot", "fr")]
    public void A_person_asked_to_take_the_case_in_hand_is_a_request(string text, string language) => Assert.NotNull(Rule(text, language));

    [Theory]
    [InlineData("Could somebody from your team look into this payment? It went out twice.", "en")]
    [InlineData("quelqu'un pourrait vérifier mon dossier svp", "fr")]
    [InlineData("est-ce qu'une personne de chez vous peut s'occuper de ma réclamation ?", "fr")]
    public void The_handle_rule_reads_what_no_other_rule_does(string text, string language) => Assert.Equal("handle", Rule(text, language));

    [Fact]
    public void A_declined_person_is_no_talk_request()
    {
        var normalized = Normalizer.Normalize("thanks, no need for anybody to phone me", "en");
        Assert.Null(new HumanRequestDetector().Rule(normalized));
        Assert.False(new HumanRequestDetector().AsksToTalk(normalized)); // "no need": the wish is denied
    }

    [Theory]
    [InlineData("who can I speak to about moving house?", "en")]
    [InlineData("Who should we talk to regarding the service charge?", "en")]
    [InlineData("à qui puis-je parler pour contester ma facture ?", "fr")]
    [InlineData("avec qui je peux discuter de mon contrat", "fr")]
    public void A_question_of_whom_to_talk_to_is_a_request(string text, string language) =>
        Assert.Equal("whom", Rule(text, language));

    [Theory]
    [InlineData("An agent will review your file within two days.", "en")] // the service telling, no one asked
    [InlineData("The manager reviewed my account and found nothing wrong.", "en")]
    [InlineData("Can someone check the boiler in flat 4?", "en")] // an intervention
    [InlineData("When can someone look at my complaint?", "en")] // when: a question the base answers
    [InlineData("The adviser who can deal with refunds is on leave, when is she back?", "en")] // a relative clause
    [InlineData("who did I speak to last time?", "en")]
    [InlineData("who do I send the form to?", "en")]
    [InlineData("Can I check my balance in the app?", "en")]
    [InlineData("le conseiller qui peut traiter ma demande est absent ?", "fr")]
    [InlineData("quelqu'un peut regarder le compteur demain ?", "fr")] // an intervention
    [InlineData("un agent a examiné mon dossier la semaine dernière", "fr")]
    [InlineData("personne ne peut vérifier mon dossier, c'est ça ?", "fr")] // nobody
    [InlineData("à qui dois-je envoyer le formulaire ?", "fr")]
    [InlineData("je suis conseiller et je dois vérifier le dossier d'un client", "fr")] // the writer
    [InlineData("there's a leak in the hall, could you send somebody to look at it", "en")] // someone sent
    [InlineData("can someone explain the standing charge on my bill?", "en")] // the explanation is asked for
    [InlineData("À qui dois-je adresser ma demande de résiliation ?", "fr")] // where a request goes
    public void Tellings_interventions_and_other_questions_are_not(string text, string language) => Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("Could I speak to the technician who came to fix the lift last week?", "en")]
    [InlineData("put me through to the guy who came to read the meter", "en")]
    [InlineData("I'd like to talk to the lady who rang me this morning about my bill", "en")]
    [InlineData("pouvez vous me passer le monsieur qui est passé pour le compteur", "fr")]
    [InlineData("je voudrais reparler au technicien qui est venu mardi", "fr")]
    [InlineData("Passez-moi la jeune femme que j'ai eue au téléphone hier", "fr")]
    [InlineData("Pouvez-vous me passer le technicien qui est venu jeudi ?", "fr")] // the day tells when he came
    public void A_person_the_customer_met_asked_for_by_what_they_did_is_a_request(string text, string language) =>
        Assert.Equal("described", Rule(text, language));

    [Theory]
    [InlineData("je voudrais parler du technicien qui est venu hier, il a été très impoli", "fr")] // about him
    [InlineData("Le technicien qui est venu hier m'a dit de vous contacter pour le rendez-vous", "fr")]
    [InlineData("I talked to the engineer who came yesterday and he said the boiler is fine", "en")] // told
    [InlineData("can the technician who came yesterday come back to finish the job?", "en")] // an intervention
    [InlineData("I don't want to speak to the man who came last time, he was rude", "en")] // negated
    [InlineData("when can I talk to the engineer who installed the meter?", "en")] // when: a question the base answers
    [InlineData("send the technician who came on Monday again please", "en")] // someone sent
    public void A_person_the_customer_met_told_about_or_sent_is_not(string text, string language) => Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("Could you get the technician who came on Friday to call me?", "en")]
    [InlineData("please ask the lady who called me this morning to ring me back", "en")]
    [InlineData("Pouvez-vous demander au technicien qui est passé mardi de me rappeler ?", "fr")]
    [InlineData("dites au monsieur qui est venu pour le compteur de me recontacter svp", "fr")]
    public void A_person_the_customer_met_asked_to_call_them_is_a_request(string text, string language) =>
        Assert.NotNull(Rule(text, language)); // the French ones are the callback rule's ("de me rappeler")

    [Theory]
    [InlineData("Could you get the technician who came on Friday to call me?")]
    [InlineData("please ask the lady who called me this morning to ring me back")]
    public void The_described_call_rule_reads_what_no_other_rule_does(string text) => Assert.Equal("described-call", Rule(text, "en"));

    [Theory]
    [InlineData("I asked the technician who came to call me but he never did", "en")] // told
    [InlineData("the guy who called me yesterday said to call you back", "en")] // a call in the relative clause
    [InlineData("ask the technician who came to fix the lift when he will be back", "en")] // no call to the customer
    [InlineData("ne demandez pas au technicien qui est venu de me rappeler", "fr")] // negated
    [InlineData("J'ai demandé au monsieur qui est passé de me rappeler", "fr")] // told
    public void A_person_the_customer_met_told_about_or_not_asked_to_call_is_not_read_so(string text, string language) =>
        Assert.NotEqual("described-call", Rule(text, language));

    [Theory]
    [InlineData("Vous me passez le service réclamations ou je dois hurler ?")] // "ou": or
    [InlineData("passez-moi le service client ou je résilie")]
    public void A_team_asked_for_with_an_or_after_it_is_a_request(string text) => Assert.NotNull(Rule(text, "fr"));

    [Theory]
    [InlineData("où joindre le service client ?")] // "où", folded
    [InlineData("ou contacter le service réclamations")]
    [InlineData("comment joindre le service client ou le SAV")]
    [InlineData("je peux encore appeler votre service client après le boulot ou c'est fermé ?")] // when: "ou" after a call, not a hand-over
    public void Where_or_how_to_reach_a_team_is_not_a_request(string text) => Assert.Null(Rule(text, "fr"));

    [Theory]
    [InlineData("Vous êtes un robot ? Alors passez la main.", "fr")]
    [InlineData("passe la main stp", "fr")]
    [InlineData("vous pouvez passer la main à un collègue ?", "fr")]
    [InlineData("Please, I just need a real voice.", "en")]
    [InlineData("a human voice please", "en")]
    [InlineData("je veux entendre une voix humaine", "fr")]
    public void The_bot_asked_to_hand_over_or_a_real_voice_asked_for_is_a_request(string text, string language) => Assert.NotNull(Rule(text, language));

    [Theory]
    [InlineData("Il y a des gens derrière ce chat ?", "fr")] // "chat": the chat, not the verb
    [InlineData("is it just bots or is there a human somewhere", "en")] // the part after "or"
    [InlineData("c'est un robot ou y a quelqu'un ?", "fr")]
    public void Whether_someone_is_there_is_a_request(string text, string language) => Assert.Equal("presence", Rule(text, language));

    [Fact]
    public void Someone_stuck_in_the_lift_is_no_presence_check() => Assert.Null(Rule("il y a quelqu'un coincé dans l'ascenseur !!!", "fr"));

    [Theory]
    [InlineData("le conseiller m'a dit qu'il a passé la main au service technique", "fr")] // told
    [InlineData("ne passez pas la main, je veux juste l'horaire", "fr")] // negated
    [InlineData("the automated voice said my number was wrong", "en")] // a voice, not a real one
    [InlineData("j'ai laissé un message vocal, la voix était coupée", "fr")]
    public void A_hand_over_told_or_declined_or_a_recorded_voice_is_not(string text, string language) => Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("Je veux mon chargé de clientèle.")]
    [InlineData("je voudrais parler à ma chargée de compte")]
    public void A_charge_de_clientele_is_a_person(string text) => Assert.NotNull(Rule(text, "fr"));

    [Fact]
    public void A_charge_de_clientele_is_one_word_after_normalisation() =>
        Assert.Contains("chargeclientele", Normalizer.Normalize("Ma chargée de clientèle est absente", "fr").Tokens);

    [Theory]
    [InlineData("Mettez-moi en ligne avec un technicien, je veux lui expliquer la fuite moi-même.", "fr")]
    [InlineData("passez-moi le technicien svp", "fr")]
    [InlineData("put me through to the engineer please", "en")]
    public void A_customer_put_through_to_a_technician_is_a_request_with_no_relative_clause(string text, string language) =>
        Assert.Equal("described", Rule(text, language));

    [Theory]
    [InlineData("passez-moi le numéro du technicien", "fr")] // the number, not the person
    [InlineData("le technicien m'a mis en relation avec le plombier", "fr")] // told
    [InlineData("j'ai besoin d'un technicien pour la fuite", "fr")] // an intervention
    [InlineData("send a technician please", "en")]
    public void A_technician_asked_for_without_the_customer_handed_over_is_no_request(string text, string language) =>
        Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("can I speak to one of you please", "en")]
    [InlineData("Do I have to go through this bot, or can I just talk to one of you?", "en")]
    [InlineData("je peux parler à l'un de vous ?", "fr")]
    [InlineData("est-ce que je pourrais échanger avec un d'entre vous", "fr")]
    public void One_of_you_is_a_person_to_talk_to(string text, string language) => Assert.Equal("contact", Rule(text, language));

    [Theory]
    [InlineData("can I ask about one of your bills", "en")]
    [InlineData("I spoke to one of you yesterday", "en")]
    [InlineData("un de vous m'a appelé hier", "fr")]
    public void One_of_you_told_about_or_one_of_your_things_is_no_request(string text, string language) => Assert.Null(Rule(text, language));
}
