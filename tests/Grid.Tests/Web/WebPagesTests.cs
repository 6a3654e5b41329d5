using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grid.Edge;
using Grid.Edge.Agents;
using Grid.Edge.Web;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Grid.Tests.Web;

/// <summary>
/// The desk and the web chat as the embedded host serves them: pages with their security headers, their assets, the
/// demo sign-in whose token the agents' hub accepts, and the token command.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed partial class WebPagesTests(EmbeddedGridFixture fixture)
{
    private EmbeddedGrid Grid => fixture.Grid;

    private HttpClient Http() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Grid.HttpPort}") };

    [Theory]
    [InlineData("/desk")]
    [InlineData("/desk/")]
    [InlineData("/chat")]
    [InlineData("/chat/")]
    public async Task A_page_answers_html_with_a_strict_content_security_policy(string path)
    {
        using var http = Http();
        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("style-src 'self';", csp);
        Assert.Contains($"connect-src 'self' ws://127.0.0.1:{Grid.HttpPort};", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.Contains(path.StartsWith("/desk", StringComparison.Ordinal) ? "frame-ancestors 'none'" : "frame-ancestors *", csp);
        Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/desk")]
    [InlineData("/chat")]
    public async Task A_pages_scripts_and_styles_load_with_long_caching_and_revalidate_by_etag(string page)
    {
        using var http = Http();
        var html = await http.GetStringAsync(page);
        var assets = AssetPaths().Matches(html).Select(m => m.Groups["path"].Value).Distinct().ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Path.GetExtension(asset) switch { ".js" => "text/javascript", ".css" => "text/css", ".svg" => "image/svg+xml", _ => "?" }, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());

            using var again = new HttpRequestMessage(HttpMethod.Get, asset);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var notModified = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        using var missing = await http.GetAsync("/assets/missing-00000000.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_widget_script_has_a_fixed_address_and_compresses()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Grid.HttpPort}"),
        };
        using var response = await http.GetAsync("/chat/widget.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("data-widget-key", await response.Content.ReadAsStringAsync());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task The_demo_sign_in_mints_a_token_the_agents_hub_accepts()
    {
        using var http = Http();
        var config = await http.GetFromJsonAsync<JsonElement>("/desk/config");
        Assert.True(config.GetProperty("devSignIn").GetBoolean());

        var agent = await MintAsync(http, new { tenant = "web-desk", agentId = "wanda", displayName = "Wanda Web", role = "agent" });
        await using (var wanda = await AgentConnection.ConnectAsync(Grid.HttpPort, agent))
        {
            var me = await wanda.Hub.InvokeAsync<AgentDto>("GetMe");
            Assert.Equal("wanda", me.AgentId);
            await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
                wanda.Hub.InvokeAsync<LiveConversationPageDto>("ListConversations", null, null, null, null, 10));
        }

        var supervisor = await MintAsync(http, new { tenant = "web-desk", agentId = "sam", displayName = "Sam", role = "supervisor" });
        await using var sam = await AgentConnection.ConnectAsync(Grid.HttpPort, supervisor);
        var page = await sam.Hub.InvokeAsync<LiveConversationPageDto>("ListConversations", null, null, null, null, 10);
        Assert.Empty(page.Conversations);
    }

    [Theory]
    [InlineData("{\"tenant\":\"Web-Desk\",\"agentId\":\"wanda\"}", "tenant")]
    [InlineData("{\"tenant\":\"web-desk\",\"agentId\":\"../x\"}", "agentId")]
    [InlineData("{\"tenant\":\"web-desk\"}", "agentId")]
    [InlineData("{\"tenant\":\"web-desk\",\"agentId\":\"wanda\",\"role\":\"admin\"}", "role")]
    [InlineData("{\"tenant\":\"web-desk\",\"agentId\":\"wanda\",\"displayName\":\"a\\u0000b\"}", "displayName")]
    [InlineData("{\"tenant\":", "JSON")]
    [InlineData("null", "JSON")]
    public async Task The_demo_sign_in_refuses_bad_input(string body, string named)
    {
        using var http = Http();
        using var response = await http.PostAsync("/desk/dev-token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_demo_sign_in_wants_json()
    {
        using var http = Http();
        using var response = await http.PostAsync("/desk/dev-token", new FormUrlEncodedContent([new("tenant", "web-desk"), new("agentId", "wanda")]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Without_the_embedded_hosts_registration_the_demo_sign_in_does_not_exist()
    {
        // A cluster silo or edge never registers DevSignIn; Grid:Desk:DevSignIn=false registers it disabled.
        foreach (var registered in new DevSignIn?[] { null, new DevSignIn(false, "demo") })
        {
            var services = new ServiceCollection();
            if (registered is not null)
            {
                services.AddSingleton(registered);
            }

            var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
            context.Request.ContentType = "application/json";
            var result = await WebEndpoints.MintDevTokenAsync(
                context, Options.Create(new EdgeOptions { Auth = { SigningKey = Grid.Keys.SigningKey } }), NullLoggerFactory.Instance);

            Assert.Equal(StatusCodes.Status404NotFound, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
        }
    }

    [Fact]
    public async Task The_token_command_prints_a_token_the_agents_hub_accepts()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "grid-token-" + Guid.NewGuid().ToString("N"));
        try
        {
            var info = new ProcessStartInfo("dotnet", [RepoPaths.SiloDll, "token", "--tenant", "web-desk", "--agent", "tess", "--role", "supervisor"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["Grid__DataDir"] = dataDir;
            info.Environment["Grid__Auth__SigningKey"] = Grid.Keys.SigningKey;
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);

            await using var tess = await AgentConnection.ConnectAsync(Grid.HttpPort, output.Trim());
            Assert.Equal("tess", (await tess.Hub.InvokeAsync<AgentDto>("GetMe")).AgentId);
            await tess.Hub.InvokeAsync<LiveConversationPageDto>("ListConversations", null, null, null, null, 10); // supervisors only
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task The_embedded_host_prints_where_to_go_next_without_secrets()
    {
        // Printed once the host has started; the fixture's process output is read until it shows.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!Grid.Process.Output.Contains("Agent token:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var output = Grid.Process.Output;
        Assert.Contains($"http://127.0.0.1:{Grid.HttpPort}/chat", output);
        Assert.Contains($"http://127.0.0.1:{Grid.HttpPort}/desk", output);
        Assert.Contains($"127.0.0.1:{Grid.GrpcPort}", output);
        Assert.Contains(Path.Combine(Grid.DataDir, "dev-credentials.json"), output);
        Assert.Contains("dotnet run --project src/Silo -- token --agent", output);
        Assert.Single(Regex.Matches(output, "Grid is running"));
        Assert.DoesNotContain(Grid.Keys.SigningKey, output);
    }

    private static async Task<string> MintAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/desk/dev-token", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    [GeneratedRegex("(?:src|href)=\"(?<path>/assets/[^\"]+)\"")]
    private static partial Regex AssetPaths();
}
