namespace Grid;

/// <summary>
/// The customer of a conversation whose holder may change the customer's identity (link an address, merge): the
/// customer's id and the integrator the conversation's replies go through.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ConversationCustomer")]
public sealed record ConversationCustomer(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string? Integrator);
