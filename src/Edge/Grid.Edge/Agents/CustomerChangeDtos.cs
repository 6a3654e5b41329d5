namespace Grid.Edge.Agents;

/// <summary>
/// An address linked by <see cref="AgentHub.LinkAddress"/>: as stored (normalised), and the customer merged into the
/// conversation's customer when the address was theirs.
/// </summary>
public sealed record AddressLinkDto(string Channel, string Address, string? MergedCustomerId);

/// <summary>A merge of two customers (<see cref="AgentHub.MergeCustomer"/>): who was merged into whom, by whom, when, why.</summary>
public sealed record CustomerMergeDto(string SourceCustomerId, string TargetCustomerId, string MergedBy, DateTimeOffset MergedAt, string Reason)
{
    public static CustomerMergeDto From(CustomerMerge m) => new(m.SourceCustomerId, m.TargetCustomerId, m.By, m.At, m.Reason);
}
