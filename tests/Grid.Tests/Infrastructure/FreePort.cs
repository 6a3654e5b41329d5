using System.Net;
using System.Net.Sockets;

namespace Grid.Tests.Infrastructure;

public static class FreePort
{
    private static readonly HashSet<int> Handed = [];

    /// <summary>A loopback port that was free a moment ago and was not handed out before in this test run.</summary>
    public static int Next()
    {
        lock (Handed)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
