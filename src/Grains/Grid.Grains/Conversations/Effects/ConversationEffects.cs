using Microsoft.Extensions.Logging;

namespace Grid.Conversations.Effects;

/// <summary>Runs the registered effects in order on a committed unit; a failing effect is logged and counted, the others still run.</summary>
internal sealed class ConversationEffects(IEnumerable<IConversationEffect> effects, ILogger<ConversationEffects> logger)
{
    private readonly IConversationEffect[] effects = [.. effects];

    public async Task RunAsync(CommittedUnit unit)
    {
        foreach (var effect in effects)
        {
            try
            {
                await effect.OnCommittedAsync(unit);
            }
            catch (Exception ex)
            {
                // The unit is durable; each effect has its own recovery (queues re-read the table, clients resync).
                GridMetrics.EffectFailures.WithLabels(effect.GetType().Name).Inc();
                logger.LogWarning(ex, "Effect {Effect} failed for conversation {ConversationId}", effect.GetType().Name, unit.ConversationId);
            }
        }
    }
}
