using Grid.Conversations.Effects;
using Grid.Conversations.Events;
using Grid.Hosting;
using Grid.Pipeline;
using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Conversations;

/// <summary>The agent's side of the conversation: offers, acceptance and decline, requeue, replies and resolution.</summary>
internal sealed partial class ConversationGrain
{
    public async Task OfferAsync(string agentId, string offerId, DateTimeOffset expiresAt)
    {
        var events = ConversationDecider.Offer(S, agentId, offerId, expiresAt, clock.GetUtcNow());
        if (events.Length == 0 && S.Status is not (ConversationStatus.Queued or ConversationStatus.Offered))
        {
            // The queue holds a stale entry (a removal was lost): tell it again. The queue never awaits us.
            await GrainFactory.GetGrain<IQueueGrain>(GridKeys.Of(tenant, S.Queue)).RemoveAsync(conversationId);
            return;
        }

        await CommitAsync(Rows(events));
    }

    public Task OfferExpiredAsync(string agentId, string offerId) =>
        CommitAsync(Rows(ConversationDecider.OfferExpired(S, agentId, offerId, clock.GetUtcNow())));

    public Task OverflowAsync(string fromQueue, string toQueue, IReadOnlyList<string> droppedSkills) =>
        CommitAsync(Rows(ConversationDecider.Overflow(S, fromQueue, toQueue, droppedSkills, clock.GetUtcNow())));

    public async Task RequeueAsync(string agentId, string reason)
    {
        var events = ConversationDecider.Requeue(S, agentId, reason, clock.GetUtcNow());
        await CommitAsync(Rows(events));
        if (events.Length > 0)
        {
            logger.LogInformation("Conversation {ConversationId} went back to queue {Queue}: {Reason}", conversationId, S.Queue, reason);
        }
    }

    public async Task<ConversationView> AcceptAsync(Actor actor)
    {
        await CommitAsync(Rows(ConversationDecider.Accept(S, actor, conversationId, clock.GetUtcNow(), (await PolicyAsync()).Wording)));
        logger.LogInformation("Conversation {ConversationId} accepted by agent {AgentId}", conversationId, actor.AgentId);
        return View();
    }

    public Task DeclineAsync(Actor actor) => CommitAsync(Rows(ConversationDecider.Decline(S, actor, conversationId, clock.GetUtcNow())));

    public async Task<ReplyResult> ReplyAsync(Actor actor, string clientMessageId, string text)
    {
        var seq = await CommitKeyedAsync(ConversationDecider.Reply(S, actor, conversationId, clientMessageId, text, clock.GetUtcNow()));
        return new ReplyResult(seq, OutboundIds.Format(conversationId, seq));
    }

    public async Task ResolveAsync(Actor actor, string? reason)
    {
        await CommitAsync(Rows(ConversationDecider.Resolve(S, actor, conversationId, reason, clock.GetUtcNow(), (await PolicyAsync()).Wording)));
        logger.LogInformation("Conversation {ConversationId} resolved by agent {AgentId}", conversationId, actor.AgentId);
    }
}
