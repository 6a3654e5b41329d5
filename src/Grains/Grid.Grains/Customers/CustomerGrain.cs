using Grid.Conversations;
using Grid.Storage;
using Grid.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Customers;

/// <summary>A customer: collected after 10 idle minutes (customers write rarely; a busy one stays).</summary>
[CollectionAgeLimit(Minutes = 10)]
internal sealed partial class CustomerGrain(
    [PersistentState("customer", "grid")] IPersistentState<CustomerState> state,
    IConversationJournal journal,
    IOptions<GridRuntimeOptions> options,
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
        if (state.State.MergedInto is { } mergedInto)
        {
            // A silo's identity cache may still name this customer: pass the message on. Merges point one way (a target
            // is never merged into its source), so this call never waits on itself.
            return await Customer(mergedInto).ReceiveInboundAsync(message, threadTo);
        }

        await LinkPendingPushesAsync();
        var dirty = LinkAddress(message);
        if (!state.RecordExists)
        {
            state.State.CreatedAt = clock.GetUtcNow();
            dirty = true;
        }

        dirty |= ListOpen();
        var now = clock.GetUtcNow();
        var grouping = GroupingMessage.Of(message);

        // An email reply names the conversation it belongs to: it goes there while that conversation is open (a
        // conversation merged into another: there). Otherwise grouping picks among the open ones, or none.
        var thread = threadTo is not null && state.State.ConversationIds.Contains(threadTo) ? threadTo : null;
        // Each closed conversation found leaves the list, so this ends with a new conversation at the latest.
        var attempts = state.State.Open.Count + 2;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var decision = ConversationGrouping.Decide(
                grouping, state.State.Open, state.State.OpenConversationId, thread, state.State.MergedConversations, options.Value.Conversations.GroupingWindow, now);
            var target = decision.ConversationId;
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
                state.State.ConversationIds.Add(target);
                logger.LogDebug("Customer {CustomerId} opens conversation {ConversationId}", customerId, target);
            }

            dirty |= RecordIn(target, grouping, message.SenderAddress, now);
            if (dirty)
            {
                await state.WriteOrDeactivateAsync(this);
                dirty = false;
            }

            if (await AppendToAsync(target, message, decision.ReasonName) is { } ack)
            {
                logger.LogDebug("Customer {CustomerId}: message went to conversation {ConversationId} by {Grouping}", customerId, ack.ConversationId, decision.ReasonName);
                return ack;
            }

            // Closed: it leaves the open list and grouping decides again without it (the thread it named included).
            dirty |= Forget(target);
            thread = null;
        }

        throw new InvalidOperationException($"Customer {customerId} could not open a conversation.");
    }

    public async Task<string?> RecordChannelEventAsync(ChannelEvent channelEvent)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            return await Customer(mergedInto).RecordChannelEventAsync(channelEvent);
        }

        if (state.State.OpenConversationId is { } open)
        {
            await GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, open)).RecordChannelEventAsync(channelEvent);
        }

        return state.State.OpenConversationId;
    }

    public Task<CustomerView?> GetAsync()
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle(); // a read of an unknown id leaves no activation behind
        }

        return Task.FromResult(Read());
    }

    private CustomerView? Read() => (
        state.RecordExists
            ? new CustomerView(
                tenant,
                customerId,
                [.. state.State.Addresses],
                state.State.OpenConversationId,
                [.. state.State.ConversationIds],
                state.State.CreatedAt,
                state.State.LastChannel,
                state.State.Tier,
                state.State.MergedInto,
                [.. state.State.Merges],
                state.State.Profile)
            {
                OpenConversationIds = OpenIds(),
            }
            : null);

    public async Task RecordAgentAsync(string agentId)
    {
        if (!state.RecordExists || state.State.LastAgentId == agentId)
        {
            return;
        }

        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).RecordAgentAsync(agentId);
            return;
        }

        state.State.LastAgentId = agentId;
        await state.WriteOrDeactivateAsync(this);
    }

    public async Task SetTierAsync(string? tier)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle(); // an unknown id leaves no activation behind
            throw new Escalation.PolicyRuleException(Escalation.PolicyRuleException.NotFound, $"customer '{customerId}' not found in this tenant", "customer_id");
        }

        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).SetTierAsync(tier);
            return;
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
        if (state.State.AbsorbedCustomerIds.Count == 0)
        {
            var page = await journal.ReadTimelineAsync(tenant, customerId, afterCursor, limit);
            return new TimelinePage([.. page.Events.Select(e => JournalEntries.From(e.ConversationId, e.Seq, e.Event))], page.Next, page.HasMore);
        }

        // Customers merged into this one keep their rows under their own id. Cursors are journal row ids, one order for
        // every customer, so the first rows after the cursor are among each id's first `limit` rows: merge those.
        var pages = await Task.WhenAll(new[] { customerId }.Concat(state.State.AbsorbedCustomerIds)
            .Select(id => journal.ReadTimelineAsync(tenant, id, afterCursor, limit)));
        var rows = pages.SelectMany(p => p.Events).OrderBy(e => e.Cursor).ToList();
        var hasMore = rows.Count > limit || pages.Any(p => p.HasMore);
        var taken = rows.Take(limit).ToList();
        var next = taken.Count > 0 ? taken[^1].Cursor : afterCursor;
        return new TimelinePage([.. taken.Select(e => JournalEntries.From(e.ConversationId, e.Seq, e.Event))], next, hasMore);
    }

    private ICustomerGrain Customer(string id) => GrainFactory.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, id));

    /// <summary>The acknowledgement from the conversation, or null when it is closed.</summary>
    private async Task<InboundAck?> AppendToAsync(string conversationId, InboundMessage message, string groupedBy)
    {
        var profile = new CustomerProfile(customerId, state.State.ConversationIds.Count, [.. state.State.Addresses.Select(a => a.Channel).Distinct()], state.State.Tier)
        {
            LastAgentId = state.State.LastAgentId,
            GroupedBy = groupedBy,
        };
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
