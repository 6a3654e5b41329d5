using System.Security.Cryptography;
using Grid.Edge;
using Microsoft.Extensions.Configuration;

namespace Grid.Tests.EdgeUnits;

/// <summary>A configuration that cannot work stops the start with a message naming the key; secrets are never quoted.</summary>
public sealed class EdgeOptionsValidatorTests
{
    private static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Grid:Auth:SigningKey"] = SigningKey,
        ["Grid:Integrators:sms-gw:Tenant"] = "acme",
        ["Grid:Integrators:sms-gw:ApiKey"] = "key-1",
        ["Grid:Integrators:mail.gw_2:Tenant"] = "acme",
        ["Grid:Integrators:mail.gw_2:ApiKeySha256"] = Convert.ToHexString(SHA256.HashData("key-2"u8)),
    };

    private static List<string> Problems(Dictionary<string, string?> values) =>
        [.. EdgeOptionsValidator.Problems(EdgeOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build()))];

    private static Dictionary<string, string?> With(params (string Key, string? Value)[] changes)
    {
        var values = Valid();
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return values;
    }

    [Fact]
    public void A_complete_configuration_passes() => Assert.Empty(Problems(Valid()));

    [Fact]
    public void Known_scopes_pass_whatever_their_case() =>
        Assert.Empty(Problems(With(("Grid:Integrators:sms-gw:Scopes:0", "ingest"), ("Grid:Integrators:sms-gw:Scopes:1", " Admin "))));

    public static TheoryData<string, string?, string> Broken() => new()
    {
        { "Grid:Auth:SigningKey", null, "Grid:Auth:SigningKey is not configured: a base64 key of at least 32 bytes that signs agents' JWTs." },
        { "Grid:Auth:SigningKey", "not base64!", "Grid:Auth:SigningKey is not valid base64" },
        { "Grid:Auth:SigningKey", Convert.ToBase64String(new byte[16]), "Grid:Auth:SigningKey is 16 bytes: a base64 key of at least 32 bytes" },
        { "Grid:Auth:Issuer", " ", "Grid:Auth:Issuer must not be empty" },
        { "Grid:Http:Port", "0", "Grid:Http:Port must be 1-65535 (it is 0)" },
        { "Grid:Grpc:Port", "70000", "Grid:Grpc:Port must be 1-65535 (it is 70000)" },
        { "Grid:Grpc:Port", "5080", "Grid:Http:Port and Grid:Grpc:Port must differ (both are 5080)" },
        { "Grid:BindAddress", "localhost", "Grid:BindAddress must be an IP address such as 127.0.0.1 or 0.0.0.0 (it is 'localhost')" },
        { "Grid:Integrators:sms-gw:Tenant", "Acme", "Grid:Integrators:sms-gw:Tenant is not a lowercase slug" },
        { "Grid:Integrators:sms-gw:Tenant", "", "Grid:Integrators:sms-gw:Tenant is not configured" },
        { "Grid:Integrators:SMS:Tenant", "acme", "Grid:Integrators:SMS: the integrator name 'SMS' is not a lowercase slug" },
        { "Grid:Integrators:mail.gw_2:ApiKeySha256", "abc", "Grid:Integrators:mail.gw_2:ApiKeySha256 is not a SHA-256 digest: 64 hexadecimal characters" },
        { "Grid:Integrators:sms-gw:ApiKey", null, "Grid:Integrators:sms-gw has no key: set Grid:Integrators:sms-gw:ApiKeySha256" },
        { "Grid:Integrators:sms-gw:ApiKey", "key-2", "Grid:Integrators:mail.gw_2 and Grid:Integrators:sms-gw have the same API key" },
        { "Grid:Integrators:sms-gw:Scopes:0", "admn", "Grid:Integrators:sms-gw:Scopes:0 ('admn') is not a scope: one of ingest, outbound, read, admin" },
        { "Grid:Integrators:mail.gw_2:Scopes:0", "", "Grid:Integrators:mail.gw_2:Scopes:0 ('') is not a scope" },
        { "Grid:Limits:MaxTextLength", "0", "Grid:Limits:MaxTextLength must be at least 1" },
        { "Grid:Limits:AttachmentSchemes:0", "ht tp", "Grid:Limits:AttachmentSchemes:0 ('ht tp') is not a uri scheme" },
        { "Grid:Limits:AttachmentSchemes:1", "javascript", "Grid:Limits:AttachmentSchemes:1 ('javascript') cannot be accepted" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_problem_names_its_key(string key, string? value, string expected)
    {
        var values = With((key, value));
        if (key.StartsWith("Grid:Limits:AttachmentSchemes:1", StringComparison.Ordinal))
        {
            values["Grid:Limits:AttachmentSchemes:0"] = "https";
        }

        var problems = Problems(values);
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Secrets_are_never_quoted()
    {
        var shortKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var problems = string.Join('\n', Problems(With(("Grid:Auth:SigningKey", shortKey), ("Grid:Integrators:sms-gw:ApiKey", "key-2"))));
        Assert.NotEmpty(problems);
        Assert.DoesNotContain(shortKey, problems);
        Assert.DoesNotContain("key-2", problems);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = Problems(With(("Grid:Auth:SigningKey", null), ("Grid:Http:Port", "-1"), ("Grid:Integrators:sms-gw:Tenant", "ACME")));
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void A_silo_without_edge_checks_only_its_listener()
    {
        var options = EdgeOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Grid:Http:Port"] = "5090" }).Build());
        Assert.True(new EdgeOptionsValidator(listenersOnly: true).Validate(null, options).Succeeded);
        Assert.False(new EdgeOptionsValidator().Validate(null, options).Succeeded);
        options.BindAddress = "::1x";
        Assert.Contains("Grid:BindAddress", new EdgeOptionsValidator(listenersOnly: true).Validate(null, options).FailureMessage);
    }

    [Fact]
    public void Attachment_schemes_replace_the_default_rather_than_add_to_it()
    {
        Assert.Equal(["https"], EdgeOptions.Read(new ConfigurationBuilder().Build()).Limits.AcceptedAttachmentSchemes());
        var configured = EdgeOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grid:Limits:AttachmentSchemes:0"] = "s3",
            ["Grid:Limits:AttachmentSchemes:1"] = " HTTPS ",
        }).Build());
        Assert.Equal(["s3", "https"], configured.Limits.AcceptedAttachmentSchemes());
    }
}
