using Microsoft.Extensions.Logging;

namespace Grid.Conversations;

/// <summary>
/// Supervisors watching a conversation silently (docs/architecture.md, "Handoffs"): not participants, nothing
/// journaled, the customer not told. Watchers live in this activation's memory with an expiry, like observer
/// subscriptions: a desk renews its watch by watching again, and watches again after a reconnect, because a watch does
/// not survive the conversation's deactivation or the loss of its silo.
/// </summary>
internal sealed partial class ConversationGrain
{
    /// <summary>How long a watch lasts unless renewed.</summary>
    private static readonly TimeSpan WatchFor = TimeSpan.FromMinutes(10);

    /// <summary>Watching supervisors' agent ids and when their watch lapses.</summary>
    private readonly Dictionary<string, DateTimeOffset> watchers = new(StringComparer.Ordinal);

    public async Task<ConversationWatch> WatchAsync(Actor actor)
    {
        EnsureVisible(actor);
        ConversationAccess.EnsureSupervisor(S, actor, conversationId, "watch a conversation");
        var context = await GetHandoffContextAsync(actor);
        var expiresAt = clock.GetUtcNow() + WatchFor;
        watchers[actor.AgentId] = expiresAt;

        // Idle activations are collected; one that someone watches stays while the watch lasts.
        DelayDeactivation(WatchFor);
        logger.LogInformation("Conversation {ConversationId} watched by supervisor {AgentId}", conversationId, actor.AgentId);
        return new ConversationWatch(context, expiresAt);
    }

    public Task UnwatchAsync(Actor actor)
    {
        EnsureVisible(actor);
        ConversationAccess.EnsureSupervisor(S, actor, conversationId, "watch a conversation");
        if (watchers.Remove(actor.AgentId))
        {
            logger.LogInformation("Conversation {ConversationId} no longer watched by supervisor {AgentId}", conversationId, actor.AgentId);
        }

        return Task.CompletedTask;
    }

    /// <summary>The supervisors whose watch has not lapsed (lapsed ones are dropped).</summary>
    private IReadOnlyList<string> Watchers()
    {
        if (watchers.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        foreach (var (agentId, expiresAt) in watchers.Where(w => w.Value <= now).ToList())
        {
            watchers.Remove(agentId);
        }

        return [.. watchers.Keys];
    }
}
