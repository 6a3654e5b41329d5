using Grid.Edge;
using Grid.Hosting;

namespace Grid.Silo;

/// <summary>How the silo process is put together (Program.cs stays short).</summary>
public static class SiloHostExtensions
{
    /// <summary>
    /// Embedded: locks the data directory, fills in development credentials, runs the silo and the edge in-process.
    /// Cluster: runs a silo on PostgreSQL, with the edge too when Grid:Edge:Enabled is true, otherwise only
    /// /metrics and health on the HTTP port.
    /// </summary>
    public static DataDirectoryLock AddGridSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(GridRuntimeOptions.Section).Get<GridRuntimeOptions>() ?? new GridRuntimeOptions();
        var dataLock = DataDirectoryLock.None;
        if (options.Mode == GridMode.Embedded)
        {
            dataLock = DataDirectoryLock.Acquire(options.DataDir);
            var credentials = DevCredentials.LoadOrCreate(options.DataDir);
            builder.Configuration.AddInMemoryCollection(credentials.AsDefaults(builder.Configuration).ToList());
        }

        builder.UseOrleans(silo => silo.UseGrid(builder.Configuration));
        if (EdgeEnabled(builder.Configuration, options))
        {
            builder.AddGridEdge();
        }
        else
        {
            builder.AddGridHealthAndMetrics();
        }

        return dataLock;
    }

    public static WebApplication MapGridSilo(this WebApplication app)
    {
        var options = app.Configuration.GetSection(GridRuntimeOptions.Section).Get<GridRuntimeOptions>() ?? new GridRuntimeOptions();
        if (EdgeEnabled(app.Configuration, options))
        {
            app.MapGridEdge();
        }
        else
        {
            app.MapGridHealthAndMetrics();
        }

        return app;
    }

    private static bool EdgeEnabled(IConfiguration configuration, GridRuntimeOptions options) =>
        configuration.GetValue("Grid:Edge:Enabled", options.Mode == GridMode.Embedded);
}
