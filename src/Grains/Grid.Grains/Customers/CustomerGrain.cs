using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Customers;

internal sealed class CustomerGrain(
    [PersistentState("customer", "grid")] IPersistentState<CustomerState> state,
    JournalStore journal,
    TimeProvider clock,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private string tenant = "";
    private string customerId = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, customerId) = GridKeys.Split(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<InboundAck> ReceiveInboundAsync(InboundMessage message, AddressKind addressKind, string addressHash)
    {
        // A retry can arrive after the conversation it went to was closed: look the key up before threading,
        // so the retry returns the original acknowledgement instead of opening a new conversation.
        var hit = await journal.FindAsync(tenant, InboundKeys.Source(message.Integrator), message.ExternalId);
        if (hit is not null)
        {
            return DuplicateOrConflict(message, hit.ConversationId, hit.Seq, hit.PayloadHash);
        }

        var dirty = LinkAddress(message);
        if (!state.RecordExists)
        {
            state.State.CreatedAt = clock.GetUtcNow();
            dirty = true;
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (state.State.OpenConversationId is null)
            {
                // Recorded before the first append, so a conversation never holds messages its customer does not know.
                var id = "cnv_" + Guid.NewGuid().ToString("N");
                state.State.OpenConversationId = id;
                state.State.ConversationIds.Add(id);
                dirty = true;
                logger.LogInformation("Customer {CustomerId} opens conversation {ConversationId}", customerId, id);
            }

            if (dirty)
            {
                await state.WriteOrDeactivateAsync(this);
                dirty = false;
            }

            var conversation = GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, state.State.OpenConversationId));
            var result = await conversation.AppendInboundAsync(message, customerId);
            switch (result.Outcome)
            {
                case AppendOutcome.Appended:
                    return new InboundAck(customerId, result.ConversationId, result.Seq, Duplicate: false);
                case AppendOutcome.Duplicate:
                    return new InboundAck(customerId, result.ConversationId, result.Seq, Duplicate: true);
                case AppendOutcome.Closed:
                    state.State.OpenConversationId = null;
                    dirty = true;
                    break;
            }
        }

        throw new InvalidOperationException($"Customer {customerId} could not open a conversation.");
    }

    public async Task<string?> RecordChannelEventAsync(ChannelEvent channelEvent)
    {
        if (state.State.OpenConversationId is { } open)
        {
            await GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, open)).RecordChannelEventAsync(channelEvent);
        }

        return state.State.OpenConversationId;
    }

    public Task<CustomerView?> GetAsync() => Task.FromResult(
        state.RecordExists
            ? new CustomerView(
                tenant,
                customerId,
                [.. state.State.Addresses],
                state.State.OpenConversationId,
                [.. state.State.ConversationIds],
                state.State.CreatedAt,
                state.State.LastChannel)
            : null);

    public Task<TimelinePage> ReadTimelineAsync(long afterCursor, int limit) =>
        journal.ReadTimelineAsync(tenant, customerId, afterCursor, limit);

    private InboundAck DuplicateOrConflict(InboundMessage message, string conversationId, long seq, string? storedHash)
    {
        if (!string.Equals(storedHash, message.PayloadHash, StringComparison.Ordinal))
        {
            throw new IdempotencyConflictException(
                $"External id '{message.ExternalId}' was already used by integrator '{message.Integrator}' for a different message; use a new external id for a new message.");
        }

        GridMetrics.InboundMessages.WithLabels(GridMetrics.Label(message.Channel), "duplicate").Inc();
        return new InboundAck(customerId, conversationId, seq, Duplicate: true);
    }

    private bool LinkAddress(InboundMessage message)
    {
        var changed = state.State.LastChannel != message.Channel;
        state.State.LastChannel = message.Channel;
        var index = state.State.Addresses.FindIndex(a => a.Channel == message.Channel && a.Address == message.SenderAddress);
        if (index < 0)
        {
            state.State.Addresses.Add(new LinkedAddress(message.Channel, message.SenderAddress, message.Integrator, message.ReceivedAt));
            return true;
        }

        // Only a change of integrator is persisted; the last-seen time is refreshed with the next write.
        if (state.State.Addresses[index].Integrator != message.Integrator)
        {
            state.State.Addresses[index] = state.State.Addresses[index] with { Integrator = message.Integrator, LastSeenAt = message.ReceivedAt };
            return true;
        }

        return changed;
    }
}
