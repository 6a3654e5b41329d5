using Grid.Hosting;

namespace Grid.Silo;

/// <summary>
/// What the silo host reads from configuration before the host is built, in one place: the runtime options and
/// whether this silo serves the edge endpoints.
/// </summary>
/// <param name="Runtime">Mode, data directory and the rest of the "Grid" section's runtime options.</param>
/// <param name="EdgeEnabled">Grid:Edge:Enabled; when not configured, true in embedded mode and false in cluster mode.</param>
public sealed record SiloSettings(GridRuntimeOptions Runtime, bool EdgeEnabled)
{
    public static SiloSettings Read(IConfiguration configuration)
    {
        var runtime = configuration.GetSection(GridRuntimeOptions.Section).Get<GridRuntimeOptions>() ?? new GridRuntimeOptions();
        var edge = configuration.GetSection(EdgeSwitch.Section).Get<EdgeSwitch>();
        return new SiloSettings(runtime, edge?.Enabled ?? runtime.Mode == GridMode.Embedded);
    }

    /// <summary>The "Grid:Edge" section.</summary>
    private sealed class EdgeSwitch
    {
        public const string Section = "Grid:Edge";

        public bool? Enabled { get; set; }
    }
}
