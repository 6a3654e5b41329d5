using Grid.Conversations;
using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Customers;

internal sealed class CustomerGrain(
    [PersistentState("customer", "grid")] IPersistentState<CustomerState> state,
    IConversationJournal journal,
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

    public async Task<InboundAck> ReceiveInboundAsync(InboundMessage message, string? threadTo)
    {
        var dirty = LinkAddress(message);
        if (!state.RecordExists)
        {
            state.State.CreatedAt = clock.GetUtcNow();
            dirty = true;
        }

        // An email reply names the conversation it belongs to: it goes there while that conversation is open.
        var target = threadTo is not null && state.State.ConversationIds.Contains(threadTo) ? threadTo : state.State.OpenConversationId;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (target is null)
            {
                // A retry may arrive after the conversation it went to was closed: it must get its original
                // acknowledgement, not open a new conversation. Only this rare path looks the key up first; otherwise
                // the journal's unique index answers inside the append.
                if (await journal.FindAsync(tenant, InboundKeys.Source(message.Integrator), message.ExternalId) is { } hit)
                {
                    ConversationDecider.EnsureSameMessage(hit, message);
                    GridMetrics.InboundMessages.WithLabels(GridMetrics.Label(message.Channel), "duplicate").Inc();
                    return new InboundAck(customerId, hit.ConversationId, hit.Seq, Duplicate: true);
                }

                // Recorded before the first append, so a conversation never holds messages its customer does not know.
                target = "cnv_" + Guid.NewGuid().ToString("N");
                state.State.OpenConversationId = target;
                state.State.ConversationIds.Add(target);
                dirty = true;
                logger.LogDebug("Customer {CustomerId} opens conversation {ConversationId}", customerId, target);
            }

            if (dirty)
            {
                await state.WriteOrDeactivateAsync(this);
                dirty = false;
            }

            if (await AppendToAsync(target, message) is { } ack)
            {
                return ack;
            }

            // Closed: the next attempt opens a new conversation.
            if (state.State.OpenConversationId == target)
            {
                state.State.OpenConversationId = null;
                dirty = true;
            }

            target = null;
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
                state.State.LastChannel,
                state.State.Tier)
            : null);

    public async Task AddAddressAsync(LinkedAddress address)
    {
        if (state.State.Addresses.Any(a => a.Channel == address.Channel && a.Address == address.Address))
        {
            return;
        }

        state.State.Addresses.Add(address);
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId} linked to a {Channel} address", customerId, address.Channel);
    }

    public async Task SetTierAsync(string? tier)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle(); // an unknown id leaves no activation behind
            throw new Escalation.PolicyRuleException(Escalation.PolicyRuleException.NotFound, $"customer '{customerId}' not found in this tenant", "customer_id");
        }

        var value = string.IsNullOrEmpty(tier) ? null : tier;
        if (state.State.Tier != value)
        {
            state.State.Tier = value;
            await state.WriteOrDeactivateAsync(this);
            logger.LogInformation("Customer {CustomerId} tier set to {Tier}", customerId, value ?? "(none)");
        }
    }

    public async Task<TimelinePage> ReadTimelineAsync(long afterCursor, int limit)
    {
        var page = await journal.ReadTimelineAsync(tenant, customerId, afterCursor, limit);
        return new TimelinePage([.. page.Events.Select(e => JournalEntries.From(e.ConversationId, e.Seq, e.Event))], page.Next, page.HasMore);
    }

    /// <summary>The acknowledgement from the conversation, or null when it is closed.</summary>
    private async Task<InboundAck?> AppendToAsync(string conversationId, InboundMessage message)
    {
        var profile = new CustomerProfile(customerId, state.State.ConversationIds.Count, [.. state.State.Addresses.Select(a => a.Channel).Distinct()], state.State.Tier);
        var result = await GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId)).AppendInboundAsync(message, profile);
        return result.Outcome switch
        {
            AppendOutcome.Appended => new InboundAck(customerId, result.ConversationId, result.Seq, Duplicate: false),
            AppendOutcome.Duplicate => new InboundAck(customerId, result.ConversationId, result.Seq, Duplicate: true),
            _ => null,
        };
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
