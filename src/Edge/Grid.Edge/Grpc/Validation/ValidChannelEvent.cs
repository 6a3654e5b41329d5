using Grid.Edge.Auth;

namespace Grid.Edge.Grpc.Validation;

/// <summary>
/// A PostChannelEvent request that passed <see cref="ChannelEventValidator"/>: a delivery receipt (with
/// <see cref="OutboundId"/> and <see cref="ConversationId"/>) or a call or typing event (with <see cref="Channel"/>
/// and the normalised <see cref="Sender"/>). <c>At</c> is when it happened, if the integrator said.
/// </summary>
public sealed record ValidChannelEvent(ChannelEventType Type, string ExternalId, string? Detail, DateTimeOffset? At)
{
    /// <summary>Receipts: the outbound message the receipt is about.</summary>
    public string? OutboundId { get; init; }

    /// <summary>Receipts: the conversation part of <see cref="OutboundId"/>; empty when it has none (no such message).</summary>
    public string ConversationId { get; init; } = "";

    /// <summary>Calls and typing: the channel.</summary>
    public Channel Channel { get; init; } = Channel.Unspecified;

    /// <summary>Calls and typing: the customer's address, normalised.</summary>
    public string? Sender { get; init; }

    /// <summary>The event handed to the grains, for <paramref name="integrator"/>; <paramref name="now"/> when the integrator did not say when.</summary>
    public ChannelEvent ToEvent(IntegratorIdentity integrator, DateTimeOffset now) =>
        new(integrator.Tenant, integrator.Name, Type, ExternalId, OutboundId, Channel, At ?? now, Detail, Sender);
}
