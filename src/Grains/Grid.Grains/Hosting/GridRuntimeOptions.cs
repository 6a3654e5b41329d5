namespace Grid.Hosting;

/// <summary>Where Grid runs and what it stores where. Bound from the "Grid" configuration section.</summary>
public sealed class GridRuntimeOptions
{
    public const string Section = "Grid";

    /// <summary>Embedded (one process, SQLite) or Cluster (PostgreSQL, N silos and M edges).</summary>
    public GridMode Mode { get; set; } = GridMode.Embedded;

    /// <summary>Directory of the SQLite files and development secrets in embedded mode.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>PRAGMA synchronous for SQLite: NORMAL survives a process kill; FULL also survives power loss.</summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    public RoutingOptions Routing { get; set; } = new();

    public ConversationOptions Conversations { get; set; } = new();

    public OrleansEndpointOptions Orleans { get; set; } = new();
}

public enum GridMode
{
    Embedded,
    Cluster,
}

public sealed class RoutingOptions
{
    /// <summary>How long an agent has to accept an offer before it goes to someone else.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Conversations an agent handles at once unless configured otherwise.</summary>
    public int DefaultCapacity { get; set; } = 3;

    /// <summary>How long a declined conversation is not offered again to the agent who declined it.</summary>
    public TimeSpan DeclineCooldown { get; set; } = TimeSpan.FromMinutes(2);
}

public sealed class ConversationOptions
{
    /// <summary>After resolution, a new customer message reopens the conversation within this window; after it, the conversation closes.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromHours(24);

    public AcknowledgementOptions Acknowledgement { get; set; } = new();

    /// <summary>The language ("fr" or "en") assumed until a customer's words tell otherwise.</summary>
    public string DefaultLanguage { get; set; } = "fr";
}

/// <summary>The message that acknowledges a new conversation's first message, per language.</summary>
public sealed class AcknowledgementOptions
{
    public bool Enabled { get; set; } = true;

    public string English { get; set; } = "Thank you for your message. An advisor will reply as soon as possible.";

    public string French { get; set; } = "Merci pour votre message. Un conseiller vous répondra dans les meilleurs délais.";
}

public sealed class OrleansEndpointOptions
{
    public string ClusterId { get; set; } = "grid";

    public string ServiceId { get; set; } = "grid";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The IP other silos and clients reach this silo on (cluster mode).</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";
}
