namespace Grid.Routing;

/// <summary>
/// A tenant's rule putting an escalated conversation in a queue. Every condition set must hold (null: any); the rules are
/// tried in order and the first that matches wins; with none, the escalation policy's queue.
/// </summary>
/// <param name="Queue">The queue it goes to.</param>
/// <param name="Channel">The channel the customer wrote on.</param>
/// <param name="Language">The conversation's language.</param>
/// <param name="CustomerTier">The customer's tier (the customer's tag set by EscalationService.SetCustomerTier).</param>
/// <param name="FactKey">A fact set by a pipeline step (a flow's slot "flow.order", "category" later) ...</param>
/// <param name="FactValue">... and its value (null: the fact set to anything).</param>
[GenerateSerializer, Immutable, Alias("grid.EntryRule")]
public sealed record EntryRule(
    [property: Id(0)] string Queue,
    [property: Id(1)] Channel? Channel = null,
    [property: Id(2)] string? Language = null,
    [property: Id(3)] string? CustomerTier = null,
    [property: Id(4)] string? FactKey = null,
    [property: Id(5)] string? FactValue = null);
