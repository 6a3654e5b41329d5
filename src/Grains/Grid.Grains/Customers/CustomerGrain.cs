using Grid.Conversations;
using Grid.Storage;
using Grid.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Customers;

/// <summary>A customer: collected after 10 idle minutes (customers write rarely; a busy one stays).</summary>
[CollectionAgeLimit(Minutes = 10)]
internal sealed class CustomerGrain(
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

    public async Task ConversationClosedAsync(string conversationId)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).ConversationClosedAsync(conversationId);
            return;
        }

        if (Forget(conversationId))
        {
            await state.WriteOrDeactivateAsync(this);
        }
    }

    public async Task<bool> ConversationMergedAsync(string conversationId, string intoConversationId)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            return await Customer(mergedInto).ConversationMergedAsync(conversationId, intoConversationId);
        }

        if (!state.State.ConversationIds.Contains(conversationId) || !state.State.ConversationIds.Contains(intoConversationId))
        {
            return false;
        }

        if (state.State.MergedConversations.TryGetValue(conversationId, out var already) && already == intoConversationId)
        {
            return true;
        }

        ListOpen();
        state.State.MergedConversations[conversationId] = intoConversationId;
        if (state.State.Open.Find(c => c.Id == conversationId) is { } merged)
        {
            var into = Summary(intoConversationId, merged.OpenedAt);
            ConversationGrouping.Absorb(into, merged);
        }

        Forget(conversationId);
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId}: conversation {ConversationId} merged into {TargetConversationId}", customerId, conversationId, intoConversationId);
        return true;
    }

    public async Task<bool> ConversationSplitAsync(string conversationId, string newConversationId, IReadOnlyList<string> movedMessageIds, IReadOnlyList<string> movedReferences,
        string? subject)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            return await Customer(mergedInto).ConversationSplitAsync(conversationId, newConversationId, movedMessageIds, movedReferences, subject);
        }

        if (!state.State.ConversationIds.Contains(conversationId))
        {
            return false;
        }

        if (state.State.ConversationIds.Contains(newConversationId))
        {
            return true; // a retry: recorded already
        }

        ListOpen();
        var now = clock.GetUtcNow();
        state.State.ConversationIds.Add(newConversationId);
        var split = new OpenConversation
        {
            Id = newConversationId,
            Subject = ConversationGrouping.NormaliseSubject(subject),
            OpenedAt = now,
            LastActivityAt = now,
        };
        split.References.AddRange(movedReferences.Take(ConversationGrouping.MaxReferences));
        split.MessageIds.AddRange(movedMessageIds.TakeLast(ConversationGrouping.MaxMessageIds));
        if (state.State.Open.Find(c => c.Id == conversationId) is { } source)
        {
            // The moved emails' Message-IDs thread to the new conversation from now on; references found only there go too.
            source.MessageIds.RemoveAll(movedMessageIds.Contains);
            source.References.RemoveAll(movedReferences.Contains);
            split.Senders.AddRange(source.Senders);
        }

        state.State.Open.Add(split);
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId}: conversation {ConversationId} split into {NewConversationId}", customerId, conversationId, newConversationId);
        return true;
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

    public async Task ApplyDirectoryAsync(CustomerDirectory.DirectoryProfile profile)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).ApplyDirectoryAsync(profile);
            return;
        }

        var known = state.State.Profile;
        if (state.RecordExists && known is not null && known.DisplayName == profile.DisplayName && known.AccountNumber == profile.AccountNumber
            && known.Tier == profile.Tier && known.Language == profile.Language && known.Tags.SequenceEqual(profile.Tags) && state.State.Tier == profile.Tier)
        {
            return;
        }

        if (!state.RecordExists)
        {
            state.State.CreatedAt = clock.GetUtcNow();
        }

        state.State.Profile = profile;
        state.State.Tier = profile.Tier;
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId} updated from the directory", customerId);
    }

    public async Task RemoveAddressAsync(Channel channel, string address)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).RemoveAddressAsync(channel, address);
            return;
        }

        var kind = Addresses.KindOf(channel);
        if (state.State.Addresses.RemoveAll(a => Addresses.KindOf(a.Channel) == kind && a.Address == address) > 0)
        {
            await state.WriteOrDeactivateAsync(this);
            logger.LogInformation("Customer {CustomerId} unlinked from a {Channel} address", customerId, channel);
        }
    }

    public async Task AddAddressAsync(LinkedAddress address)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            await Customer(mergedInto).AddAddressAsync(address);
            return;
        }

        if (state.State.Addresses.Any(a => a.Channel == address.Channel && a.Address == address.Address))
        {
            return;
        }

        state.State.Addresses.Add(address);
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId} linked to a {Channel} address", customerId, address.Channel);
    }

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

    public async Task<MergedCustomer> MarkMergedAsync(CustomerMerge merge)
    {
        if (!state.RecordExists)
        {
            DeactivateOnIdle();
            throw new Escalation.PolicyRuleException(Escalation.PolicyRuleException.NotFound, $"customer '{customerId}' not found in this tenant", "source_customer_id");
        }

        if (state.State.MergedInto is { } mergedInto)
        {
            if (mergedInto != merge.TargetCustomerId)
            {
                throw new Escalation.PolicyRuleException(Escalation.PolicyRuleException.Invalid,
                    $"customer '{customerId}' was merged into '{mergedInto}' already; merge '{mergedInto}' instead", "source_customer_id");
            }

            // A retry: hand over the same, under the first merge's record.
            return Handover(state.State.Merges.Last(m => m.SourceCustomerId == customerId));
        }

        state.State.MergedInto = merge.TargetCustomerId;
        state.State.Merges.Add(merge);
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId} merged into {TargetCustomerId} by {By}", customerId, merge.TargetCustomerId, merge.By);
        return Handover(merge);
    }

    public async Task AbsorbAsync(MergedCustomer merged)
    {
        if (state.State.MergedInto is { } mergedInto)
        {
            // This customer was itself merged on since the merge into it began: its successor takes the source in.
            await Customer(mergedInto).AbsorbAsync(merged);
            return;
        }

        if (state.State.Merges.Any(m => m.SourceCustomerId == merged.Merge.SourceCustomerId && m.TargetCustomerId == merged.Merge.TargetCustomerId))
        {
            return;
        }

        foreach (var address in merged.Addresses.Where(a => !state.State.Addresses.Any(b => b.Channel == a.Channel && b.Address == a.Address)))
        {
            state.State.Addresses.Add(address);
        }

        state.State.ConversationIds.AddRange(merged.ConversationIds.Where(id => !state.State.ConversationIds.Contains(id)));
        state.State.AbsorbedCustomerIds.AddRange(merged.CustomerIds.Where(id => id != customerId && !state.State.AbsorbedCustomerIds.Contains(id)));

        // One open conversation per customer: the target keeps its own; without one, the source's becomes it. A source's
        // conversation left open stays open under its id and is listed here.
        state.State.OpenConversationId ??= merged.OpenConversationId;
        ListOpen();
        foreach (var open in merged.OpenConversationIds.Append(merged.OpenConversationId).OfType<string>().Distinct())
        {
            Summary(open, merged.Merge.At);
        }

        state.State.Merges.Add(merged.Merge);
        await state.WriteOrDeactivateAsync(this);
        logger.LogInformation("Customer {CustomerId} took in customer {SourceCustomerId}", customerId, merged.Merge.SourceCustomerId);
    }

    private MergedCustomer Handover(CustomerMerge merge) => new(
        merge,
        [customerId, .. state.State.AbsorbedCustomerIds],
        [.. state.State.Addresses],
        [.. state.State.ConversationIds],
        state.State.OpenConversationId)
    {
        OpenConversationIds = OpenIds(),
    };

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

    /// <summary>Open conversations, the most recently active first.</summary>
    private List<string> OpenIds() => [.. state.State.Open.OrderByDescending(c => c.LastActivityAt).Select(c => c.Id)];

    /// <summary>
    /// Lists the open conversation of a state written before the open list existed (or taken in by a merge). True when
    /// the list changed.
    /// </summary>
    private bool ListOpen()
    {
        if (state.State.OpenConversationId is { } open && !state.State.Open.Exists(c => c.Id == open))
        {
            Summary(open, state.State.CreatedAt);
            return true;
        }

        return false;
    }

    /// <summary>The summary of an open conversation, added when missing (at most <see cref="ConversationGrouping.MaxOpen"/>: the least active leaves).</summary>
    private OpenConversation Summary(string conversationId, DateTimeOffset since)
    {
        if (state.State.Open.Find(c => c.Id == conversationId) is { } known)
        {
            return known;
        }

        var added = new OpenConversation { Id = conversationId, OpenedAt = since, LastActivityAt = since };
        state.State.Open.Add(added);
        if (state.State.Open.Count > ConversationGrouping.MaxOpen)
        {
            state.State.Open.Remove(state.State.Open.Where(c => c != added).MinBy(c => c.LastActivityAt)!);
        }

        return added;
    }

    /// <summary>Records a message in its conversation's summary, which becomes the most recent open one. True when something to persist changed.</summary>
    private bool RecordIn(string conversationId, GroupingMessage message, string sender, DateTimeOffset now)
    {
        var summary = Summary(conversationId, now);
        var before = (summary.Subject, summary.References.Count, summary.MessageIds.Count, summary.Senders.Count, Last: summary.MessageIds.LastOrDefault());
        ConversationGrouping.Record(summary, message, sender, now);
        var changed = before != (summary.Subject, summary.References.Count, summary.MessageIds.Count, summary.Senders.Count, summary.MessageIds.LastOrDefault())
            || state.State.OpenConversationId != conversationId;
        state.State.OpenConversationId = conversationId;
        return changed;
    }

    /// <summary>A conversation closed or merged away leaves the open list; the most recently active remaining one becomes the open one.</summary>
    private bool Forget(string conversationId)
    {
        var removed = state.State.Open.RemoveAll(c => c.Id == conversationId) > 0;
        if (state.State.OpenConversationId == conversationId)
        {
            state.State.OpenConversationId = state.State.Open.MaxBy(c => c.LastActivityAt)?.Id;
            return true;
        }

        return removed;
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
