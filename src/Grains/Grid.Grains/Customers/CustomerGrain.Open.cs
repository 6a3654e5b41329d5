using Microsoft.Extensions.Logging;

namespace Grid.Customers;

/// <summary>The customer's open conversations (docs/architecture.md, "Grouping"): closed, merged and split ones leave or change the list, and what grouping keeps of each.</summary>
internal sealed partial class CustomerGrain
{
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
}
