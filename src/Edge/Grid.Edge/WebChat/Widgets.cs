using Microsoft.Extensions.Options;

namespace Grid.Edge.WebChat;

/// <summary>One configured widget, with its origins in normal form.</summary>
public sealed record Widget(string Name, string Tenant, string PublicKey, IReadOnlySet<string> Origins, bool AllowMissingOrigin, WidgetRateLimits RateLimits);

/// <summary>The configured widgets, by public key (configuration checked at start by <see cref="WebChatOptionsValidator"/>).</summary>
public sealed class Widgets
{
    private readonly Dictionary<string, Widget> byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> anyOrigin = new(StringComparer.Ordinal);

    public Widgets(IOptions<EdgeOptions> options)
    {
        foreach (var (name, widget) in options.Value.WebChat.Widgets)
        {
            var origins = (widget.AllowedOrigins ?? []).Select(WebOrigins.Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);
            byKey[widget.PublicKey] = new Widget(name, widget.Tenant, widget.PublicKey, origins, widget.AllowMissingOrigin, widget.RateLimits);
            anyOrigin.UnionWith(origins);
        }

        Tenants = [.. byKey.Values.Select(w => w.Tenant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        PageWidget = options.Value.WebChat.ChatPageWidget is { Length: > 0 } page ? byKey.Values.FirstOrDefault(w => w.Name == page) : null;
    }

    /// <summary>The tenants that have at least one widget: the outboxes <see cref="WebChatDelivery"/> serves.</summary>
    public IReadOnlyList<string> Tenants { get; }

    /// <summary>The widget of the /chat page (Grid:WebChat:ChatPageWidget), if any.</summary>
    public Widget? PageWidget { get; }

    public Widget? ByKey(string? publicKey) => publicKey is not null && byKey.TryGetValue(publicKey, out var widget) ? widget : null;

    /// <summary>Whether some widget allows <paramref name="origin"/> (the CORS policy of the visitors' hub).</summary>
    public bool AllowsOrigin(string origin) => WebOrigins.Normalize(origin) is { } normal && anyOrigin.Contains(normal);
}
