using Grid.Conversations.Events;
using Grid.Proactive;
using Grid.Storage;

namespace Grid.Conversations;

/// <summary>Incidents' pushes into the conversation and their receipts back to the incident (docs/architecture.md, "Proactive pushes").</summary>
internal sealed partial class ConversationGrain
{
    public async Task<AppendResult> AppendPushAsync(ProactivePush push, string customerId)
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

        var pushed = new IncidentPushed(push.IncidentId, push.MessageNo, push.MessageKind, customerId, push.Text, new OutboundDelivery(push.Integrator, push.ToAddress, null),
            push.OutboundId,
            push.LinkExpiresAt)
        {
            At = now,
            Channel = push.Channel,
        };
        var result = await CommitAsync([new JournalRow(pushed, push.IdempotencySource, push.IdempotencyKey(customerId))]);
        return result.Original is { } original
            ? new AppendResult(AppendOutcome.Duplicate, original.ConversationId, original.Seq)
            : new AppendResult(AppendOutcome.Appended, conversationId, result.LastSeq);
    }

    /// <summary>A receipt of one of the conversation's pushes goes to its incident or scheduled push (one-way: neither calls back here while waiting).</summary>
    private void ForwardPushReceipt(ChannelEvent channelEvent)
    {
        if (channelEvent.Type is not (ChannelEventType.Sent or ChannelEventType.Delivered or ChannelEventType.Failed)
            || !OutboundIds.TryParse(channelEvent.OutboundId, out var target, out var seq) || target != conversationId || S.PushAt(seq) is not { } push)
        {
            return;
        }

        var receipt = ScheduledPushIds.IsScheduled(push.IncidentId)
            ? GrainFactory.GetGrain<IScheduledPushGrain>(GridKeys.Of(tenant, push.IncidentId)).ReceiptAsync(channelEvent.OutboundId!, channelEvent.Type)
            : GrainFactory.GetGrain<IIncidentGrain>(GridKeys.Of(tenant, push.IncidentId)).ReceiptAsync(S.CustomerId, push.MessageNo, channelEvent.OutboundId!, channelEvent.Type);
        receipt.Forget(logger, "push receipt");
    }
}
