namespace Grid.Identity;

[GenerateSerializer, Alias("grid.IdentityState")]
internal sealed class IdentityState
{
    [Id(0)] public string? CustomerId { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
}
