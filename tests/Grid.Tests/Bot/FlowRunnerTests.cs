using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>Flows one message at a time, without a cluster: slots asked, checked, found inside messages; the ways out.</summary>
public sealed class FlowRunnerTests
{
    private static readonly KnowledgeFlow Invoice = new(
        [new FlowSlot("invoice",
            new Dictionary<string, string> { ["fr"] = "Quel est le numéro de la facture ?", ["en"] = "What is the invoice number?" },
            @"^INV-\d{4}-\d{5}$", "upper",
            new Dictionary<string, string> { ["fr"] = "Ce numéro ne semble pas valide.", ["en"] = "That number doesn't look valid." })],
        new Dictionary<string, string> { ["fr"] = "Copie de la facture {invoice} envoyée.", ["en"] = "Copy of invoice {invoice} sent." },
        "answer");

    private static readonly KnowledgeFlow Breakdown = new(
        [
            new FlowSlot("address", new Dictionary<string, string> { ["fr"] = "Quelle adresse ?", ["en"] = "What address?" }),
            new FlowSlot("equipment", new Dictionary<string, string> { ["en"] = "Which equipment?" }),
        ],
        new Dictionary<string, string> { ["en"] = "Passing on: {equipment} at {address}." },
        "escalate", "technical");

    private static BotDecision NoMatch(string language = "en") => new(BotDecisionKind.NoMatch, language, []);

    private static BotDecision Answer(string entry, double confidence) =>
        new(BotDecisionKind.Answer, "en", [new BotCandidate(entry, confidence)], entry, confidence);

    [Fact]
    public void Asks_the_slot_after_the_answer_then_refuses_a_malformed_value_and_confirms_a_good_one()
    {
        var start = FlowRunner.Start("invoice-copy", Invoice, "Your invoices are online.", "i need a copy of my invoice", "en", "fr");
        Assert.Equal((FlowOutcome.Ask, "flow-start"), (start.Outcome, start.Purpose));
        Assert.Equal("Your invoices are online.\n\nWhat is the invoice number?", start.Reply);

        var malformed = FlowRunner.Continue(start.Next!, Invoice, "INV-2024-123", NoMatch(), "en", "fr");
        Assert.Equal((FlowOutcome.Ask, "flow-invalid", 1), (malformed.Outcome, malformed.Purpose, malformed.Next!.Tries));
        Assert.Equal("That number doesn't look valid.\nWhat is the invoice number?", malformed.Reply);

        var good = FlowRunner.Continue(malformed.Next, Invoice, "ok c'est inv-2024-01234 merci", NoMatch(), "en", "fr");
        Assert.Equal((FlowOutcome.Done, "Copy of invoice INV-2024-01234 sent.", null), (good.Outcome, good.Reply, good.Next));
        Assert.Equal("INV-2024-01234", good.Values["invoice"]);
    }

    [Theory]
    [InlineData("INV-2024-01234")]
    [InlineData("inv 2024 01234")]
    [InlineData("la facture n° INV-2024-01234, svp")]
    [InlineData("it's INV-2024-01234.")]
    [InlineData("c'est la «inv-2024-01234».")]
    public void Finds_the_value_inside_the_message_the_way_customers_type_it(string text)
    {
        Assert.Equal("INV-2024-01234", FlowRunner.Extract(Invoice.Slots[0], text));
    }

    [Theory]
    [InlineData("INV-2024-1234")]
    [InlineData("2024-01234")]
    [InlineData("je ne la trouve pas")]
    public void Finds_no_value_where_there_is_none(string text)
    {
        Assert.Null(FlowRunner.Extract(Invoice.Slots[0], text));
    }

    [Fact]
    public void A_first_message_that_gives_the_number_ends_the_flow_at_once()
    {
        var turn = FlowRunner.Start("invoice-copy", Invoice, "Vos factures sont en ligne.", "duplicata de la facture INV-2023-04417 svp", "fr", "fr");

        Assert.Equal(FlowOutcome.Done, turn.Outcome);
        Assert.Equal("Vos factures sont en ligne.\n\nCopie de la facture INV-2023-04417 envoyée.", turn.Reply);
    }

    [Fact]
    public void Collects_free_slots_in_order_and_ends_in_an_escalation_with_them()
    {
        var start = FlowRunner.Start("report-breakdown", Breakdown, "We can log it.", "the lift is broken", "en", "fr");
        var address = FlowRunner.Continue(start.Next!, Breakdown, "12 rue de la Paix, building B", NoMatch(), "en", "fr");
        Assert.Equal("Which equipment?", address.Reply);
        // The equipment slot has only an English prompt: a French customer is asked in English rather than not at all.
        var frenchAddress = FlowRunner.Continue(start.Next!, Breakdown, "12 rue de la Paix", NoMatch("fr"), "fr", "de");
        Assert.Equal("Which equipment?", frenchAddress.Reply);

        var end = FlowRunner.Continue(address.Next!, Breakdown, "lift stuck on the 3rd floor", Answer("report-breakdown", 0.9), "en", "fr");

        Assert.Equal((FlowOutcome.Escalate, "technical", "flow:report-breakdown"), (end.Outcome, end.Queue, end.Reason));
        Assert.Equal("Passing on: lift stuck on the 3rd floor at 12 rue de la Paix, building B.", end.Reply);
        Assert.Equal(2, end.Values.Count);
    }

    [Fact]
    public void The_customer_leaves_by_asking_for_a_person_by_asking_something_else_or_by_saying_stop()
    {
        var start = FlowRunner.Start("invoice-copy", Invoice, "Online.", "invoice copy", "en", "fr");

        var human = FlowRunner.Continue(start.Next!, Invoice, "just get me a human", new BotDecision(BotDecisionKind.Human, "en", []), "en", "fr");
        var other = FlowRunner.Continue(start.Next!, Invoice, "what are your opening hours", Answer("opening-hours", 0.7), "en", "fr");
        var stop = FlowRunner.Continue(start.Next!, Invoice, "Never mind!", NoMatch(), "en", "fr");

        Assert.Equal(FlowOutcome.Human, human.Outcome);
        Assert.Equal((FlowOutcome.Left, null), (other.Outcome, other.Next));
        Assert.Equal((FlowOutcome.Cancelled, null), (stop.Outcome, stop.Next));
        Assert.StartsWith("All right", stop.Reply);
    }

    [Fact]
    public void A_free_slot_keeps_a_value_that_mentions_another_topic_unless_it_is_a_confident_question()
    {
        var start = FlowRunner.Start("report-breakdown", Breakdown, "We can log it.", "breakdown", "en", "fr");

        var kept = FlowRunner.Continue(start.Next!, Breakdown, "5 avenue Foch, I moved here last month", Answer("moving-house", 0.6), "en", "fr");
        var left = FlowRunner.Continue(start.Next!, Breakdown, "wait, when are you open?", Answer("opening-hours", 0.6), "en", "fr");

        Assert.Equal(FlowOutcome.Ask, kept.Outcome);
        Assert.Equal("5 avenue Foch, I moved here last month", kept.Values["address"]);
        Assert.Equal(FlowOutcome.Left, left.Outcome);
    }

    [Fact]
    public void Hands_over_after_three_invalid_values_in_a_row_with_what_it_has()
    {
        var progress = FlowRunner.Start("invoice-copy", Invoice, "Online.", "invoice copy", "en", "fr").Next!;
        FlowTurn turn = null!;
        for (var i = 0; i < FlowRunner.MaxTries; i++)
        {
            turn = FlowRunner.Continue(progress, Invoice, "1234", NoMatch(), "en", "fr");
            progress = turn.Next ?? progress;
        }

        Assert.Equal((FlowOutcome.Escalate, "default", "flow-stuck:invoice-copy"), (turn.Outcome, turn.Queue, turn.Reason));
    }

    [Fact]
    public void Its_progress_round_trips_through_the_step_state()
    {
        var progress = new FlowProgress("report-breakdown", 1, 2, new Dictionary<string, string> { ["address"] = "12 rue X" });

        var back = FlowProgress.From(progress.ToState())!;

        Assert.Equal((progress.EntryId, progress.Slot, progress.Tries), (back.EntryId, back.Slot, back.Tries));
        Assert.Equal("12 rue X", back.Values["address"]);
        Assert.Null(FlowProgress.From(new Dictionary<string, string> { ["noMatches"] = "1" }));
    }
}

/// <summary>Greetings and thanks are answered in kind, not counted as questions the bot missed.</summary>
public sealed class SmallTalkTests
{
    [Theory]
    [InlineData("Bonjour", "greeting")]
    [InlineData("slt", "greeting")]
    [InlineData("Hi there!", "greeting")]
    [InlineData("merci beaucoup !!", "thanks")]
    [InlineData("ok super merci", "thanks")]
    [InlineData("Thanks a lot", "thanks")]
    public void Recognises_greetings_and_thanks(string text, string kind) => Assert.Equal(kind, SmallTalk.Of(text));

    [Theory]
    [InlineData("bonjour, ma facture est fausse")]
    [InlineData("hi i need help")]
    [InlineData("ok")]
    [InlineData("")]
    [InlineData("merci de me rappeler")]
    public void Leaves_anything_else(string text) => Assert.Null(SmallTalk.Of(text));
}
