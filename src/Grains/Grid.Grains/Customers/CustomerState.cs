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

    /// <summary>The customer this one was merged into: its messages are passed on there, reads say where it went.</summary>
    [Id(6)] public string? MergedInto { get; set; }

    /// <summary>The merges this customer took part in, as source or target: who, when and why.</summary>
    [Id(7)] public List<CustomerMerge> Merges { get; set; } = [];

    /// <summary>Customers merged into this one (directly or before that into them): their journal rows are in this timeline.</summary>
    [Id(8)] public List<string> AbsorbedCustomerIds { get; set; } = [];

    /// <summary>The agent who last took one of this customer's conversations (sticky routing).</summary>
    [Id(9)] public string? LastAgentId { get; set; }

    /// <summary>
    /// The customer's open conversations with what grouping needs of each (subject, references, Message-IDs, senders,
    /// last activity). <see cref="OpenConversationId"/> stays the most recently active one.
    /// </summary>
    [Id(10)] public List<OpenConversation> Open { get; set; } = [];

    /// <summary>Conversations merged into another by an agent: messages threaded to the key go to the value.</summary>
    [Id(11)] public Dictionary<string, string> MergedConversations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What the tenant's directory says of this customer (DirectoryService), when it was imported.</summary>
    [Id(12)] public CustomerDirectory.DirectoryProfile? Profile { get; set; }
}
