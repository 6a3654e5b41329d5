using Grid.Edge;
using Grid.Edge.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Grid.Tests.EdgeUnits;

/// <summary>Which scope each gRPC service needs, and the scopes keys get from configuration.</summary>
public sealed class ApiScopesTests
{
    [Theory]
    [InlineData("/grid.v1.IngestService/PostInbound", "grid.v1.IngestService", "ingest")]
    [InlineData("/grid.v1.IngestService/PostChannelEvent", "grid.v1.IngestService", "ingest")]
    [InlineData("/grid.v1.OutboundService/Receive", "grid.v1.OutboundService", "outbound")]
    [InlineData("/grid.v1.ReadService/GetCustomerTimeline", "grid.v1.ReadService", "read")]
    [InlineData("/grid.v1.KnowledgeService/ImportEntries", "grid.v1.KnowledgeService", "admin")]
    [InlineData("/grid.v1.KnowledgeService/Evaluate", "grid.v1.KnowledgeService", "admin")]
    [InlineData("/grid.v1.ProactiveService/OpenIncident", "grid.v1.ProactiveService", "proactive")]
    [InlineData("/grpc.health.v1.Health/Check", "grpc.health.v1.Health", null)]
    public void Each_service_needs_its_scope(string method, string service, string? scope) =>
        Assert.Equal((service, scope), ApiScopes.Required(method));

    [Fact]
    public void Every_method_of_every_grid_service_has_a_scope()
    {
        var files = new[]
        {
            Protos.V1.IngestReflection.Descriptor, Protos.V1.OutboundReflection.Descriptor,
            Protos.V1.ReadReflection.Descriptor, Protos.V1.KnowledgeReflection.Descriptor, Protos.V1.ProactiveReflection.Descriptor,
        };
        var methods = files.SelectMany(f => f.Services).SelectMany(s => s.Methods).ToList();
        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.NotNull(ApiScopes.Required($"/{m.Service.FullName}/{m.Name}").Scope));
    }

    [Fact]
    public void A_key_without_scopes_keeps_ingest_outbound_and_read_but_not_admin()
    {
        var identity = Authenticate(new Dictionary<string, string?>(), "key-1");
        Assert.True(identity.Has(ApiScopes.Ingest) && identity.Has(ApiScopes.Outbound) && identity.Has(ApiScopes.Read));
        Assert.False(identity.Has(ApiScopes.Admin));
        Assert.False(new IntegratorIdentity("gw", "acme").Has(ApiScopes.Admin));
    }

    [Fact]
    public void Configured_scopes_replace_the_default()
    {
        var identity = Authenticate(new Dictionary<string, string?> { ["Grid:Integrators:gw:Scopes:0"] = "ingest" }, "key-1");
        Assert.True(identity.Has(ApiScopes.Ingest));
        Assert.False(identity.Has(ApiScopes.Read));
        Assert.False(identity.Has(ApiScopes.Admin));

        var admin = Authenticate(new Dictionary<string, string?> { ["Grid:Integrators:gw:Scopes:0"] = " Admin" }, "key-1");
        Assert.Equal(["admin"], admin.Scopes!);
    }

    private static IntegratorIdentity Authenticate(Dictionary<string, string?> values, string key)
    {
        values["Grid:Integrators:gw:Tenant"] = "acme";
        values["Grid:Integrators:gw:ApiKey"] = key;
        var options = EdgeOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return new ApiKeyAuthenticator(Options.Create(options)).Authenticate(key)!;
    }
}
