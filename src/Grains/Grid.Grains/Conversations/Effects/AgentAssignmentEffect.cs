using Grid.Conversations.Events;

namespace Grid.Conversations.Effects;

/// <summary>Keeps agents' assigned conversations (their capacity) in step with accepts and resolutions.</summary>
internal sealed class AgentAssignmentEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        foreach (var (_, e) in unit.Events)
        {
            switch (e)
            {
                case Accepted accepted:
                    await unit.Agent(accepted.AgentId).AssignAsync(unit.ConversationId);
                    break;
                case Resolved { AgentId: { } agent }:
                    await unit.Agent(agent).ReleaseAsync(unit.ConversationId);
                    break;
            }
        }
    }
}
