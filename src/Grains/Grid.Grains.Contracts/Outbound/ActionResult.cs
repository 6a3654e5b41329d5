namespace Grid;

/// <summary>
/// A customer's answer to an actionable push, delivered to the tenant's system on its outbound stream
/// (<see cref="OutboundMessage.Action"/>; outbound.proto's <c>action_result</c>): an event for the integrator to act on
/// (update the order, the repair ticket), not a message to send to anyone.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ActionResult")]
public sealed record ActionResult(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] int MessageNo,
    [property: Id(2)] string ActionId,
    [property: Id(3)] string Kind,
    [property: Id(4)] string ChoiceId,
    [property: Id(5)] string ChoiceLabel,
    [property: Id(6)] string Language);
