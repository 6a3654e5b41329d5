using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.Operations;

/// <summary>
/// The Orleans dashboard for operators on the embedded host's HTTP port (Grid:Dashboard): no credential or a wrong
/// password is 401 with a Basic challenge, an agent's token (even a tenant admin's) is 403, an operator gets the
/// dashboard's page and its API; a host without Grid:Dashboard:Enabled does not serve it; enabled without an operator
/// does not start. Also Kubernetes hosting: a cluster silo that finds itself in a pod takes that path (and refuses
/// cluster ids that disagree), one outside Kubernetes does not (every other test starts silos with the package).
/// </summary>
public sealed class DashboardTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_dashboard_answers_operators_only()
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        await using var grid = new EmbeddedGrid();
        await grid.StartAsync(new Dictionary<string, string>
        {
            ["Grid__Dashboard__Enabled"] = "true",
            ["Grid__Dashboard__Operators__ops__PasswordSha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password))),
        });
        // Redirects followed by hand: HttpClient drops the Authorization header when it follows one.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{grid.HttpPort}") };

        using var anonymous = await http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, h => h.Scheme == "Basic");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "/dashboard", Basic("ops", password + "x")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "/dashboard", Basic("someone", password)));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, "/dashboard", new AuthenticationHeaderValue("Bearer", grid.Keys.Token(grid.Keys.Tenant, "root", role: "admin"))));

        var path = "/dashboard";
        using var first = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = Basic("ops", password) } };
        using (var answer = await http.SendAsync(first))
        {
            if (answer.Headers.Location is { } location)
            {
                path = location.IsAbsoluteUri ? location.PathAndQuery : new Uri(new Uri("http://x/dashboard"), location).PathAndQuery;
                Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, path, null));
            }
        }

        using var page = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = Basic("ops", password) } };
        using var served = await http.SendAsync(page);
        var html = await served.Content.ReadAsStringAsync();
        Assert.True(served.StatusCode == HttpStatusCode.OK, $"{served.StatusCode}: {html}");
        Assert.Contains("Orleans", html, StringComparison.OrdinalIgnoreCase);

        // The dashboard's data (its API under the same path) is behind the same check.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, "/dashboard/DashboardCounters", null));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/dashboard/DashboardCounters", Basic("ops", password)));
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_dashboard_and_enabled_without_an_operator_the_host_does_not_start()
    {
        await using var plain = new EmbeddedGrid();
        await plain.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{plain.HttpPort}") };
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, "/dashboard", null));
        await plain.KillAsync();

        var keys = new TestKeys();
        var environment = Embedded(keys);
        environment["Grid__Dashboard__Enabled"] = "true";
        await using var host = GridProcess.Start("dashboard-without-operator", RepoPaths.SiloDll, environment);
        Assert.Equal(1, await host.WaitForExitAsync(ExitWithin));
        Assert.Contains("Grid cannot start: Grid:Dashboard:Enabled is true but no operator is configured", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_silo_in_a_pod_uses_kubernetes_hosting_and_refuses_a_cluster_id_that_disagrees()
    {
        var keys = new TestKeys();
        var environment = new Dictionary<string, string>
        {
            ["Grid__Mode"] = "Cluster",
            ["ConnectionStrings__Grid"] = "Host=127.0.0.1;Port=1;Username=grid;Password=unused;Database=grid",
            ["Grid__Orleans__ClusterId"] = "grid-a",
            ["Grid__Orleans__TrustedNetwork"] = "true",
            ["Grid__Identity__HashKey"] = keys.HashKey,
            ["Grid__Http__Port"] = FreePort.Next().ToString(),
            ["POD_NAME"] = "grid-silo-0",
            ["ORLEANS_CLUSTER_ID"] = "grid-b",
        };
        await using (var silo = GridProcess.Start("silo-in-pod", RepoPaths.SiloDll, environment))
        {
            Assert.Equal(1, await silo.WaitForExitAsync(ExitWithin));
            Assert.Contains("Grid cannot start: ORLEANS_CLUSTER_ID is 'grid-b' but Grid:Orleans:ClusterId is 'grid-a'", silo.Output, StringComparison.Ordinal);
        }

        // Switched off, the pod's variables are not read: the same silo gets further (to the database it cannot reach).
        environment["Grid__Orleans__Kubernetes"] = "false";
        await using var off = GridProcess.Start("silo-in-pod-off", RepoPaths.SiloDll, environment);
        await Task.WhenAny(off.WaitForExitAsync(TimeSpan.FromSeconds(20)).ContinueWith(_ => { }, TaskScheduler.Default));
        Assert.DoesNotContain("ORLEANS_CLUSTER_ID", off.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Embedded(TestKeys keys)
    {
        var environment = keys.Environment();
        environment["Grid__DataDir"] = Path.Combine(Path.GetTempPath(), "grid-dashboard-" + Guid.NewGuid().ToString("N"));
        environment["Grid__Http__Port"] = FreePort.Next().ToString();
        environment["Grid__Grpc__Port"] = FreePort.Next().ToString();
        environment["Grid__Orleans__SiloPort"] = FreePort.Next().ToString();
        environment["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString();
        return environment;
    }

    private static AuthenticationHeaderValue Basic(string name, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(name + ":" + password)));

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = authorization } };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
