namespace Grid;

/// <summary>
/// One conversation: its state machine (docs/architecture.md), participants and current channel. The history lives
/// in the journal table as typed events; the grain keeps a snapshot of their fold and the head (last sequence
/// number, last few messages). Calls that change it are not interleaved. Key: tenant/conversationId.
/// </summary>
[Alias("grid.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the inbound pipeline on a customer's message and durably appends it with what the pipeline decided.
    /// Returns <see cref="AppendOutcome.Closed"/> without storing anything when the conversation is closed, and the
    /// original acknowledgement (<see cref="AppendOutcome.Duplicate"/>) for a retry; throws
    /// <see cref="IdempotencyConflictException"/> when the external id was used for another message.
    /// </summary>
    [Alias("AppendInboundAsync")]
    Task<AppendResult> AppendInboundAsync(InboundMessage message, CustomerProfile customer);

    /// <summary>The conversation's current view (for integrators of its tenant).</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<ConversationView> GetAsync();

    /// <summary>Returns true when the conversation has ever received a message (it exists).</summary>
    [ReadOnly]
    [Alias("ExistsAsync")]
    Task<bool> ExistsAsync();

    /// <summary>Journal entries after <paramref name="afterSeq"/>, in order, at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    [Alias("ReadAsync")]
    Task<MessagePage> ReadAsync(long afterSeq, int limit);

    /// <summary>The view, for an agent who may see the conversation; <see cref="RuleCodes.NotFound"/> otherwise.</summary>
    [ReadOnly]
    [Alias("GetForAsync")]
    Task<ConversationView> GetForAsync(Actor actor);

    /// <summary>History for an agent who may see the conversation; <see cref="RuleCodes.NotFound"/> otherwise.</summary>
    [ReadOnly]
    [Alias("ReadForAsync")]
    Task<MessagePage> ReadForAsync(Actor actor, long afterSeq, int limit);

    /// <summary>Called by the queue: offers this conversation to an agent until <paramref name="expiresAt"/> (replaces any earlier offer).</summary>
    [Alias("OfferAsync")]
    Task OfferAsync(string agentId, string offerId, DateTimeOffset expiresAt);

    /// <summary>
    /// Called by the queue when the conversation waits: the customer is told their place and the expected wait
    /// (null: not known yet) — unless it left the queue meanwhile or the same notice went out last.
    /// </summary>
    [Alias("NotifyQueuedAsync")]
    Task NotifyQueuedAsync(int position, TimeSpan? expectedWait);

    /// <summary>Called by the queue when an offer timed out.</summary>
    [Alias("OfferExpiredAsync")]
    Task OfferExpiredAsync(string agentId, string offerId);

    /// <summary>
    /// Called by a queue (without awaiting) when the conversation waited there past its overflow threshold: it moves to
    /// <paramref name="toQueue"/> without the skills named (journaled as an escalation, reason "overflow:&lt;fromQueue&gt;").
    /// Nothing when it no longer waits in <paramref name="fromQueue"/> or is being offered.
    /// </summary>
    [Alias("OverflowAsync")]
    Task OverflowAsync(string fromQueue, string toQueue, IReadOnlyList<string> droppedSkills);

    /// <summary>
    /// Called by an agent grain (without awaiting) when the agent stayed disconnected past the grace period: a
    /// conversation the agent still holds goes back to its queue (journaled as a transfer and an escalation with
    /// <paramref name="reason"/>, "agent-disconnected"). Nothing when someone else holds it now.
    /// </summary>
    [Alias("RequeueAsync")]
    Task RequeueAsync(string agentId, string reason);

    /// <summary>An agent accepts the offer made to them. A retried accept returns the same view.</summary>
    [Alias("AcceptAsync")]
    Task<ConversationView> AcceptAsync(Actor actor);

    /// <summary>An agent declines the offer made to them; the conversation goes back to the queue.</summary>
    [Alias("DeclineAsync")]
    Task DeclineAsync(Actor actor);

    /// <summary>
    /// The assigned agent replies; the reply is journaled and put in the outbox of the customer's current channel
    /// in one transaction. <paramref name="clientMessageId"/> makes the call safe to retry.
    /// </summary>
    [Alias("ReplyAsync")]
    Task<ReplyResult> ReplyAsync(Actor actor, string clientMessageId, string text);

    /// <summary>
    /// Like <see cref="ReplyAsync"/>, on another channel the customer is reachable on (one of
    /// <see cref="GetChannelsAsync"/>); refused with invalid when the customer has no address on it.
    /// </summary>
    [Alias("ReplyOnAsync")]
    Task<ReplyResult> ReplyOnAsync(Actor actor, string clientMessageId, string text, Channel channel);

    /// <summary>The channels the customer is reachable on (their linked addresses), the current one first.</summary>
    [ReadOnly]
    [Alias("GetChannelsAsync")]
    Task<IReadOnlyList<LinkedAddress>> GetChannelsAsync(Actor actor);

    /// <summary>The assigned agent resolves the conversation.</summary>
    [Alias("ResolveAsync")]
    Task ResolveAsync(Actor actor, string? reason);

    /// <summary>The handoff's context package for someone who may see the conversation.</summary>
    [ReadOnly]
    [Alias("GetHandoffContextAsync")]
    Task<HandoffContext> GetHandoffContextAsync(Actor actor);

    /// <summary>An internal note by a participant (never sent to the customer); returns its sequence number. Safe to retry with the same id.</summary>
    [Alias("AddNoteAsync")]
    Task<long> AddNoteAsync(Actor actor, string clientNoteId, string text);

    /// <summary>The assigned agent (or a supervisor) transfers to a queue (null: the current one) or to a named agent, with a note.</summary>
    [Alias("TransferAsync")]
    Task TransferAsync(Actor actor, string? queue, string? toAgent, string? note);

    /// <summary>The assigned agent (or a supervisor) hands the conversation back to the bot; the customer is told.</summary>
    [Alias("HandBackAsync")]
    Task HandBackAsync(Actor actor, string reason);

    /// <summary>The assigned agent invites a consultant (notes; replies to the customer when <paramref name="canReply"/>).</summary>
    [Alias("InviteAsync")]
    Task InviteAsync(Actor actor, string agentId, bool canReply);

    /// <summary>A supervisor joins (sees it live, writes notes).</summary>
    [Alias("JoinAsync")]
    Task<ConversationView> JoinAsync(Actor actor);

    /// <summary>A supervisor takes the conversation over.</summary>
    [Alias("TakeOverAsync")]
    Task<ConversationView> TakeOverAsync(Actor actor);

    /// <summary>
    /// A supervisor watches silently: not a participant, nothing journaled, the customer not told. Their connections get
    /// the conversation's new entries and status updates until <see cref="ConversationWatch.ExpiresAt"/> (watching again
    /// renews it). Held in the activation's memory only: after a deactivation or a silo failure the desk watches again.
    /// </summary>
    [Alias("WatchAsync")]
    Task<ConversationWatch> WatchAsync(Actor actor);

    /// <summary>A supervisor stops watching (nothing happens when they were not watching).</summary>
    [Alias("UnwatchAsync")]
    Task UnwatchAsync(Actor actor);

    /// <summary>The assigned agent or a supervisor closes the conversation for good.</summary>
    [Alias("CloseAsync")]
    Task CloseAsync(Actor actor, string? reason);

    /// <summary>
    /// Appends an incident's push (docs/architecture.md, "Proactive pushes") with its outbox row; a conversation not yet
    /// used becomes <paramref name="customerId"/>'s. <see cref="AppendOutcome.Closed"/> when closed (nothing stored),
    /// <see cref="AppendOutcome.Duplicate"/> with the original when the push was appended before (anywhere).
    /// </summary>
    [Alias("AppendPushAsync")]
    Task<AppendResult> AppendPushAsync(Proactive.ProactivePush push, string customerId);

    /// <summary>
    /// Appends a customer's answer to an actionable push (<c>ActionAnswered</c>, its result on the integrator's outbox) and
    /// the answer to them on their channel, as one unit; <see cref="AppendOutcome.Duplicate"/> when the push was answered
    /// before (anywhere: the journal's idempotency index decides, durably), <see cref="AppendOutcome.Closed"/> when closed.
    /// </summary>
    [Alias("AppendActionAnswerAsync")]
    Task<AppendResult> AppendActionAnswerAsync(Proactive.ActionAnswer answer, string customerId);

    /// <summary>Records a channel event (delivery receipt, call, typing) reported by an integrator.</summary>
    [Alias("RecordChannelEventAsync")]
    Task RecordChannelEventAsync(ChannelEvent channelEvent);

    /// <summary>
    /// The conversation's customer, for the agent holding the conversation (or a supervisor) who is about to link an
    /// address to them or merge another customer into them; refused (<see cref="ConversationRuleException"/>) otherwise.
    /// </summary>
    [ReadOnly]
    [Alias("GetCustomerForChangeAsync")]
    Task<ConversationCustomer> GetCustomerForChangeAsync(Actor actor, string action);

    /// <summary>Journals an address the holder linked to the customer (see <see cref="GetCustomerForChangeAsync"/>); a retry journals it once.</summary>
    [Alias("RecordAddressLinkedAsync")]
    Task RecordAddressLinkedAsync(Actor actor, Channel channel, string address, string? mergedCustomerId);

    /// <summary>Journals a merge of the conversation's customer with another, unless the conversation is closed; a retry journals it once.</summary>
    [Alias("RecordMergeAsync")]
    Task RecordMergeAsync(CustomerMerge merge);

    /// <summary>
    /// Journals facts about who the customer is (an identification confirmed or undone), unless the conversation is closed;
    /// <paramref name="key"/> makes a retry journal them once.
    /// </summary>
    [Alias("RecordIdentityFactsAsync")]
    Task RecordIdentityFactsAsync(IReadOnlyDictionary<string, string> facts, string key);

    /// <summary>
    /// An agent merges this conversation into <paramref name="targetConversationId"/> (docs/architecture.md, "Grouping"):
    /// journals the merge and closes it (a closed one only records the merge). A retry journals nothing more; refused
    /// (<see cref="ConversationRuleException"/>) when it does not exist (not_found) or was merged into another one (invalid).
    /// </summary>
    [Alias("MergeIntoAsync")]
    Task MergeIntoAsync(string targetConversationId, Actor actor);

    /// <summary>
    /// The conversation's customer, for the agent holding it (or a supervisor, or an admin acting as one, in any status
    /// but closed) who is about to merge another conversation into it; refused (<see cref="ConversationRuleException"/>) otherwise.
    /// </summary>
    [ReadOnly]
    [Alias("GetCustomerForRegroupAsync")]
    Task<ConversationCustomer> GetCustomerForRegroupAsync(Actor actor, string action);

    /// <summary>Journals that an agent merged <paramref name="sourceConversationId"/> into this one (its history reads include the source's entries); a retry journals it once.</summary>
    [Alias("RecordMergedFromAsync")]
    Task RecordMergedFromAsync(string sourceConversationId, Actor actor);

    /// <summary>
    /// The agent holding the conversation (or a supervisor) plans to move its customer messages <paramref name="seqs"/>
    /// (empty: every one from <paramref name="fromSeq"/>) into the new conversation <paramref name="targetConversationId"/>.
    /// Refused (<see cref="ConversationRuleException"/>) when not the holder, when a seq is not a customer message of
    /// this conversation or was moved elsewhere, or when no customer message would stay. Changes nothing.
    /// </summary>
    [ReadOnly]
    [Alias("PlanSplitAsync")]
    Task<SplitPlan> PlanSplitAsync(Actor actor, long fromSeq, IReadOnlyList<long> seqs, string targetConversationId);

    /// <summary>
    /// Starts this new conversation with the messages split from <paramref name="sourceConversationId"/> (copies, with
    /// where they came from), waiting in the source's queue for the splitting agent first. A retry journals nothing more.
    /// </summary>
    [Alias("ReceiveSplitAsync")]
    Task ReceiveSplitAsync(string sourceConversationId, SplitPlan plan, Actor actor);

    /// <summary>Journals that the messages <paramref name="seqs"/> moved to <paramref name="targetConversationId"/>; a retry journals it once.</summary>
    [Alias("RecordSplitAsync")]
    Task RecordSplitAsync(string targetConversationId, IReadOnlyList<long> seqs, Actor actor);

    /// <summary>
    /// GDPR erasure or retention: unregisters the conversation's reminders, deletes its stored snapshot (its row) and
    /// deactivates without writing one, so neither memory nor this activation brings the conversation back. The journal's
    /// rows are deleted by the caller (<c>IConversationJournal.EraseAsync</c>).
    /// </summary>
    [Alias("ForgetAsync")]
    Task ForgetAsync();
}
