using Grid.Conversations.Events;
using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Conversations;

/// <summary>
/// The people working on a conversation (docs/architecture.md, "Handoffs"): notes, transfers, handing back to the
/// bot, consultants, supervisors, closing, and the handoff's context package.
/// </summary>
internal sealed partial class ConversationGrain
{
    /// <summary>How much of the transcript a context package carries (the rest is paged with GetHistory).</summary>
    private const int ContextTranscript = 500;

    /// <summary>How many earlier conversations of the customer a context package describes.</summary>
    private const int ContextPastConversations = 10;

    public async Task<HandoffContext> GetHandoffContextAsync(Actor actor)
    {
        EnsureVisible(actor);
        var transcript = new List<JournalEntry>();
        var attempts = new List<BotAttempt>();
        (string Reason, DateTimeOffset At)? escalation = null;
        long after = 0;
        var truncated = false;
        while (true)
        {
            var page = await journal.ReadAsync(tenant, conversationId, after, 500);
            foreach (var stored in page.Events)
            {
                switch (stored.Event)
                {
                    case BotAnswered bot:
                        attempts.Add(new BotAttempt(stored.Seq, bot.At, bot.EntryId, bot.Confidence, bot.Purpose));
                        break;
                    case Escalated escalated:
                        escalation = (escalated.Reason, escalated.At);
                        break;
                }

                if (JournalEntries.IsMessage(stored.Event) || JournalEntries.IsCustomerChange(stored.Event))
                {
                    transcript.Add(JournalEntries.From(conversationId, stored.Seq, stored.Event));
                }
            }

            after = page.Next;
            if (!page.HasMore)
            {
                break;
            }
        }

        if (S.MergedFrom.Count > 0)
        {
            transcript.InsertRange(0, await MergedEntriesAsync(e => JournalEntries.IsMessage(e) || JournalEntries.IsCustomerChange(e)));
        }

        if (transcript.Count > ContextTranscript)
        {
            transcript.RemoveRange(0, transcript.Count - ContextTranscript);
            truncated = true;
        }

        return new HandoffContext(View(), transcript, truncated, attempts, escalation?.Reason, escalation?.At, S.Priority, S.TransferNote,
            await CustomerContextAsync());
    }

    public async Task<ReplyResult> ReplyOnAsync(Actor actor, string clientMessageId, string text, Channel channel)
    {
        ConversationAccess.EnsureMayReply(S, actor, conversationId);
        var addresses = await AddressesAsync();
        var address = addresses.FirstOrDefault(a => a.Channel == channel)
            ?? throw new ConversationRuleException(RuleCodes.Invalid,
                $"The customer has no address on {channel}; they are reachable on {string.Join(", ", addresses.Select(a => a.Channel).Distinct())}.");
        var seq = await CommitKeyedAsync(ConversationDecider.Reply(S, actor, conversationId, clientMessageId, text, clock.GetUtcNow(), address));
        return new ReplyResult(seq, OutboundIds.Format(conversationId, seq));
    }

    public async Task<IReadOnlyList<LinkedAddress>> GetChannelsAsync(Actor actor)
    {
        EnsureVisible(actor);
        return [.. (await AddressesAsync()).OrderBy(a => a.Channel == S.CurrentChannel ? 0 : 1).ThenByDescending(a => a.LastSeenAt)];
    }

    /// <summary>The customer's addresses, the most recently seen first per channel.</summary>
    private async Task<IReadOnlyList<LinkedAddress>> AddressesAsync()
    {
        var customer = await CustomerAsync();
        return [.. (customer?.Addresses ?? []).OrderByDescending(a => a.LastSeenAt)];
    }

    public async Task NotifyQueuedAsync(int position, TimeSpan? expectedWait)
    {
        if (S.Status != ConversationStatus.Queued)
        {
            return;
        }

        var policy = await PolicyAsync();
        var now = clock.GetUtcNow();
        if (policy.Quiet?.IsQuiet(now) == true)
        {
            return; // not an urgent update: the acknowledgement said a person will answer, and status updates resume after the quiet hours
        }

        var text = CustomerNotices.QueuePosition(S.Language ?? Options.DefaultLanguage, position, expectedWait, policy.Wording);
        if (CustomerNotices.RepeatsLast(S, text))
        {
            return; // never the same notice twice in a row
        }

        if (CustomerNotices.To(S, text, NoticePurposes.QueuePosition, now) is { } notice)
        {
            await CommitAsync([new JournalRow(notice)]);
        }
    }

    public Task<long> AddNoteAsync(Actor actor, string clientNoteId, string text) =>
        CommitKeyedAsync(ConversationDecider.Note(S, actor, conversationId, clientNoteId, text, clock.GetUtcNow()));

    public async Task TransferAsync(Actor actor, string? queue, string? toAgent, string? note)
    {
        await CommitAsync(Rows(ConversationDecider.Transfer(S, actor, conversationId, queue, toAgent, note, clock.GetUtcNow())));
        logger.LogInformation("Conversation {ConversationId} transferred by {AgentId} to queue {Queue}", conversationId, actor.AgentId, S.Queue);
    }

    public async Task HandBackAsync(Actor actor, string reason)
    {
        var text = CustomerNotices.HandedBack(S.Language ?? Options.DefaultLanguage, (await PolicyAsync()).Wording);
        await CommitAsync(Rows(ConversationDecider.HandBack(S, actor, conversationId, reason, text, clock.GetUtcNow())));
        logger.LogInformation("Conversation {ConversationId} handed back to the bot by {AgentId}", conversationId, actor.AgentId);
    }

    public Task InviteAsync(Actor actor, string agentId, bool canReply) =>
        CommitAsync(Rows(ConversationDecider.Invite(S, actor, conversationId, agentId, canReply, clock.GetUtcNow())));

    public async Task<ConversationView> JoinAsync(Actor actor)
    {
        await CommitAsync(Rows(ConversationDecider.Join(S, actor, conversationId, clock.GetUtcNow())));
        return View();
    }

    public async Task<ConversationView> TakeOverAsync(Actor actor)
    {
        await CommitAsync(Rows(ConversationDecider.TakeOver(S, actor, conversationId, clock.GetUtcNow())));
        logger.LogInformation("Conversation {ConversationId} taken over by supervisor {AgentId}", conversationId, actor.AgentId);
        return View();
    }

    public async Task CloseAsync(Actor actor, string? reason)
    {
        await CommitAsync(Rows(ConversationDecider.CloseBy(S, actor, conversationId, reason, clock.GetUtcNow())));
    }

    private async Task<CustomerContext?> CustomerContextAsync()
    {
        if (await CustomerAsync() is not { } customer)
        {
            return null;
        }

        var past = new List<PastConversation>();
        foreach (var id in customer.ConversationIds.Where(c => c != conversationId).Reverse().Take(ContextPastConversations))
        {
            var view = await GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, id)).GetAsync();
            past.Add(new PastConversation(id, view.Status, view.StatusReason, view.OpenedAt, view.ResolvedAt, view.Csat));
        }

        return new CustomerContext(customer.CustomerId, customer.Tier, customer.Addresses, past, customer.ConversationIds.Count,
            customer.Profile?.DisplayName, customer.Profile?.AccountNumber);
    }
}
