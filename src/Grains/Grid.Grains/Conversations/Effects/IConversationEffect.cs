using Grid.Conversations.Events;
using Grid.Storage;

namespace Grid.Conversations.Effects;

/// <summary>
/// Reacts to a conversation's committed events (enqueue, push to agents, outbox hints, metrics, reminders). Effects
/// run in registration order, in the conversation grain's turn, after the unit is durable and applied; one failing
/// is logged and does not stop the others (each has its own recovery: queues re-read the table, clients resync
/// from the journal, edges poll the outbox). A new capability is a new effect, not lines in the grain.
/// </summary>
internal interface IConversationEffect
{
    ValueTask OnCommittedAsync(CommittedUnit unit);
}

/// <summary>
/// A committed unit: its events with their sequence numbers, the outbox rows written with them, what the
/// conversation was before and its view after, and the supervisors silently watching it. <see cref="Grain"/> is the conversation grain (for reminders);
/// effects must not call the conversation back (its calls are not interleaved).
/// </summary>
internal sealed record CommittedUnit(
    string Tenant,
    string ConversationId,
    IReadOnlyList<(long Seq, ConversationEvent Event)> Events,
    IReadOnlyList<OutboxRow> Outbound,
    ConversationStatus StatusBefore,
    bool ExistedBefore,
    ConversationView View,
    IGrainFactory Grains,
    IGrainBase Grain,
    string? AssignedBefore = null,
    IReadOnlyList<string>? CollaboratorsBefore = null,
    IReadOnlyList<string>? Watchers = null)
{
    public IAgentGrain Agent(string agentId) => Grains.GetGrain<IAgentGrain>(GridKeys.Of(Tenant, agentId));

    public IQueueGrain Queue(string queue) => Grains.GetGrain<IQueueGrain>(GridKeys.Of(Tenant, queue));
}
