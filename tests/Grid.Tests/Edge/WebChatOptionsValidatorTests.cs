using System.Security.Cryptography;
using Grid.Edge;
using Grid.Edge.WebChat;
using Microsoft.Extensions.Configuration;

namespace Grid.Tests.EdgeUnits;

/// <summary>Widgets that cannot work stop the start with a message naming the key.</summary>
public sealed class WebChatOptionsValidatorTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["Grid:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Grid:WebChat:Widgets:shop:Tenant"] = "acme",
        ["Grid:WebChat:Widgets:shop:PublicKey"] = "wk_acme_0123456789ab",
        ["Grid:WebChat:Widgets:shop:AllowedOrigins:0"] = "https://shop.example.com",
        ["Grid:WebChat:Widgets:shop:AllowedOrigins:1"] = "http://localhost:8080",
        ["Grid:WebChat:ChatPageWidget"] = "shop",
    };

    private static List<string> Problems(params (string Key, string? Value)[] changes)
    {
        var values = Valid();
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return [.. EdgeOptionsValidator.Problems(EdgeOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build()))];
    }

    [Fact]
    public void A_complete_widget_passes() => Assert.Empty(Problems());

    [Theory]
    [InlineData("Grid:WebChat:Widgets:shop:Tenant", "", "Grid:WebChat:Widgets:shop:Tenant is not configured")]
    [InlineData("Grid:WebChat:Widgets:shop:PublicKey", "short", "Grid:WebChat:Widgets:shop:PublicKey must be 16 to 128 characters")]
    [InlineData("Grid:WebChat:Widgets:shop:PublicKey", "wk acme 0123456789ab", "Grid:WebChat:Widgets:shop:PublicKey must be 16 to 128 characters")]
    [InlineData("Grid:WebChat:Widgets:shop:AllowedOrigins:0", "https://shop.example.com/", "Grid:WebChat:Widgets:shop:AllowedOrigins:0 ('https://shop.example.com/') is not an origin")]
    [InlineData("Grid:WebChat:Widgets:shop:AllowedOrigins:0", "https://shop.example.com/chat", "is not an origin")]
    [InlineData("Grid:WebChat:Widgets:shop:AllowedOrigins:0", "ftp://shop.example.com", "is not an origin")]
    [InlineData("Grid:WebChat:Widgets:shop:AllowedOrigins:0", "shop.example.com", "is not an origin")]
    [InlineData("Grid:WebChat:Widgets:shop:RateLimits:VisitorBurst", "0", "Grid:WebChat:Widgets:shop:RateLimits:VisitorBurst must be 1 to 100000 (it is 0)")]
    [InlineData("Grid:WebChat:ChatPageWidget", "other", "Grid:WebChat:ChatPageWidget names 'other'")]
    public void A_bad_value_is_named(string key, string value, string expected) =>
        Assert.Contains(Problems((key, value)), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Two_widgets_with_one_key_a_widget_without_origins_and_an_integrator_named_webchat_are_refused()
    {
        var problems = Problems(
            ("Grid:WebChat:Widgets:blog:Tenant", "acme"), ("Grid:WebChat:Widgets:blog:PublicKey", "wk_acme_0123456789ab"),
            ("Grid:Integrators:webchat:Tenant", "acme"), ("Grid:Integrators:webchat:ApiKey", "k"));
        Assert.Contains("Grid:WebChat:Widgets:blog and Grid:WebChat:Widgets:shop have the same PublicKey: each widget needs its own", problems);
        Assert.Contains(problems, p => p.StartsWith("Grid:WebChat:Widgets:blog:AllowedOrigins is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Grid:Integrators:webchat cannot be configured for tenant 'acme'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://Shop.Example.com:443", "https://shop.example.com")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://localhost:80", "http://localhost")]
    public void Origins_are_compared_in_the_form_browsers_send(string configured, string normal)
    {
        Assert.True(WebOrigins.IsExact(configured));
        Assert.Equal(normal, WebOrigins.Normalize(configured));
    }

    [Theory]
    [InlineData("v_0123456789abcdef", true)]
    [InlineData("v_AZaz09_-AZaz09_-AZaz09_-AZaz09_-AZaz09_-", true)]
    [InlineData("v_AZaz09_-AZaz09_-AZaz09_-AZaz09_-AZaz09_-X", false)]
    [InlineData("v_0123456789abcde", false)]
    [InlineData("w_0123456789abcdef", false)]
    [InlineData("v_0123456789abcdef!", false)]
    public void Visitor_ids_follow_the_rule(string id, bool valid) => Assert.Equal(valid, VisitorIds.IsValid(id));
}
