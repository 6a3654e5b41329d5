using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Grid.Edge.Web;

/// <summary>
/// The desk's and the web chat's built files (web/ built by web/build.sh into wwwroot/, embedded in this assembly as
/// resources named "wwwroot/…"), read once and kept in memory with their content type, ETag and a gzip copy. Embedded
/// rather than read from a content root, so they are found however the host is started (dotnet run, its output
/// directory, a test host), and without the Microsoft.Extensions.FileProviders.Embedded package's manifest task.
/// </summary>
public sealed class WebAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".woff2"] = "font/woff2",
    };

    private readonly Dictionary<string, WebAsset> assets;

    public WebAssets()
        : this(typeof(WebAssets).Assembly)
    {
    }

    internal WebAssets(Assembly assembly)
    {
        assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var path = name.Replace('\\', '/');
            if (!path.StartsWith(Prefix, StringComparison.Ordinal) || !ContentTypes.TryGetValue(Path.GetExtension(path), out var type))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var relative = path[Prefix.Length..];
            assets["/" + relative] = new WebAsset(
                bytes, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"", Gzip(type, bytes), IsHashed(relative));
        }
    }

    /// <summary>The paths served, such as "/desk/index.html" and "/assets/desk-3f2a….js".</summary>
    public IReadOnlyCollection<string> Paths => assets.Keys;

    public WebAsset? Find(string path) => assets.GetValueOrDefault(path);

    /// <summary>Files of assets/ carry a content hash in their name (Vite's "[name]-[hash]"): they never change.</summary>
    private static bool IsHashed(string relative) => relative.StartsWith("assets/", StringComparison.Ordinal);

    private static byte[]? Gzip(string type, byte[] bytes)
    {
        if (!type.StartsWith("text/", StringComparison.Ordinal) && type != "application/json" && type != "image/svg+xml")
        {
            return null;
        }

        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.Length < bytes.Length ? output.ToArray() : null;
    }
}

/// <summary>One built file: its bytes, content type, ETag, gzip copy (null when not worth it) and whether its name is content-hashed.</summary>
public sealed record WebAsset(byte[] Content, string ContentType, string ETag, byte[]? Gzipped, bool Immutable);
