namespace Grid.Edge.WebChat;

/// <summary>Web origins as browsers send them in the Origin header: scheme://host[:port], lowercase, no default port.</summary>
public static class WebOrigins
{
    /// <summary>The normal form of an http(s) origin, or null when <paramref name="value"/> is not one.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
    }

    /// <summary>Whether <paramref name="value"/> is exactly an origin (no path, query, fragment, user info or trailing slash).</summary>
    public static bool IsExact(string value) =>
        Normalize(value) is { } normal && (string.Equals(normal, value.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(normal, StripDefaultPort(value.Trim()), StringComparison.OrdinalIgnoreCase));

    private static string StripDefaultPort(string value) =>
        value.EndsWith(":443", StringComparison.Ordinal) && value.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? value[..^4]
        : value.EndsWith(":80", StringComparison.Ordinal) && value.StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? value[..^3]
        : value;
}
