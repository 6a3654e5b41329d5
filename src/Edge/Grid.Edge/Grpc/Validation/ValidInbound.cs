using Grid.Edge.Auth;

namespace Grid.Edge.Grpc.Validation;

/// <summary>
/// A PostInbound request that passed <see cref="PostInboundValidator"/>: every field checked, <c>Sender</c> normalised for
/// its address kind (what identities are keyed on), <c>SentAt</c> as the integrator said (if it did), and the
/// <see cref="PostInboundValidator.PayloadHash"/> that tells a retry from a conflict.
/// </summary>
public sealed record ValidInbound(
    Channel Channel,
    AddressKind Kind,
    string Sender,
    string ExternalId,
    DateTimeOffset? SentAt,
    string Text,
    EmailHeaders? Email,
    IReadOnlyList<Attachment> Attachments,
    IReadOnlyDictionary<string, string> Metadata,
    string PayloadHash,
    CallbackRequest? Callback = null)
{
    /// <summary>The message handed to the customer grain, for <paramref name="integrator"/>, received at <paramref name="receivedAt"/>.</summary>
    public InboundMessage ToMessage(IntegratorIdentity integrator, DateTimeOffset receivedAt) => new(
        integrator.Tenant, integrator.Name, Channel, Sender, ExternalId, SentAt ?? receivedAt, Text, Email, Attachments, Metadata, receivedAt, PayloadHash, Callback);
}
