using Grid.Edge.Auth;

namespace Grid.Tests.EdgeUnits;

/// <summary>Ids that start grain keys are whole lowercase slugs: a trailing line break is not one.</summary>
public sealed class TenantIdTests
{
    [Theory]
    [InlineData("demo", true)]
    [InlineData("front-desk.2", true)]
    [InlineData("gold\n", false)]
    [InlineData("Gold", false)]
    [InlineData("", false)]
    [InlineData("-x", false)]
    public void Accepts_only_whole_slugs(string value, bool valid) => Assert.Equal(valid, TenantId.IsValid(value));
}
