namespace Grid.Conversations.Events;

/// <summary>
/// The customer answered an actionable push through its link (docs/architecture.md, "Actionable pushes"): the choice
/// <see cref="ChoiceId"/> (<see cref="ChoiceLabel"/> as they saw it, in <see cref="Language"/>) of the action of incident
/// <see cref="IncidentId"/>'s message <see cref="MessageNo"/>. Its outbox row is the result for the tenant's system
/// (<see cref="Delivery"/>'s integrator; no address: not a message to send); the answer to the customer is a
/// <see cref="CustomerNotified"/> of the same unit.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.ActionAnswered")]
public sealed record ActionAnswered(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] int MessageNo,
    [property: Id(2)] string Kind,
    [property: Id(3)] string ChoiceId,
    [property: Id(4)] string ChoiceLabel,
    [property: Id(5)] string Language,
    [property: Id(6)] string CustomerId,
    [property: Id(7)] OutboundDelivery Delivery) : ConversationEvent;
