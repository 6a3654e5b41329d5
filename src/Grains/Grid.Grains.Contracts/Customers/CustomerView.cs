namespace Grid;

/// <summary>
/// What a reader sees of a customer. <see cref="MergedInto"/> names the customer this one was merged into (its
/// addresses and conversations are there now); <see cref="Merges"/> are the merges this customer took part in.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.CustomerView")]
public sealed record CustomerView(
    [property: Id(0)] string Tenant,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] IReadOnlyList<LinkedAddress> Addresses,
    [property: Id(3)] string? OpenConversationId,
    [property: Id(4)] IReadOnlyList<string> ConversationIds,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] Channel LastChannel,
    [property: Id(7)] string? Tier = null,
    [property: Id(8)] string? MergedInto = null,
    [property: Id(9)] IReadOnlyList<CustomerMerge>? Merges = null,
    [property: Id(10)] CustomerDirectory.DirectoryProfile? Profile = null)
{
    /// <summary>
    /// Every open conversation of the customer (several problems at once), the most recently active first;
    /// <see cref="OpenConversationId"/> is the first of them.
    /// </summary>
    [Id(11)] public IReadOnlyList<string> OpenConversationIds { get; init; } = [];
}
