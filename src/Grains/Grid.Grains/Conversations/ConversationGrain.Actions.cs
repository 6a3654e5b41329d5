using Grid.Conversations.Events;
using Grid.Proactive;
using Grid.Storage;

namespace Grid.Conversations;

/// <summary>Answers to actionable pushes (docs/architecture.md, "Actionable pushes").</summary>
internal sealed partial class ConversationGrain
{
    /// <summary>The purpose of the answer on the customer's channel (entry metadata "purpose").</summary>
    public const string ThanksPurpose = "action-answered";

    public async Task<AppendResult> AppendActionAnswerAsync(ActionAnswer answer, string customerId)
    {
        var now = clock.GetUtcNow();
        if (ConversationDecider.ShouldClose(S, Options.ReopenWindow, now))
        {
            await CommitAsync(Rows(ConversationDecider.Close(S, "reopen-window-elapsed", now)));
        }

        if (S.Status == ConversationStatus.Closed)
        {
            return new AppendResult(AppendOutcome.Closed, conversationId, 0);
        }

        // One unit: the answer (its outbox row is the result for the tenant's system) and the thanks on the customer's
        // channel. The key is the push's (customer, incident message), so a second answer through any of its links is a
        // duplicate the journal's unique index refuses, whichever conversation or silo it reaches.
        var answered = new ActionAnswered(answer.IncidentId, answer.MessageNo, answer.Kind, answer.ChoiceId, answer.ChoiceLabel, answer.Language, customerId,
            new OutboundDelivery(answer.ResultIntegrator, "", null)) { At = now };
        var rows = new List<JournalRow> { new(answered, answer.IdempotencySource, answer.IdempotencyKey) };
        if (S.ReplyTo is { } route)
        {
            rows.Add(new JournalRow(new CustomerNotified(answer.ThanksText, ThanksPurpose, ConversationDecider.DeliveryTo(route, S.LastEmail))
            {
                At = now,
                Channel = route.Channel,
            }));
        }

        var result = await CommitAsync(rows);
        return result.Original is { } original
            ? new AppendResult(AppendOutcome.Duplicate, original.ConversationId, original.Seq)
            : new AppendResult(AppendOutcome.Appended, conversationId, result.LastSeq - rows.Count + 1);
    }
}
