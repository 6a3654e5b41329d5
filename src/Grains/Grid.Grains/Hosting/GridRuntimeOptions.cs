using Microsoft.Extensions.Configuration;

namespace Grid.Hosting;

/// <summary>Where Grid runs and what it stores where. Bound from the "Grid" configuration section.</summary>
public sealed class GridRuntimeOptions
{
    public const string Section = "Grid";

    /// <summary>
    /// Reads the options from configuration before dependency injection exists (the silo's endpoints and storage);
    /// everything else receives them bound once through <c>IOptions&lt;GridRuntimeOptions&gt;</c>.
    /// </summary>
    public static GridRuntimeOptions Read(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var options = new GridRuntimeOptions();
        configuration.GetSection(Section).Bind(options);
        var failures = GridRuntimeOptionsValidator.Check(options);
        if (failures.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(Section, typeof(GridRuntimeOptions), failures);
        }

        return options;
    }

    /// <summary>Embedded (one process, SQLite) or Cluster (PostgreSQL, N silos and M edges).</summary>
    public GridMode Mode { get; set; } = GridMode.Embedded;

    /// <summary>Directory of the SQLite files and development secrets in embedded mode.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>PRAGMA synchronous for SQLite: NORMAL survives a process kill; FULL also survives power loss.</summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    public RoutingOptions Routing { get; set; } = new();

    public ConversationOptions Conversations { get; set; } = new();

    public OrleansEndpointOptions Orleans { get; set; } = new();

    public IdentityOptions Identity { get; set; } = new();

    public PipelineOptions Pipeline { get; set; } = new();

    public PostgresOptions Postgres { get; set; } = new();

    public PrivacyOptions Privacy { get; set; } = new();

    public ProactiveOptions Proactive { get; set; } = new();

    public OutboxOptions Outbound { get; set; } = new();
    public LinkOptions Links { get; set; } = new();

    public BotOptions Bot { get; set; } = new();
}

/// <summary>The bot's matchers on this silo (Grid:Bot; docs/architecture.md, "The bot").</summary>
public sealed class BotOptions
{
    /// <summary>
    /// Tenants whose matcher each silo builds in the background as soon as it is active, so that their first customer
    /// message finds the bot ready (a seeded tenant, the embedded demo, is warmed without being listed).
    /// </summary>
    public List<string> WarmTenants { get; set; } = [];

    /// <summary>
    /// How long a customer message waits for its tenant's first matcher on this silo (a build takes seconds to tens of
    /// seconds). Past it, the message goes on without the bot (to a person, reason "bot-warming-up") and the build
    /// carries on for the next ones.
    /// </summary>
    public TimeSpan FirstBuildWait { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A directory where the silo keeps the sentence vectors of knowledge bases' phrasings, so that a restart or another
    /// process on the machine reads them instead of encoding them again (the demo base: about 19 s of CPU). Unset: in
    /// embedded mode <c>&lt;Grid:DataDir&gt;/embeddings</c>, in cluster mode none. Holds vectors only, no text.
    /// </summary>
    public string? EmbeddingCache { get; set; }
}

/// <summary>Actionable pushes' links (Grid:Links; docs/architecture.md, "Actionable pushes").</summary>
public sealed class LinkOptions
{
    /// <summary>
    /// Base64 key (at least 32 bytes) that signs the links (HMAC-SHA256), the same on every silo. Embedded mode generates
    /// one in the data directory; unset in cluster mode, incidents with an action are refused (FAILED_PRECONDITION).
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// The address customers reach the edges' pages at (https://support.example.com), links being that and
    /// "/a/&lt;token&gt;". Embedded mode defaults to http://127.0.0.1:&lt;Grid:Http:Port&gt;.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a link lives when the action does not say (from the push).</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>GDPR: how often each tenant's retention policy runs (docs/architecture.md, "GDPR and audit").</summary>
public sealed class PrivacyOptions
{
    /// <summary>
    /// The period of each tenant's retention reminder (a tenant with a policy set). Shorter periods (seconds, for tests)
    /// lower Orleans' minimum reminder period for the silo.
    /// </summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many conversations one scheduled run purges at most (the next run continues).</summary>
    public int RetentionBatch { get; set; } = 500;
}

/// <summary>Cluster mode's database connections.</summary>
/// <summary>Proactive pushes' fan-out (Grid:Proactive; docs/architecture.md, "Proactive pushes").</summary>
public sealed class ProactiveOptions
{
    /// <summary>
    /// Customers read from the audience per batch: their deliveries and their pushes' outbox rows are written in one
    /// transaction, then the cursor.
    /// </summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Pushes linked into conversations per round of the linker (a round per pump tick, after the batches).</summary>
    public int LinkBatchSize { get; set; } = 500;

    /// <summary>Links of one incident in flight at once (customer → conversation → journal).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How old a silo's copy of a tenant's open incidents may be when an inbound message is checked for deflection.</summary>
    public TimeSpan IncidentCacheAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The share of time one incident's fan-out may work (batches and link rounds), 0.05 to 1: after working t it rests
    /// t × (1 − share) / share, leaving the rest of the silo to the inbound traffic. Half by default: measured, it cut
    /// the inbound p99 during a fan-out from 7.7× to 4.7× the same load's alone, for 35% more time to the outbox
    /// (docs/benchmarks.md, B5).
    /// </summary>
    public double MaxShare { get; set; } = 0.5;
}

public sealed class PostgresOptions
{
    public const int DefaultMaxPoolSize = 25;

    /// <summary>
    /// Connections one process opens at most to PostgreSQL (grain state, reminders, membership and Grid's tables share
    /// them); size it so that silos × this + edges stays under the server's max_connections. Ignored when the connection
    /// string sets "Maximum Pool Size".
    /// </summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;
}

public sealed class IdentityOptions
{
    /// <summary>Base64 key (at least 32 bytes) of the keyed hash that turns customers' addresses into identity grain keys.</summary>
    public string? HashKey { get; set; }

    /// <summary>
    /// From what confidence (0.5 to 1) a customer identified from a message's content (a reference, the sender's domain;
    /// see docs/triage.md) has the sender's unknown address linked to it; below, the match is a suggestion to the agent.
    /// </summary>
    public double LinkConfidence { get; set; } = CustomerDirectory.CustomerIdentifier.LinkThreshold;

    /// <summary>Whether an address Grid does not know is identified from the content of its first message.</summary>
    public bool IdentifyFromContent { get; set; } = true;
}

/// <summary>The inbound pipeline: its steps by name, in the order they run.</summary>
public sealed class PipelineOptions
{
    /// <summary>Step names in order; every name must be a registered step.</summary>
    public List<string> Steps { get; set; } = [];

    /// <summary>The order used when <see cref="Steps"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultSteps { get; } = ["record-facts", "identify", "screen", "incident", "callback", "bot", "escalate", "route", "acknowledge"];
}

/// <summary>Whether an email reply from an address Grid does not know joins the conversation it replies to.</summary>
public enum ReplyLinking
{
    /// <summary>Never: an unknown address is a new customer.</summary>
    Never,

    /// <summary>When the address has the same domain as one of the conversation customer's email addresses.</summary>
    SameDomain,

    /// <summary>Always: the address is linked to the customer of the conversation it replies to.</summary>
    Any,
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

    /// <summary>
    /// How long a conversation whose offer expired is not offered again to the agent who let it expire (a declined
    /// conversation is never offered again to the agent who declined it while it waits in that queue).
    /// </summary>
    public TimeSpan DeclineCooldown { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After an agent's last connection closes, how long before their conversations go back to the queue (unless they reconnect).</summary>
    public TimeSpan DisconnectGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A waiting conversation gains one point of priority per this much waiting.</summary>
    public TimeSpan AgingStep { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A first-response deadline within this adds up to 20 points of priority, the closer the more (20 once missed).</summary>
    public TimeSpan SlaHorizon { get; set; } = TimeSpan.FromMinutes(10);

    internal Routing.RoutingPolicy.Weights Weights => new(AgingStep, SlaHorizon, 20);
}

public sealed class ConversationOptions
{
    /// <summary>After resolution, a new customer message reopens the conversation within this window; after it, the conversation closes.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromHours(24);

    public AcknowledgementOptions Acknowledgement { get; set; } = new();

    /// <summary>The language ("fr" or "en") assumed until a customer's words tell otherwise.</summary>
    public string DefaultLanguage { get; set; } = "fr";

    /// <summary>
    /// An email from an unknown address whose In-Reply-To or References names a message of an open conversation:
    /// link the address to that conversation's customer and thread it there (see <see cref="ReplyLinking"/>).
    /// </summary>
    public ReplyLinking LinkEmailReplies { get; set; } = ReplyLinking.SameDomain;

    /// <summary>The conversation snapshot is written after this many events (and on deactivation); the journal is the truth in between.</summary>
    public int SnapshotEvery { get; set; } = 64;

    /// <summary>How many recent messages a conversation keeps at hand for its pipeline steps.</summary>
    public int RecentMessages { get; set; } = 10;

    /// <summary>
    /// How often a conversation's clock reminder ticks once something on it is due (service-level deadlines, status
    /// updates, resolution for silence, callbacks): the most a timed action may be late. 1 second to 1 hour.
    /// </summary>
    public TimeSpan ClockPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An email whose normalised subject is the one of the same customer's open conversation active within this window
    /// joins it (docs/architecture.md, "Grouping"). Zero: subjects never group. At most 90 days.
    /// </summary>
    public TimeSpan GroupingWindow { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>The message that acknowledges a new conversation's first message, per language.</summary>
public sealed class AcknowledgementOptions
{
    public bool Enabled { get; set; } = true;

    public string English { get; set; } = "Thank you for your message. An advisor will reply as soon as possible.";

    public string French { get; set; } = "Merci pour votre message. Un conseiller vous répondra dans les meilleurs délais.";

    /// <summary>Outside the tenant's opening hours; {opening} is replaced by the next opening, local time.</summary>
    public string OutsideHoursEnglish { get; set; } =
        "Thank you for your message. Our advisers are away right now: the first one available will answer you from {opening}. If you would rather be called back, reply \"call me back\" with the best time.";

    public string OutsideHoursFrench { get; set; } =
        "Merci pour votre message. Nos conseillers sont absents pour le moment : le premier disponible vous répondra à partir de {opening}. Si vous préférez être rappelé, répondez « rappelez-moi » en indiquant le meilleur moment.";
}

public sealed class OrleansEndpointOptions
{
    public string ClusterId { get; set; } = "grid";

    public string ServiceId { get; set; } = "grid";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The IP other silos and clients reach this silo on (cluster mode).</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>
    /// The IP the silo and gateway ports listen on (cluster mode); when not set, <see cref="AdvertisedIp"/>. Set it only
    /// when the advertised address is not local (NAT, containers); 0.0.0.0 listens on every interface.
    /// </summary>
    public string? ListenAddress { get; set; }
}
