namespace Grid.Conversations.Events;

/// <summary>
/// The customer <see cref="SourceCustomerId"/> was merged into <see cref="TargetCustomerId"/> (both histories kept,
/// new messages go to the target), by <see cref="By"/> ("admin:&lt;integrator&gt;" or "agent:&lt;id&gt;") for
/// <see cref="Reason"/>. Journaled in the open conversations of both customers.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.CustomersMerged")]
public sealed record CustomersMerged(
    [property: Id(0)] string SourceCustomerId,
    [property: Id(1)] string TargetCustomerId,
    [property: Id(2)] string By,
    [property: Id(3)] string Reason) : ConversationEvent;
