using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Grid.Edge;
using Grid.Edge.Auth;
using Grid.Storage;

namespace Grid.Silo;

/// <summary>
/// Embedded mode's development credentials, generated on first start into the data directory
/// (dev-credentials.json, readable by the owner only): the JWT signing key, the address-hash key, the action links' key and a demo
/// integrator key for tenant "demo" with every scope (admin included), and the public key of the demo web chat widget
/// (tenant "demo", allowed on this host's own HTTP origin, used by the /chat page). Anything set in configuration wins
/// over this file; when everything it would provide is configured, it is not written at all (<see cref="Needed"/>).
/// </summary>
public sealed class DevCredentials
{
    public const string FileName = "dev-credentials.json";
    public const string DemoTenant = "demo";
    public const string DemoIntegrator = "demo-gateway";
    public const string DemoWidget = "demo";

    [JsonPropertyName("signingKey")]
    public string SigningKey { get; set; } = "";

    [JsonPropertyName("identityHashKey")]
    public string IdentityHashKey { get; set; } = "";

    [JsonPropertyName("demoApiKey")]
    public string DemoApiKey { get; set; } = "";

    /// <summary>The key that signs actionable pushes' links (Grid:Links:SigningKey). Added to files written before it existed.</summary>
    [JsonPropertyName("actionLinkKey")]
    public string ActionLinkKey { get; set; } = "";

    /// <summary>The demo widget's public key (not a secret: the /chat page carries it). Added to files written before it existed.</summary>
    [JsonPropertyName("demoWidgetKey")]
    public string DemoWidgetKey { get; set; } = "";

    public static DevCredentials LoadOrCreate(string dataDir)
    {
        DataDirectory.Create(dataDir);
        var path = Path.Combine(dataDir, FileName);
        if (File.Exists(path))
        {
            var loaded = JsonSerializer.Deserialize<DevCredentials>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"{path} is empty; delete it to generate new development credentials.");
            if (string.IsNullOrEmpty(loaded.DemoWidgetKey) || string.IsNullOrEmpty(loaded.ActionLinkKey))
            {
                loaded.DemoWidgetKey = string.IsNullOrEmpty(loaded.DemoWidgetKey) ? NewWidgetKey() : loaded.DemoWidgetKey;
                loaded.ActionLinkKey = string.IsNullOrEmpty(loaded.ActionLinkKey) ? NewKey() : loaded.ActionLinkKey;
                Write(path, loaded);
            }

            return loaded;
        }

        var created = new DevCredentials
        {
            SigningKey = NewKey(),
            IdentityHashKey = NewKey(),
            ActionLinkKey = NewKey(),
            DemoApiKey = "grid_dev_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            DemoWidgetKey = NewWidgetKey(),
        };
        Write(path, created);
        return created;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static string NewWidgetKey() => "wk_demo_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>
    /// Writes through a temporary file created owner-only (0600) from its first byte, then renamed: the keys never sit
    /// in a file others may read, not even for a moment. A temporary file left by an interrupted write is removed first
    /// (its mode is not trusted).
    /// </summary>
    private static void Write(string path, DevCredentials credentials)
    {
        var temp = path + ".tmp";
        File.Delete(temp);
        using (var stream = DataDirectory.OpenNew(temp, FileMode.CreateNew))
        {
            JsonSerializer.Serialize(stream, credentials, new JsonSerializerOptions { WriteIndented = true });
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Whether configuration leaves anything to the development credentials: when the signing key, the address-hash key,
    /// the demo integrator and the demo widget are all configured, the file is neither read nor written.
    /// </summary>
    public static bool Needed(IConfiguration configuration) => new DevCredentials().AsDefaults(configuration).Any();

    /// <summary>
    /// Configuration values for what is not configured yet: the two keys, and the demo integrator, which stays
    /// usable beside the integrators configured unless "Grid:Integrators:demo-gateway" is configured itself.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> AsDefaults(IConfiguration configuration)
    {
        var configured = EdgeOptions.Read(configuration);
        if (string.IsNullOrEmpty(configured.Auth.SigningKey))
        {
            yield return new("Grid:Auth:SigningKey", SigningKey);
        }

        // The address-hash key is the silos' (identities are resolved there); read without validation, before defaults.
        var runtime = configuration.GetSection(Grid.Hosting.GridRuntimeOptions.Section).Get<Grid.Hosting.GridRuntimeOptions>();
        if (string.IsNullOrEmpty(runtime?.Identity.HashKey))
        {
            yield return new("Grid:Identity:HashKey", IdentityHashKey);
        }

        if (string.IsNullOrEmpty(runtime?.Links.SigningKey))
        {
            yield return new("Grid:Links:SigningKey", ActionLinkKey);
        }

        // Configuration keys ignore case: "Demo-Gateway" is the same entry. The demo key has every scope, admin included,
        // so that a new user can administer the demo tenant's knowledge base.
        if (!configured.Integrators.Keys.Any(name => string.Equals(name, DemoIntegrator, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new($"Grid:Integrators:{DemoIntegrator}:Tenant", DemoTenant);
            yield return new($"Grid:Integrators:{DemoIntegrator}:ApiKey", DemoApiKey);
            for (var i = 0; i < ApiScopes.All.Count; i++)
            {
                yield return new($"Grid:Integrators:{DemoIntegrator}:Scopes:{i}", ApiScopes.All[i]);
            }
        }

        // The demo widget, allowed on this host's own HTTP origin so that the /chat page it serves works out of the box.
        if (!configured.WebChat.Widgets.Keys.Any(name => string.Equals(name, DemoWidget, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new($"Grid:WebChat:Widgets:{DemoWidget}:Tenant", DemoTenant);
            yield return new($"Grid:WebChat:Widgets:{DemoWidget}:PublicKey", DemoWidgetKey);
            yield return new($"Grid:WebChat:Widgets:{DemoWidget}:AllowedOrigins:0", $"http://127.0.0.1:{configured.Http.Port}");
            yield return new($"Grid:WebChat:Widgets:{DemoWidget}:AllowedOrigins:1", $"http://localhost:{configured.Http.Port}");
            if (string.IsNullOrEmpty(configured.WebChat.ChatPageWidget))
            {
                yield return new("Grid:WebChat:ChatPageWidget", DemoWidget);
            }
        }
    }
}
