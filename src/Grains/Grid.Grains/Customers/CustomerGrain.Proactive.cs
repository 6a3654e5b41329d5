using Grid.Proactive;
using Grid.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grid.Customers;

/// <summary>
/// Incidents' pushes and the answers to their links (docs/architecture.md, "Proactive pushes"): into the open
/// conversation, or a new one.
/// </summary>
internal sealed partial class CustomerGrain
{
    public async Task<PushResult> PushAsync(ProactivePush push)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            return await Customer(mergedInto).PushAsync(push);
        }

        return await AppendToOpenAsync(push.IdempotencySource, push.IdempotencyKey(customerId), "incident " + push.IncidentId,
            conversation => conversation.AppendPushAsync(push, customerId));
    }

    public async Task<PushResult> AnswerActionAsync(ActionAnswer answer)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            return await Customer(mergedInto).AnswerActionAsync(answer);
        }

        return await AppendToOpenAsync(answer.IdempotencySource, answer.IdempotencyKey, "the answer to incident " + answer.IncidentId,
            conversation => conversation.AppendActionAnswerAsync(answer, customerId));
    }

    /// <summary>
    /// Appends to the most recently active open conversation, or opens one (recorded before its first append, so a
    /// conversation never holds messages its customer does not know); a closed one is forgotten and the next tried.
    /// </summary>
    private async Task<PushResult> AppendToOpenAsync(string source, string key, string what, Func<IConversationGrain, Task<AppendResult>> append)
    {
        var dirty = ListOpen();
        if (!state.RecordExists)
        {
            state.State.CreatedAt = clock.GetUtcNow();
            dirty = true;
        }

        var attempts = state.State.Open.Count + 2;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var target = OpenIds().FirstOrDefault();
            if (target is null)
            {
                // A replay after the conversation it went to closed gets the original, not a second append.
                if (await journal.FindAsync(tenant, source, key) is { } hit)
                {
                    return new PushResult(hit.ConversationId, hit.Seq, Duplicate: true);
                }

                target = "cnv_" + Guid.NewGuid().ToString("N");
                state.State.ConversationIds.Add(target);
                Summary(target, clock.GetUtcNow());
                state.State.OpenConversationId = target;
                dirty = true;
                logger.LogDebug("Customer {CustomerId} opens conversation {ConversationId} for {What}", customerId, target, what);
            }

            if (dirty)
            {
                await state.WriteOrDeactivateAsync(this);
                dirty = false;
            }

            var result = await append(GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, target)));
            if (result.Outcome != AppendOutcome.Closed)
            {
                return new PushResult(result.ConversationId, result.Seq, result.Outcome == AppendOutcome.Duplicate);
            }

            dirty |= Forget(target);
        }

        throw new InvalidOperationException($"Customer {customerId} could not open a conversation for {what}.");
    }

    /// <summary>
    /// The customer's pushes an incident wrote to the outbox that its linker has not recorded yet go into the conversation
    /// before the customer's message is handled, so the deflection step and an agent see them first. A probe of the
    /// tenant's pending links (cached per silo, <see cref="PendingPushLinks"/>) keeps this off the path otherwise.
    /// </summary>
    private async Task LinkPendingPushesAsync()
    {
        if (!await ServiceProvider.GetRequiredService<PendingPushLinks>().AnyAsync(tenant))
        {
            return;
        }

        var store = ServiceProvider.GetRequiredService<IProactiveStore>();
        var pending = await store.PendingLinksOfAsync(tenant, customerId);
        if (pending.Count == 0)
        {
            return;
        }

        var linked = new List<LinkedPush>(pending.Count);
        foreach (var link in pending)
        {
            var result = await PushAsync(link.Push);
            linked.Add(new LinkedPush(link.Row.Message.OutboundId, result.ConversationId, result.Seq));
        }

        await store.LinkedAsync(tenant, linked);
        logger.LogDebug("Customer {CustomerId}: {Count} incident pushes linked before an inbound message", customerId, linked.Count);
    }
}
