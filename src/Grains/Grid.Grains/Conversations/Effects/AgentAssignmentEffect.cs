using Grid.Conversations.Events;

namespace Grid.Conversations.Effects;

/// <summary>
/// Keeps agents' assigned conversations (their capacity) in step with the conversation: an accept or a take-over
/// assigns it; a resolution, a transfer, a hand-back to the bot, a take-over and a close release it from the agent
/// who held it.
/// </summary>
internal sealed class AgentAssignmentEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        foreach (var (_, e) in unit.Events)
        {
            switch (e)
            {
                case Accepted accepted:
                    await unit.Agent(accepted.AgentId).AssignAsync(unit.ConversationId, unit.View.CurrentChannel);
                    break;
                case Resolved { AgentId: { } agent }:
                    await unit.Agent(agent).ReleaseAsync(unit.ConversationId);
                    break;
                case TakenOver takenOver:
                    await ReleaseHolderAsync(unit);
                    await unit.Agent(takenOver.SupervisorId).AssignAsync(unit.ConversationId, unit.View.CurrentChannel);
                    break;
                case Transferred or HandedBack or Closed:
                    await ReleaseHolderAsync(unit);
                    break;
            }
        }
    }

    private static async Task ReleaseHolderAsync(CommittedUnit unit)
    {
        if (unit.AssignedBefore is { } holder && unit.View.AssignedAgent != holder)
        {
            await unit.Agent(holder).ReleaseAsync(unit.ConversationId);
        }
    }
}
