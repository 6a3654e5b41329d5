namespace Grid.Customers;

[GenerateSerializer, Alias("grid.CustomerState")]
internal sealed class CustomerState
{
    [Id(0)] public DateTimeOffset CreatedAt { get; set; }

    [Id(1)] public List<LinkedAddress> Addresses { get; set; } = [];

    [Id(2)] public string? OpenConversationId { get; set; }

    [Id(3)] public List<string> ConversationIds { get; set; } = [];

    [Id(4)] public Channel LastChannel { get; set; }

    /// <summary>The customer's tier ("platinum"…), set by an admin; the tenant's escalation policy says what it means.</summary>
    [Id(5)] public string? Tier { get; set; }
}
