using Grid.Conversations;
using Grid.Conversations.Events;

namespace Grid.Tests.Core;

/// <summary>The decisions behind an agent's merge and split of conversations (docs/architecture.md, "Grouping"), without a cluster.</summary>
public sealed class RegroupingDeciderTests
{
    private static readonly Actor Ann = new("ann");

    [Fact]
    public async Task A_merged_source_is_closed_with_a_pointer_once_and_cannot_go_elsewhere()
    {
        var model = new ConversationModel("cnv_b");
        Assert.Throws<ConversationRuleException>(() => ConversationDecider.MergeInto(model.State, "cnv_b", "cnv_a", Ann, model.Now));
        await model.InboundAsync(model.Message("m1", "bonjour ma facture est fausse"));

        var rows = ConversationDecider.MergeInto(model.State, "cnv_b", "cnv_a", Ann, model.Now);
        Assert.Equal(["ConversationsMerged", "Closed"], rows.Select(r => r.Event.GetType().Name));
        Assert.Equal("merged-into:cnv_a", ((Closed)rows[1].Event).Reason);
        await model.CommitAsync(rows);
        Assert.Equal(("cnv_a", ConversationStatus.Closed), (model.State.MergedInto, model.State.Status));
        Assert.Empty(ConversationDecider.MergeInto(model.State, "cnv_b", "cnv_a", Ann, model.Now));
        var elsewhere = Assert.Throws<ConversationRuleException>(() => ConversationDecider.MergeInto(model.State, "cnv_b", "cnv_c", Ann, model.Now));
        Assert.Equal(RuleCodes.Invalid, elsewhere.Code);
        Assert.Equal(ConversationModel.Dump(model.State), ConversationModel.Dump(await model.ReplayAsync()));
    }

    [Fact]
    public async Task A_merge_target_records_each_source_once_and_cannot_be_merged_into_it()
    {
        var model = new ConversationModel("cnv_a");
        await model.InboundAsync(model.Message("m1", "bonjour ma facture est fausse"));
        await model.CommitAsync(ConversationDecider.MergedFrom(model.State, "cnv_a", "cnv_b", Ann, model.Now));
        Assert.Empty(ConversationDecider.MergedFrom(model.State, "cnv_a", "cnv_b", Ann, model.Now));
        Assert.Equal(["cnv_b"], model.State.MergedFrom);
        Assert.Equal(["cnv_b"], model.State.ToView("t", "cnv_a", "fr").MergedFrom);
        Assert.Throws<ConversationRuleException>(() => ConversationDecider.MergeInto(model.State, "cnv_a", "cnv_b", Ann, model.Now));
    }

    [Fact]
    public async Task A_split_chooses_customer_messages_keeps_one_and_a_retry_moves_the_same()
    {
        var model = new ConversationModel("cnv_a");
        await model.InboundAsync(model.Message("m1", "bonjour ma facture est fausse"));
        await model.InboundAsync(model.Message("m2", "et je veux résilier"));
        await model.InboundAsync(model.Message("m3", "au 31 décembre"));
        var messages = (await model.ReplayEventsAsync()).Select((e, i) => (Seq: (long)i + 1, Event: e))
            .Where(x => x.Event is CustomerWrote).ToDictionary(x => x.Seq, x => (CustomerWrote)x.Event);
        var (first, second, third) = (messages.Keys.ElementAt(0), messages.Keys.ElementAt(1), messages.Keys.ElementAt(2));

        Assert.Equal([second, third], ConversationDecider.SplitSeqs(model.State, "cnv_a", messages, second, [], "cnv_c"));
        Assert.Equal([third], ConversationDecider.SplitSeqs(model.State, "cnv_a", messages, 0, [third, third], "cnv_c"));
        Assert.Contains("not a customer message", Assert.Throws<ConversationRuleException>(
            () => ConversationDecider.SplitSeqs(model.State, "cnv_a", messages, 0, [first + 1_000], "cnv_c")).Message);
        Assert.Contains("without a customer message", Assert.Throws<ConversationRuleException>(
            () => ConversationDecider.SplitSeqs(model.State, "cnv_a", messages, first, [], "cnv_c")).Message);

        await model.CommitAsync(ConversationDecider.SplitOut(model.State, "cnv_a", "cnv_c", [second, third], Ann, model.Now));
        Assert.Empty(ConversationDecider.SplitOut(model.State, "cnv_a", "cnv_c", [second, third], Ann, model.Now));

        // The same request again moves what the first moved; another conversation cannot take them.
        Assert.Equal([second, third], ConversationDecider.SplitSeqs(model.State, "cnv_a", messages, second, [], "cnv_c"));
        Assert.Contains("moved to cnv_c", Assert.Throws<ConversationRuleException>(
            () => ConversationDecider.SplitSeqs(model.State, "cnv_a", messages, 0, [third], "cnv_d")).Message);
    }

    [Fact]
    public async Task A_split_target_starts_with_the_messages_where_they_came_from_and_a_sticky_escalation()
    {
        var source = new ConversationModel("cnv_a");
        await source.InboundAsync(source.Message("m1", "bonjour ma facture est fausse"));
        var moved = (CustomerWrote)(await source.ReplayEventsAsync())[0];
        var plan = new SplitPlan("cus_1", [1], [moved], [], "billing", 30, ["language:fr", "agent:bob", "sticky:bob"]);

        var target = new ConversationModel("cnv_c");
        var rows = ConversationDecider.SplitInto(target.State, "cnv_c", "cnv_a", plan, Ann, target.Now);
        Assert.Equal(["CustomerWrote", "ConversationSplit", "Escalated"], rows.Select(r => r.Event.GetType().Name));
        var escalated = (Escalated)rows[2].Event;
        Assert.Equal(("billing", 30, "split-from:cnv_a"), (escalated.Queue, escalated.Priority, escalated.Reason));
        Assert.Equal(["language:fr", "sticky:ann"], escalated.Requirements);
        await target.CommitAsync(rows);
        Assert.Equal(("cnv_a", "cus_1", ConversationStatus.Queued), (target.State.SplitFrom, target.State.CustomerId, target.State.Status));
        Assert.Empty(ConversationDecider.SplitInto(target.State, "cnv_c", "cnv_a", plan, Ann, target.Now));
        Assert.Throws<ConversationRuleException>(() => ConversationDecider.SplitInto(target.State, "cnv_c", "cnv_b", plan, Ann, target.Now));

        // An admin's split waits for anyone.
        var byAdmin = ConversationDecider.SplitInto(new ConversationState(), "cnv_d", "cnv_a", plan, new Actor("admin:crm", ActorRole.Supervisor), target.Now);
        Assert.Equal(["language:fr"], ((Escalated)byAdmin[2].Event).Requirements);
    }
}
