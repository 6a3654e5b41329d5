using Grid.Conversations.Events;

namespace Grid.Conversations.Effects;

/// <summary>Counts what the committed events say: messages in and out, transitions, offers (docs/architecture.md, metrics).</summary>
internal sealed class MetricsEffect : IConversationEffect
{
    public ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        foreach (var (_, e) in unit.Events)
        {
            switch (e)
            {
                case CustomerWrote when !unit.Events.Any(x => x.Event is ConversationSplit): // a split's copies were counted once already
                    GridMetrics.InboundMessages.WithLabels(GridMetrics.Label(e.Channel), "appended").Inc();
                    break;
                case Offered:
                    GridMetrics.Offers.WithLabels("made").Inc();
                    break;
                case Accepted:
                    GridMetrics.Offers.WithLabels("accepted").Inc();
                    break;
                case Declined:
                    GridMetrics.Offers.WithLabels("declined").Inc();
                    break;
                case OfferExpired:
                    GridMetrics.Offers.WithLabels("expired").Inc();
                    break;
                case Escalated escalated:
                    GridMetrics.Escalations.WithLabels(GridMetrics.ReasonLabel(escalated.Reason)).Inc();
                    if (unit.StatusBefore is ConversationStatus.New or ConversationStatus.Bot or ConversationStatus.Resolved)
                    {
                        GridMetrics.BotConversations.WithLabels("escalated").Inc();
                    }

                    break;
                case Closed when unit.StatusBefore == ConversationStatus.Bot:
                    GridMetrics.BotConversations.WithLabels("contained").Inc();
                    break;
                case AgentReplied replied when unit.View.FirstResponseAt == replied.At:
                    GridMetrics.FirstResponseSeconds.Observe(Math.Max(0, (replied.At - unit.View.OpenedAt).TotalSeconds));
                    break;
                case CsatRecorded csat:
                    GridMetrics.CsatRatings.WithLabels(csat.Rating.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
                    break;
            }
        }

        foreach (var row in unit.Outbound)
        {
            GridMetrics.OutboundMessages.WithLabels(GridMetrics.Label(row.Message.Channel), row.Message.Kind.ToString().ToLowerInvariant()).Inc();
        }

        var after = unit.View.Status;
        if (after != unit.StatusBefore || !unit.ExistedBefore)
        {
            // The gauge counts activations of conversations that exist: a new one starts counting with its first unit.
            if (unit.ExistedBefore)
            {
                GridMetrics.Conversations.WithLabels(GridMetrics.Label(unit.StatusBefore)).Dec();
            }

            GridMetrics.Conversations.WithLabels(GridMetrics.Label(after)).Inc();
            if (after != unit.StatusBefore)
            {
                GridMetrics.ConversationTransitions.WithLabels(GridMetrics.Label(after)).Inc();
            }
        }

        return ValueTask.CompletedTask;
    }
}
