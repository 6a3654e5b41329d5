namespace Grid.Tests.Infrastructure;

/// <summary>Cluster-mode processes on a real PostgreSQL for the cluster tests: the shared settings, silos and edges.</summary>
public static class ClusterProcesses
{
    /// <summary>
    /// The settings every process of one test cluster shares: cluster mode on <paramref name="postgres"/>, a cluster id of
    /// its own, the address-hash key (silos only; <see cref="StartEdge"/> leaves it out), plain TCP on loopback
    /// (TlsClusterTests covers TLS).
    /// </summary>
    public static Dictionary<string, string> Common(PostgresServer postgres, TestKeys keys, string name) => new()
    {
        ["Grid__Mode"] = "Cluster",
        ["ConnectionStrings__Grid"] = postgres.ConnectionString(),
        ["Grid__Orleans__ClusterId"] = name + "-" + Guid.NewGuid().ToString("N")[..8],
        ["Grid__Identity__HashKey"] = keys.HashKey, // silos hash addresses; edges hold no hash key
        ["Grid__Orleans__TrustedNetwork"] = "true", // plain TCP on loopback; TlsClusterTests covers TLS
    };

    public static GridProcess StartSilo(IReadOnlyDictionary<string, string> common, out int httpPort)
    {
        httpPort = FreePort.Next();
        var environment = new Dictionary<string, string>(common)
        {
            ["Grid__Http__Port"] = httpPort.ToString(),
            ["Grid__Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString(),
        };
        return GridProcess.Start("silo", RepoPaths.SiloDll, environment);
    }

    /// <summary>A standalone edge with the test integrators; it holds no address-hash key (identities are resolved in the silos).</summary>
    public static GridProcess StartEdge(IReadOnlyDictionary<string, string> common, TestKeys keys, out int httpPort, out int grpcPort)
    {
        httpPort = FreePort.Next();
        grpcPort = FreePort.Next();
        var environment = new Dictionary<string, string>(common.Concat(keys.Environment()).Where(e => e.Key != "Grid__Identity__HashKey"))
        {
            ["Grid__Http__Port"] = httpPort.ToString(),
            ["Grid__Grpc__Port"] = grpcPort.ToString(),
        };
        return GridProcess.Start("edge", RepoPaths.EdgeDll, environment);
    }
}
