using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// Readings of the twenty-third round (docs/bot-evaluation.md): a call demanded as a condition anywhere in the clause,
/// a described person asked whether they can call, "him"/"her"/"them" after a person named earlier, a head asked for,
/// an appointment in person, one-"p" callbacks — and the refusals, attempts told and questions of how to reach someone
/// they must leave alone.
/// </summary>
public sealed class HumanRequestConditionTests
{
    private static readonly TextNormalizer Normalizer = new();

    private static string? Rule(string text, string language) => new HumanRequestDetector().Rule(Normalizer.Normalize(text, language));

    [Theory]
    [InlineData("I'll be contacting a solicitor unless a senior manager phones me this week.", "en")]
    [InlineData("Je contacterai mon avocat si aucun responsable ne me téléphone d'ici vendredi.", "fr")]
    [InlineData("je résilie si personne ne me rappelle aujourd'hui", "fr")]
    [InlineData("I'm not paying a penny unless someone calls me back", "en")]
    public void A_call_demanded_as_a_condition_is_read_wherever_the_condition_opens(string text, string language) =>
        Assert.Equal("unless-called", Rule(text, language));

    [Theory]
    [InlineData("the adviser said that if nobody called me by Friday I should write", "en")] // told
    [InlineData("je ne sais pas si quelqu'un m'a appelé", "fr")] // no condition on anyone
    [InlineData("if nobody is home the technician leaves a note", "en")] // no call to the customer
    public void A_condition_told_or_without_a_call_to_the_customer_is_not_read(string text, string language) =>
        Assert.NotEqual("unless-called", Rule(text, language));

    [Theory]
    [InlineData("Can the engineer who came on Tuesday call me? He left without fixing the radiator.", "en")]
    [InlineData("could the lady who called yesterday ring me back", "en")]
    [InlineData("could the technician who came yesterday phone me", "en")]
    public void A_described_person_asked_whether_they_can_call_is_read(string text, string language) =>
        Assert.Equal("described-call", Rule(text, language));

    [Theory]
    [InlineData("the engineer who came on Tuesday called me", "en")] // told
    [InlineData("can the engineer who came on Tuesday fix the radiator", "en")] // a task, no call
    [InlineData("le technicien qui est passé m'a rappelé hier", "fr")]
    public void A_described_person_told_of_or_asked_for_a_task_is_not_read_by_the_call_rule(string text, string language) =>
        Assert.NotEqual("described-call", Rule(text, language));

    [Theory]
    [InlineData("Qui est le responsable de la résidence ? Je veux lui parler aujourd'hui.", "fr")]
    [InlineData("who's your supervisor? I want to speak to them", "en")]
    public void Him_or_her_after_a_person_named_earlier_is_read(string text, string language) =>
        Assert.Equal("talk-to-them", Rule(text, language));

    [Theory]
    [InlineData("Mon voisin fait du bruit. Je veux lui parler mais il ne répond pas.", "fr")] // no one of the service named
    [InlineData("who's your supervisor? I spoke to them last week", "en")] // told
    [InlineData("Qui est le responsable ? Je ne veux pas lui parler, juste son nom.", "fr")] // negated
    public void Him_or_her_with_no_one_named_told_or_negated_is_not_read(string text, string language) =>
        Assert.NotEqual("talk-to-them", Rule(text, language));

    [Theory]
    [InlineData("je veux le chef du gardien, il fait rien depuis 3 semaines", "fr")]
    [InlineData("Je veux le directeur. Tout de suite.", "fr")]
    [InlineData("rapelé moi", "fr")]
    [InlineData("vs pouvez mappeler la jsuis dispo", "fr")]
    [InlineData("Kelkun peu me rapelé ? merci", "fr")]
    [InlineData("Pourrais-je avoir un rendez-vous physique dans votre agence de quartier ?", "fr")]
    [InlineData("Can I make an appointment to see someone at your office in person?", "en")]
    [InlineData("je voudrais rencontrer l'assistante sociale de chez vous", "fr")]
    [InlineData("on peut voir ça par téléphone ?", "fr")]
    [InlineData("est-ce que le technicien qui est passé peut me rappeler ?", "fr")]
    [InlineData("can we discuss this over the phone?", "en")]
    [InlineData("vous pouvez me mettre avec le service réclamation direct ?", "fr")]
    [InlineData("mettez-moi avec un conseiller svp", "fr")]
    public void Heads_one_p_callbacks_appointments_in_person_and_talking_it_over_are_requests(string text, string language) =>
        Assert.NotNull(Rule(text, language));

    [Theory]
    [InlineData("I don't want to talk to anyone, I just needed to vent.", "en")]
    [InlineData("je ne veux parler à personne, réglez juste ma facture", "fr")]
    [InlineData("how do i get hold of an adviser?", "en")] // how to reach: the contact channels answer it
    [InlineData("Comment je peux joindre un conseiller ?", "fr")]
    [InlineData("j'ai essayé d'appeler un conseiller hier soir", "fr")] // an attempt told
    [InlineData("I tried to call an adviser twice yesterday", "en")]
    [InlineData("le technicien doit venir jeudi mais je bosse, je peux décaler le rdv ?", "fr")] // "bosse" is no boss
    [InlineData("je voudrais un rendez-vous pour le technicien à domicile", "fr")] // an intervention
    [InlineData("je me mets avec mon colocataire pour payer la facture", "fr")] // teaming up, not a hand-over
    public void Refusals_attempts_told_and_how_to_reach_questions_are_not_requests(string text, string language) =>
        Assert.Null(Rule(text, language));

    [Theory]
    [InlineData("je veux pas parler à un robot", "fr")] // the bot refused: a person asked for
    [InlineData("I don't want to talk to a bot, get me a person", "en")]
    [InlineData("je ne veux parler qu'à un humain", "fr")]
    [InlineData("how can I speak to a human?", "en")] // talking, not reaching
    public void A_bot_refused_or_talking_asked_after_how_stays_a_request(string text, string language) =>
        Assert.NotNull(Rule(text, language));
}
