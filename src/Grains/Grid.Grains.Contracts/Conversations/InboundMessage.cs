namespace Grid;

/// <summary>A message a customer sent, as posted by an integrator and validated by the edge.</summary>
[GenerateSerializer, Immutable, Alias("grid.InboundMessage")]
public sealed record InboundMessage(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string Integrator,
    [property: Id(2)] Channel Channel,
    [property: Id(3)] string SenderAddress,
    [property: Id(4)] string ExternalId,
    [property: Id(5)] DateTimeOffset SentAt,
    [property: Id(6)] string Text,
    [property: Id(7)] EmailHeaders? Email,
    [property: Id(8)] IReadOnlyList<Attachment> Attachments,
    [property: Id(9)] IReadOnlyDictionary<string, string> Metadata,
    [property: Id(10)] DateTimeOffset ReceivedAt,
    [property: Id(11)] string PayloadHash,
    [property: Id(12)] CallbackRequest? Callback = null)
{
    /// <summary>
    /// Who the first message of an address Grid did not know identifies (set by the ingest grain from its content, see
    /// docs/triage.md): confident matches were linked, the others are suggestions; the "identify" step journals it as facts.
    /// </summary>
    [Id(20)] public CustomerDirectory.CustomerIdentification? Identification { get; init; }

    /// <summary>
    /// Canonical references (invoice, contract, order numbers) the tenant's patterns find in the message, set by the
    /// ingest grain: grouping joins a message to an open conversation holding one of them. Not part of the payload hash.
    /// </summary>
    [Id(13)] public IReadOnlyList<string> References { get; init; } = [];
}

/// <summary>
/// The customer asked to be called back (a web callback form): at <see cref="At"/> (null: as soon as people answer), on
/// <see cref="Number"/> (E.164; null: the number Grid knows for the customer).
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.CallbackRequest")]
public sealed record CallbackRequest(
    [property: Id(0)] DateTimeOffset? At,
    [property: Id(1)] string? Number);
