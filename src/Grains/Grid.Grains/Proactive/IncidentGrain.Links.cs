using System.Collections.Concurrent;
using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Proactive;

/// <summary>
/// The linker: pushes the batches wrote to the outbox are recorded in their customers' conversations (the open one or a
/// new one, linked to the incident) with bounded concurrency, under the outbound id of their row, so the conversation
/// writes no second row; each push's pending link row goes once it is in the conversation. The same idempotency key as
/// a direct push makes a link redone after a crash, or raced by the customer's own inbound message (which links their
/// pending pushes first, see CustomerGrain), a no-op. Receipts quoting a push's outbound id come here from the edge.
/// </summary>
internal sealed partial class IncidentGrain
{
    private bool linksPending = true;

    /// <summary>Links up to Grid:Proactive:LinkBatchSize pushes; false when none was waiting or none could be linked (the reminder retries).</summary>
    private async Task<bool> LinkRoundAsync()
    {
        var pending = await store.PendingLinksAsync(tenant, incidentId, Options.LinkBatchSize);
        if (pending.Count == 0)
        {
            linksPending = false;
            return false;
        }

        var linked = new ConcurrentBag<LinkedPush>();
        using var gate = new SemaphoreSlim(Options.Concurrency);
        await Task.WhenAll(pending.Select(async link =>
        {
            await gate.WaitAsync();
            try
            {
                var result = await GrainFactory.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, link.CustomerId)).PushAsync(link.Push);
                linked.Add(new LinkedPush(link.Row.Message.OutboundId, result.ConversationId, result.Seq));
            }
            catch (Exception failed) when (failed is not OutOfMemoryException)
            {
                // Left pending: the next round or the reminder links it.
                logger.LogWarning(failed, "Incident {IncidentId}: linking a push of message {MessageNo} to customer {CustomerId} failed", incidentId, link.MessageNo, link.CustomerId);
            }
            finally
            {
                gate.Release();
            }
        }));

        await store.LinkedAsync(tenant, [.. linked]);
        ProactiveMetrics.Linked.Inc(linked.Count);
        return !linked.IsEmpty;
    }

    public async Task<bool> PushReceiptAsync(string outboundId, ChannelEventType type)
    {
        if (S.Definition is null)
        {
            DeactivateOnIdle();
            return false;
        }

        if (!PushOutboundIds.TryParse(outboundId, out var incident, out var messageNo, out var channel, out var customerId) || incident != incidentId
            || await store.GetDeliveryAsync(tenant, incidentId, messageNo, customerId) is not { } delivery || !delivery.Tried.Contains(channel))
        {
            return false;
        }

        await ReceiptAsync(customerId, messageNo, outboundId, type);
        return true;
    }
}
