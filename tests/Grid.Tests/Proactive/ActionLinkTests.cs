using System.Security.Cryptography;
using Grid.Hosting;
using Grid.Proactive;
using Grid.Tests.Core;
using Microsoft.Extensions.Configuration;

namespace Grid.Tests.Proactive;

/// <summary>
/// Actionable pushes without a host: the link's token (signed, refused when altered, truncated, signed with another
/// key), the link placed in a push's text at push time, and the validation of actions and of {link} in templates.
/// </summary>
public sealed class ActionLinkTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private static readonly ActionLinkClaims Claims = new("pro-action", "AC-1", IncidentIds.For("lift"), 2, "fr", Noon.AddDays(1));

    private static readonly Dictionary<string, string> Templates = new() { ["fr"] = "Choisissez : {link}", ["en"] = "Choose: {link}" };

    private static PushAction Choose(params ActionOption[] options) => new(PushActionKinds.ChooseOption, options, new Dictionary<string, string>(), null, "gw");

    private static ActionOption Option(string id, string fr = "Lundi", string en = "Monday") => new(id, new Dictionary<string, string> { ["fr"] = fr, ["en"] = en });

    private static ActionLinks Links(string? key = null, string? baseUrl = "https://support.example.com/", GridMode mode = GridMode.Cluster) => new(
        Microsoft.Extensions.Options.Options.Create(new GridRuntimeOptions { Mode = mode, Links = { SigningKey = key ?? Convert.ToBase64String(Key), PublicBaseUrl = baseUrl } }),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Grid:Http:Port"] = "6123" }).Build(), new FixedTime(() => Noon));

    [Fact]
    public void A_token_carries_its_claims_and_any_change_to_it_is_refused()
    {
        var token = ActionLinkToken.Create(Key, Claims);
        Assert.Equal(Claims with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(Claims.ExpiresAt.ToUnixTimeSeconds()) }, ActionLinkToken.Verify(Key, token));
        Assert.Equal("pro-action", ActionLinkToken.PeekTenant(token));

        var (payload, mac) = (token[..token.IndexOf('.')], token[(token.IndexOf('.') + 1)..]);
        var otherCustomer = ActionLinkToken.Create(Key, Claims with { CustomerId = "AC-2" });
        string[] altered =
        [
            otherCustomer[..otherCustomer.IndexOf('.')] + "." + mac, // another customer's payload under this MAC
            payload + "." + (mac[0] == 'A' ? 'B' : 'A') + mac[1..], // one character of the MAC
            payload + "." + mac[..^2], // a truncated MAC
            payload[..^1] + "." + mac, // a truncated payload
            payload, "", ".", token + ".x", new string('a', ActionLinkToken.MaxLength + 1),
        ];
        Assert.All(altered, t => Assert.Null(ActionLinkToken.Verify(Key, t)));
        Assert.Null(ActionLinkToken.Verify(RandomNumberGenerator.GetBytes(32), token)); // another key: another deployment
        Assert.Null(ActionLinkToken.PeekTenant("not-a-token"));
    }

    [Fact]
    public void The_link_is_placed_where_the_template_says_or_appended_and_expires_from_the_push()
    {
        var links = Links();
        var message = new IncidentMessage(2, IncidentMessageKinds.Update, Templates, false, Noon, "u1", Choose(Option("mon")) with { LinkLifetime = TimeSpan.FromHours(2) });
        var (text, expires) = links.RenderPush("pro-action", "AC-1", Claims.IncidentId, message, "fr", "Choisissez : {link}");
        Assert.StartsWith("Choisissez : https://support.example.com/a/", text, StringComparison.Ordinal);
        Assert.Equal(Noon.AddHours(2), expires);
        var claims = links.Verify(text["Choisissez : https://support.example.com/a/".Length..]);
        Assert.Equal(("pro-action", "AC-1", 2, "fr"), (claims!.Tenant, claims.CustomerId, claims.MessageNo, claims.Language));

        var (appended, _) = links.RenderPush("pro-action", "AC-1", Claims.IncidentId, message, "en", "Pick a slot.");
        Assert.Matches(@"^Pick a slot\.\nhttps://support\.example\.com/a/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$", appended);
        Assert.Equal(("No action.", (DateTimeOffset?)null), links.RenderPush("pro-action", "AC-1", Claims.IncidentId, message with { Action = null }, "en", "No action."));

        // Embedded mode links to the host's own HTTP port when no public address is configured; cluster mode needs one.
        Assert.Equal("http://127.0.0.1:6123", Links(baseUrl: null, mode: GridMode.Embedded).BaseUrl);
        Assert.Contains("Grid:Links:PublicBaseUrl", Links(baseUrl: null).Unavailable, StringComparison.Ordinal);
        Assert.Null(Links().Unavailable);
    }

    [Theory]
    [InlineData("none", "action.options: a choose-option action needs 1 to 10 options")]
    [InlineData("eleven", "action.options: 11 options; at most 10")]
    [InlineData("long-label", "action.options[0].labels[fr]: 121 characters; give 1 to 120")]
    [InlineData("missing-label", "action.options[1].labels: no label for 'en' (the message has a template in it)")]
    [InlineData("bad-id", "action.options[0].id: 'slot 1' is not an id")]
    [InlineData("twice", "action.options[1].id: 'a' is listed twice")]
    [InlineData("kind", "action.kind: 'vote' is not an action; use choose-option, confirm, ask-callback")]
    [InlineData("confirm-options", "action.options: only choose-option takes options")]
    [InlineData("lifetime", "action.link_lifetime_seconds: 2678400; give 1 to 2592000 seconds")]
    [InlineData("prompt-language", "action.prompts: 'FR' is not a language")]
    public void Bad_actions_are_refused_naming_the_field(string what, string expected)
    {
        var action = what switch
        {
            "none" => Choose(),
            "eleven" => Choose([.. Enumerable.Range(1, 11).Select(i => Option("o" + i))]),
            "long-label" => Choose(Option("a", fr: new string('x', 121))),
            "missing-label" => Choose(Option("a"), new ActionOption("b", new Dictionary<string, string> { ["fr"] = "Mardi" })),
            "bad-id" => Choose(Option("slot 1")),
            "twice" => Choose(Option("a"), Option("a")),
            "kind" => Choose(Option("a")) with { Kind = "vote" },
            "confirm-options" => Choose(Option("a")) with { Kind = PushActionKinds.Confirm },
            "lifetime" => Choose(Option("a")) with { LinkLifetime = TimeSpan.FromDays(31) },
            _ => Choose(Option("a")) with { Prompts = new Dictionary<string, string> { ["FR"] = "Choisissez" } },
        };
        var refused = Assert.Throws<ProactiveRuleException>(() => ActionValidator.Validate(action, Templates));
        Assert.Equal(ProactiveRuleException.Invalid, refused.Code);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_uses_the_link_only_with_an_action_and_no_variable_takes_its_name()
    {
        var none = new Dictionary<string, string>();
        IncidentTemplates.Validate(Templates, none, "templates", hasAction: true);
        Assert.Contains("uses {link} but the message has no action", Assert.Throws<ProactiveRuleException>(() => IncidentTemplates.Validate(Templates, none, "templates")).Message,
            StringComparison.Ordinal);
        Assert.Contains("'link' is reserved", Assert.Throws<ProactiveRuleException>(() =>
            IncidentTemplates.Validate(Templates, new Dictionary<string, string> { ["link"] = "x" }, "templates", hasAction: true)).Message, StringComparison.Ordinal);
        Assert.Equal("Choose:", ActionLinks.WithoutLink("Choose: {link}"));
    }
}
