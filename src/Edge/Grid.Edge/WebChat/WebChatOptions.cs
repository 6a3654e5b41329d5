namespace Grid.Edge.WebChat;

/// <summary>The web chat channel (Grid:WebChat): the widgets tenants embed on their sites, and the widget of the /chat page.</summary>
public sealed class WebChatOptions
{
    /// <summary>Widgets by name (Grid:WebChat:Widgets:&lt;name&gt;): each has a public key bound to one tenant and its sites' origins.</summary>
    public Dictionary<string, WidgetOptions> Widgets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The widget whose key and tenant GET /chat/config gives the page served at /chat (the embedded host sets its demo
    /// widget). Not set: /chat/config answers 404.
    /// </summary>
    public string? ChatPageWidget { get; set; }
}

/// <summary>One widget: a tenant's chat on the sites it lists.</summary>
public sealed class WidgetOptions
{
    /// <summary>The tenant the widget's visitors write to.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>The key the page passes when it connects. Not a secret (it is in the page): what protects is the origin check and the rate limits.</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>
    /// The origins (exactly scheme://host[:port], e.g. https://shop.example.com) whose pages may use the widget
    /// (Grid:WebChat:Widgets:&lt;name&gt;:AllowedOrigins:0, :1, …). Null rather than a default list: the configuration
    /// binder appends configured items to an existing list.
    /// </summary>
    public List<string>? AllowedOrigins { get; set; }

    /// <summary>
    /// Whether a connection without an Origin header (a client that is not a browser: a test, a mobile app) may use the
    /// widget. Off by default: browsers always send one, and a script forging one gains nothing the rate limits do not bound.
    /// </summary>
    public bool AllowMissingOrigin { get; set; }

    public WidgetRateLimits RateLimits { get; set; } = new();
}

/// <summary>
/// Token buckets for messages (Send and RequestCallback): per visitor and per client IP address of a widget. A bucket holds
/// its burst and refills at its rate per minute.
/// </summary>
public sealed class WidgetRateLimits
{
    public int VisitorPerMinute { get; set; } = 20;

    public int VisitorBurst { get; set; } = 10;

    public int IpPerMinute { get; set; } = 120;

    public int IpBurst { get; set; } = 40;
}
