using System.Net;
using Grid.Edge;
using Grid.Edge.Web;

namespace Grid.Silo;

/// <summary>
/// What the embedded host prints once it is ready: the two pages, the gRPC address, where the development credentials
/// are and how to mint an agent token. Written to the console as a few plain lines rather than through the logger (its
/// per-line prefix would hide them). Paths and addresses only: no key or token.
/// </summary>
public static class StartupBanner
{
    public static void Print(IConfiguration configuration, string dataDir, TextWriter output) => output.Write(Text(configuration, dataDir));

    public static string Text(IConfiguration configuration, string dataDir)
    {
        var edge = EdgeOptions.Read(configuration);
        var host = Shown(edge.BindAddress);
        var http = $"http://{host}:{edge.Http.Port}";
        var devSignIn = configuration.GetValue<bool?>(DevSignIn.Section) ?? true;
        var credentials = Path.GetFullPath(Path.Combine(dataDir, DevCredentials.FileName));
        return $"""

            Grid is running (embedded).
              Web chat:      {http}/chat
              Agent desk:    {http}/desk{(devSignIn ? "   (demo sign-in on: a development convenience, Grid:Desk:DevSignIn=false turns it off)" : "")}
              gRPC (h2c):    {host}:{edge.Grpc.Port}   (server reflection on)
              Credentials:   {credentials}   (the demo-gateway API key and the signing key)
              Agent token:   dotnet run --project src/Silo -- token --agent alice [--role supervisor]

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The address to show: a wildcard listener is reached on the loopback address.</summary>
    private static string Shown(string bindAddress) =>
        IPAddress.TryParse(bindAddress, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) ? "127.0.0.1"
        : ip is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ? $"[{bindAddress}]" : bindAddress;
}
