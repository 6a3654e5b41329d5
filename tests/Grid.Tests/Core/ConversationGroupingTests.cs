using Grid.Conversations;
using Grid.Conversations.Events;
using Grid.Customers;

namespace Grid.Tests.Core;

/// <summary>
/// Grouping a customer's message among their open conversations (docs/architecture.md, "Grouping"): headers, then the
/// same reference, then the same subject within the window, then (chat, SMS…) the most recent; generic subjects and
/// unrelated problems apart.
/// </summary>
public sealed class ConversationGroupingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);
    private static readonly Dictionary<string, string> NoRedirects = new();

    [Theory]
    [InlineData("Re: Facture de mars", "facture de mars")]
    [InlineData("RE: RE: Facture de mars", "facture de mars")]
    [InlineData("TR: Re: Fwd: facture  de   MARS", "facture de mars")]
    [InlineData("Réf. : Facture de mars", "facture de mars")]
    [InlineData("réf: Facture de mars", "facture de mars")]
    [InlineData("FW: Fw: AW: Invoice overdue!", "invoice overdue")]
    [InlineData("Re[2]: Invoice overdue", "invoice overdue")]
    [InlineData("Re : Problème de connexion", "probleme de connexion")]
    [InlineData("[#cnv_0123abcd] Re: Problème de connexion", "probleme de connexion")]
    [InlineData("[EXT] TR : Résiliation du contrat", "resiliation du contrat")]
    [InlineData("Transfert de ligne", "transfert de ligne")]
    [InlineData("Refund request", "refund request")]
    [InlineData("Revision du contrat", "revision du contrat")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Subjects_are_normalised(string? subject, string expected) =>
        Assert.Equal(expected, ConversationGrouping.NormaliseSubject(subject));

    [Theory]
    [InlineData("Question", true)]
    [InlineData("Re: question", true)]
    [InlineData("Bonjour", true)]
    [InlineData("Hello!", true)]
    [InlineData("TR: Re:", true)]
    [InlineData("", true)]
    [InlineData("Une question", true)]
    [InlineData("Question sur ma facture", false)]
    [InlineData("Résiliation", false)]
    public void Generic_subjects_are_recognised(string subject, bool generic) =>
        Assert.Equal(generic, ConversationGrouping.IsGeneric(ConversationGrouping.NormaliseSubject(subject)));

    [Fact]
    public void The_email_thread_comes_first_the_customers_own_message_ids_before_ingests_hit()
    {
        var invoice = Open("cnv_a", subject: "facture de mars", refs: ["INV-2026-00123"], ids: ["<a1@x>"]);
        var meter = Open("cnv_b", subject: "compteur bloque", ids: ["<b1@x>"]);
        var reply = Email("Re: Compteur bloqué", threadIds: ["<b1@x>"], refs: ["INV-2026-00123"]);

        Assert.Equal(new GroupingDecision("cnv_b", GroupingReason.Thread), Decide(reply, [invoice, meter]));

        // Ingest's hit (the thread index) when the summaries do not hold the id; a merged conversation redirects.
        var other = Email("Re: something", threadIds: ["<unknown@x>"]);
        Assert.Equal(new GroupingDecision("cnv_a", GroupingReason.Thread),
            ConversationGrouping.Decide(other, [invoice, meter], "cnv_b", "cnv_old", new Dictionary<string, string> { ["cnv_old"] = "cnv_a" }, Window, Now));
    }

    [Fact]
    public void The_same_reference_joins_the_open_conversation_holding_it_on_any_channel()
    {
        var invoice = Open("cnv_a", subject: "facture de mars", refs: ["INV-2026-00123"], lastActivity: Now.AddDays(-20));
        var meter = Open("cnv_b", subject: "compteur bloque");

        var email = Email("Relance paiement", refs: ["INV-2026-00123"]);
        Assert.Equal(new GroupingDecision("cnv_a", GroupingReason.Reference), Decide(email, [invoice, meter]));

        // An SMS naming the invoice goes there too, not to the most recent conversation.
        var sms = new GroupingMessage(Channel.Sms, "", ["INV-2026-00123"], [], null);
        Assert.Equal(new GroupingDecision("cnv_a", GroupingReason.Reference), ConversationGrouping.Decide(sms, [invoice, meter], "cnv_b", null, NoRedirects, Window, Now));
    }

    [Fact]
    public void The_same_subject_groups_within_the_window_only()
    {
        var recent = Open("cnv_a", subject: "probleme de connexion", lastActivity: Now.AddDays(-6));
        Assert.Equal(new GroupingDecision("cnv_a", GroupingReason.Subject), Decide(Email("TR: RE: Problème de connexion"), [recent]));

        var old = Open("cnv_a", subject: "probleme de connexion", lastActivity: Now.AddDays(-8));
        Assert.Equal(new GroupingDecision(null, GroupingReason.New), Decide(Email("Re: Problème de connexion"), [old]));

        // A window of zero turns subject grouping off.
        Assert.Equal(GroupingReason.New,
            ConversationGrouping.Decide(Email("Re: Problème de connexion"), [recent], null, null, NoRedirects, TimeSpan.Zero, Now).Reason);
    }

    [Fact]
    public void A_generic_subject_never_groups_by_itself()
    {
        var question = Open("cnv_a", subject: "");
        var hello = Open("cnv_b", subject: "bonjour");
        Assert.Equal(GroupingReason.New, Decide(Email("Re: Question"), [question, hello]).Reason);
        Assert.Equal(GroupingReason.New, Decide(Email("Bonjour"), [question, hello]).Reason);
        Assert.Equal(GroupingReason.New, Decide(Email(""), [question, hello]).Reason);
    }

    [Fact]
    public void A_second_unrelated_email_opens_its_own_conversation_while_chat_goes_on_with_the_most_recent()
    {
        var invoice = Open("cnv_a", subject: "facture de mars", refs: ["INV-2026-00123"], lastActivity: Now.AddHours(-1));
        var move = Open("cnv_b", subject: "demenagement", lastActivity: Now.AddMinutes(-5));

        Assert.Equal(new GroupingDecision(null, GroupingReason.New), Decide(Email("Résiliation de mon contrat"), [invoice, move]));
        Assert.Equal(new GroupingDecision(null, GroupingReason.New), Decide(Email("Autre facture", refs: ["INV-2026-00999"]), [invoice, move]));

        var chat = new GroupingMessage(Channel.WebChat, "", [], [], null);
        Assert.Equal(new GroupingDecision("cnv_b", GroupingReason.Recent), ConversationGrouping.Decide(chat, [invoice, move], "cnv_b", null, NoRedirects, Window, Now));
        Assert.Equal(new GroupingDecision("cnv_b", GroupingReason.Recent), ConversationGrouping.Decide(chat, [invoice, move], null, null, NoRedirects, Window, Now));
        Assert.Equal(new GroupingDecision(null, GroupingReason.New), ConversationGrouping.Decide(chat, [], null, null, NoRedirects, Window, Now));
    }

    [Fact]
    public void Summaries_keep_the_first_real_subject_and_bounded_lists()
    {
        var conversation = new OpenConversation { Id = "cnv_a", OpenedAt = Now, LastActivityAt = Now };
        ConversationGrouping.Record(conversation, Email("Bonjour"), "a@x.fr", Now);
        Assert.Equal("", conversation.Subject);
        ConversationGrouping.Record(conversation, Email("Facture de mars", refs: ["INV-2026-00123"]) with { OwnMessageId = "<m1@x>" }, "b@x.fr", Now.AddMinutes(1));
        ConversationGrouping.Record(conversation, Email("Autre chose") with { OwnMessageId = "<m2@x>" }, "a@x.fr", Now.AddMinutes(2));
        Assert.Equal("facture de mars", conversation.Subject);
        Assert.Equal(["INV-2026-00123"], conversation.References);
        Assert.Equal(["<m1@x>", "<m2@x>"], conversation.MessageIds);
        Assert.Equal(["b@x.fr", "a@x.fr"], conversation.Senders);
        Assert.Equal(Now.AddMinutes(2), conversation.LastActivityAt);

        for (var i = 0; i < 80; i++)
        {
            ConversationGrouping.Record(conversation, Email("x") with { OwnMessageId = $"<n{i}@x>" }, "a@x.fr", Now);
        }

        Assert.Equal(ConversationGrouping.MaxMessageIds, conversation.MessageIds.Count);
        Assert.Equal("<n79@x>", conversation.MessageIds[^1]);
    }

    [Fact]
    public void Thread_ids_are_in_reply_to_first_then_references_from_the_newest()
    {
        var email = new EmailHeaders("s", "<own@x>", " <c@x> ", ["<a@x>", "<b@x>", "<c@x>"]);
        Assert.Equal(["<c@x>", "<b@x>", "<a@x>"], ConversationGrouping.ThreadIdsOf(email));
        Assert.Empty(ConversationGrouping.ThreadIdsOf(null));
    }

    [Fact]
    public void A_colleagues_first_email_joins_as_a_participant_once()
    {
        var s = new ConversationState();
        var first = Wrote("claire@acme.fr");
        s.Apply("cnv_a", 1, first, 10);
        Assert.Null(ConversationDecider.Joining(s, Message("claire@acme.fr"), "cus_1", "reference"));

        var joined = ConversationDecider.Joining(s, Message("marc@acme.fr"), "cus_1", "reference");
        Assert.Equal(("cus_1", "marc@acme.fr", "reference"), (joined!.CustomerId, joined.Address, joined.GroupedBy));
        s.Apply("cnv_a", 2, Wrote("marc@acme.fr"), 10);
        s.Apply("cnv_a", 3, joined, 10);
        Assert.Null(ConversationDecider.Joining(s, Message("marc@acme.fr"), "cus_1", "reference"));
        Assert.Equal(["claire@acme.fr", "marc@acme.fr"], s.Senders);

        // Not for the customer's chat or SMS: a channel switch is not a colleague.
        Assert.Null(ConversationDecider.Joining(s, Message("+33612345678") with { Channel = Channel.Sms }, "cus_1", "recent"));
    }

    private static GroupingDecision Decide(GroupingMessage message, IReadOnlyList<OpenConversation> open) =>
        ConversationGrouping.Decide(message, open, open.MaxBy(c => c.LastActivityAt)?.Id, null, NoRedirects, Window, Now);

    private static GroupingMessage Email(string subject, IReadOnlyList<string>? threadIds = null, IReadOnlyList<string>? refs = null) =>
        new(Channel.Email, ConversationGrouping.NormaliseSubject(subject), refs ?? [], threadIds ?? [], null);

    private static OpenConversation Open(string id, string subject = "", IReadOnlyList<string>? refs = null, IReadOnlyList<string>? ids = null, DateTimeOffset? lastActivity = null)
    {
        var open = new OpenConversation { Id = id, Subject = subject, OpenedAt = Now.AddDays(-30), LastActivityAt = lastActivity ?? Now.AddHours(-1) };
        open.References.AddRange(refs ?? []);
        open.MessageIds.AddRange(ids ?? []);
        return open;
    }

    private static InboundMessage Message(string sender) => new(
        "t", "mail-gw", Channel.Email, sender, "x-" + sender, Now, "Bonjour", null, [], new Dictionary<string, string>(), Now, "hash");

    private static CustomerWrote Wrote(string sender) =>
        new("cus_1", "Bonjour", "x-" + sender, "mail-gw", sender, Now, null, [], new Dictionary<string, string>(), "fr") { At = Now, Channel = Channel.Email };
}
