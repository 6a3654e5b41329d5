namespace Grid.Conversations.Events;

/// <summary>Where a message to the customer goes: the integrator, the address and, for email, the reply headers.</summary>
[GenerateSerializer, Immutable, Alias("grid.OutboundDelivery")]
public sealed record OutboundDelivery(
    [property: Id(0)] string Integrator,
    [property: Id(1)] string ToAddress,
    [property: Id(2)] EmailHeaders? Email);
