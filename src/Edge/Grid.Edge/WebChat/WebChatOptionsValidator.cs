using Grid.Edge.Auth;

namespace Grid.Edge.WebChat;

/// <summary>What is wrong with Grid:WebChat, one message per problem naming the key (called by <see cref="EdgeOptionsValidator"/>).</summary>
public static class WebChatOptionsValidator
{
    public const int MinPublicKeyLength = 16;
    public const int MaxPublicKeyLength = 128;

    public static IEnumerable<string> Problems(EdgeOptions options)
    {
        var webChat = options.WebChat;
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, widget) in webChat.Widgets.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            var key = $"Grid:WebChat:Widgets:{name}";
            if (!TenantId.IsValid(name))
            {
                yield return $"{key}: the widget name '{name}' is not a lowercase slug ([a-z0-9._-], starting with a letter or digit)";
            }

            if (!TenantId.IsValid(widget.Tenant))
            {
                yield return string.IsNullOrEmpty(widget.Tenant)
                    ? $"{key}:Tenant is not configured: the tenant the widget's visitors write to, a lowercase slug"
                    : $"{key}:Tenant is not a lowercase slug: it is '{widget.Tenant}'";
            }
            else if (options.Integrators.Keys.Any(i => string.Equals(i, WebChatIntegrator.Name, StringComparison.OrdinalIgnoreCase)
                && options.Integrators[i].Tenant == widget.Tenant))
            {
                yield return $"Grid:Integrators:{WebChatIntegrator.Name} cannot be configured for tenant '{widget.Tenant}': '{WebChatIntegrator.Name}' is the web chat's built-in integrator of tenants with widgets ({key})";
            }

            var publicKey = widget.PublicKey ?? "";
            if (publicKey.Length is < MinPublicKeyLength or > MaxPublicKeyLength || !publicKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                yield return $"{key}:PublicKey must be {MinPublicKeyLength} to {MaxPublicKeyLength} characters of [A-Za-z0-9_-] (it is not a secret: pages carry it; make it hard to guess all the same)";
            }
            else if (keys.TryGetValue(publicKey, out var other))
            {
                yield return $"Grid:WebChat:Widgets:{other} and {key} have the same PublicKey: each widget needs its own";
            }
            else
            {
                keys[publicKey] = name;
            }

            if (widget.AllowedOrigins is not { Count: > 0 })
            {
                yield return $"{key}:AllowedOrigins is empty: list the origins of the sites that embed the widget ({key}:AllowedOrigins:0 = https://shop.example.com)";
            }

            for (var i = 0; i < (widget.AllowedOrigins?.Count ?? 0); i++)
            {
                var origin = widget.AllowedOrigins![i] ?? "";
                if (!WebOrigins.IsExact(origin))
                {
                    yield return $"{key}:AllowedOrigins:{i} ('{origin}') is not an origin: exactly scheme://host[:port] with scheme http or https, no path and no trailing slash (e.g. https://shop.example.com)";
                }
            }

            var limits = widget.RateLimits;
            foreach (var (value, setting) in new[]
            {
                (limits.VisitorPerMinute, "VisitorPerMinute"), (limits.VisitorBurst, "VisitorBurst"), (limits.IpPerMinute, "IpPerMinute"), (limits.IpBurst, "IpBurst"),
            })
            {
                if (value is < 1 or > 100_000)
                {
                    yield return $"{key}:RateLimits:{setting} must be 1 to 100000 (it is {value})";
                }
            }
        }

        if (!string.IsNullOrEmpty(webChat.ChatPageWidget) && !webChat.Widgets.ContainsKey(webChat.ChatPageWidget))
        {
            yield return $"Grid:WebChat:ChatPageWidget names '{webChat.ChatPageWidget}', which is not a widget of Grid:WebChat:Widgets";
        }
    }
}
