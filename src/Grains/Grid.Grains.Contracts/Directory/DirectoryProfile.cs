namespace Grid.CustomerDirectory;

/// <summary>What the customer grain keeps of its directory record: who it is for agents, and its tier.</summary>
[GenerateSerializer, Immutable, Alias("grid.DirectoryProfile")]
public sealed record DirectoryProfile(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string? AccountNumber,
    [property: Id(2)] string? Tier,
    [property: Id(3)] IReadOnlyList<string> Tags,
    [property: Id(4)] string? Language)
{
    public static DirectoryProfile Of(DirectoryCustomer customer) =>
        new(customer.DisplayName, customer.AccountNumber, customer.Tier, customer.Tags, customer.Language);
}
