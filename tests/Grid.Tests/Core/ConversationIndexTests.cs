using Grid.Conversations;
using Grid.Conversations.Events;
using Grid.Storage;

namespace Grid.Tests.Core;

/// <summary>The live-conversation index's change for a unit (<see cref="ConversationIndex.ChangeFor(LiveConversation?, string, IReadOnlyList{JournalRow})"/>), pure.</summary>
public sealed class ConversationIndexTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_first_unit_writes_the_row_with_the_customer_the_queue_and_the_wait()
    {
        var change = ConversationIndex.ChangeFor((LiveConversation?)null, "cnv_1",
            Rows(Wrote(At), new Escalated("billing", "no-bot-answer", 3, []) { At = At.AddSeconds(1), Channel = Channel.Sms }, Notified(At.AddSeconds(2))));

        var row = Assert.IsType<LiveConversation>(change?.Entry);
        Assert.Equal(
            new LiveConversation("cnv_1", "cus_1", ConversationStatus.Queued, "no-bot-answer", "billing", null, 3, Channel.Sms, "fr", At, At.AddSeconds(2), At.AddSeconds(1)),
            row);
    }

    [Fact]
    public void A_unit_that_changes_no_listed_field_writes_nothing_and_one_that_does_moves_updated_at()
    {
        var queued = new LiveConversation("cnv_1", "cus_1", ConversationStatus.Queued, "no-bot-answer", "default", null, 0, Channel.Sms, "fr", At, At, At);

        Assert.Null(ConversationIndex.ChangeFor(queued, "cnv_1", Rows(Wrote(At.AddMinutes(1)), Notified(At.AddMinutes(1)))));
        Assert.Null(ConversationIndex.ChangeFor(queued, "cnv_1", []));

        var accepted = ConversationIndex.ChangeFor(queued, "cnv_1", Rows(new Accepted("ann") { At = At.AddMinutes(2) }))!.Entry!;
        Assert.Equal((ConversationStatus.WithAgent, "accepted", "ann", null, At.AddMinutes(2)),
            (accepted.Status, accepted.StatusReason, accepted.AssignedAgent, accepted.WaitingSince, accepted.UpdatedAt));

        var switched = ConversationIndex.ChangeFor(accepted, "cnv_1", Rows(Wrote(At.AddMinutes(3)) with { Channel = Channel.WhatsApp }))!.Entry!;
        Assert.Equal((Channel.WhatsApp, At.AddMinutes(3), At), (switched.Channel, switched.UpdatedAt, switched.OpenedAt));
    }

    [Fact]
    public void A_take_over_a_resolution_and_a_close_change_the_row_and_a_close_removes_it()
    {
        var queued = new LiveConversation("cnv_1", "cus_1", ConversationStatus.Queued, "no-bot-answer", "default", null, 0, Channel.Sms, "fr", At, At, At);

        var taken = ConversationIndex.ChangeFor(queued, "cnv_1", Rows(new TakenOver("sue", null) { At = At.AddMinutes(1) }))!.Entry!;
        Assert.Equal((ConversationStatus.WithAgent, "taken-over", "sue"), (taken.Status, taken.StatusReason, taken.AssignedAgent));

        var resolved = ConversationIndex.ChangeFor(taken, "cnv_1", Rows(new Resolved("sue", "done") { At = At.AddMinutes(2) }))!.Entry!;
        Assert.Equal((ConversationStatus.Resolved, "done", null), (resolved.Status, resolved.StatusReason, resolved.AssignedAgent));

        Assert.Same(ConversationIndexChange.Remove, ConversationIndex.ChangeFor(resolved, "cnv_1", Rows(new Closed("reopen-window-elapsed") { At = At.AddDays(1) })));
    }

    private static JournalRow[] Rows(params ConversationEvent[] events) => [.. events.Select(e => new JournalRow(e))];

    private static CustomerWrote Wrote(DateTimeOffset at) =>
        new("cus_1", "bonjour", "e-" + at.Ticks, "gw", "+33600000001", at, null, [], new Dictionary<string, string>(), "fr") { At = at, Channel = Channel.Sms };

    private static CustomerNotified Notified(DateTimeOffset at) =>
        new("Merci", "acknowledgement", new OutboundDelivery("gw", "+33600000001", null)) { At = at, Channel = Channel.Sms };
}
