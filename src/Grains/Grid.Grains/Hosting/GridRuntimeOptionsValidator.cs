using Microsoft.Extensions.Options;

namespace Grid.Hosting;

/// <summary>Stops the start on a configuration that cannot work, with a message that names the key to fix.</summary>
internal sealed class GridRuntimeOptionsValidator : IValidateOptions<GridRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, GridRuntimeOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(GridRuntimeOptions o)
    {
        var failures = new List<string>(OutboxOptions.Check(o.Outbound));
        if (o.SqliteSynchronous.ToUpperInvariant() is not ("NORMAL" or "FULL" or "EXTRA"))
        {
            failures.Add($"Grid:SqliteSynchronous is '{o.SqliteSynchronous}'; use NORMAL, FULL or EXTRA.");
        }

        if (o.Conversations.DefaultLanguage is not ("fr" or "en"))
        {
            failures.Add($"Grid:Conversations:DefaultLanguage is '{o.Conversations.DefaultLanguage}'; use fr or en.");
        }

        if (o.Proactive.BatchSize is < 1 or > 5_000 || o.Proactive.LinkBatchSize is < 1 or > 5_000 || o.Proactive.Concurrency is < 1 or > 256)
        {
            failures.Add("Grid:Proactive:BatchSize and Grid:Proactive:LinkBatchSize must be 1 to 5000 and Grid:Proactive:Concurrency 1 to 256.");
        }

        if (!(o.Proactive.MaxShare is >= 0.05 and <= 1))
        {
            failures.Add($"Grid:Proactive:MaxShare is {o.Proactive.MaxShare}: give a share of time from 0.05 to 1 (0.5 by default; 1: the fan-out as fast as it goes).");
        }

        if (o.Proactive.IncidentCacheAge < TimeSpan.Zero || o.Proactive.IncidentCacheAge > TimeSpan.FromMinutes(1))
        {
            failures.Add("Grid:Proactive:IncidentCacheAge must be between 0 and 1 minute.");
        }

        if (o.Conversations.ReopenWindow < TimeSpan.Zero)
        {
            failures.Add("Grid:Conversations:ReopenWindow must not be negative.");
        }

        if (o.Conversations.SnapshotEvery is < 1 or > 100_000)
        {
            failures.Add("Grid:Conversations:SnapshotEvery must be between 1 and 100000 events.");
        }

        if (o.Conversations.RecentMessages is < 0 or > 100)
        {
            failures.Add("Grid:Conversations:RecentMessages must be between 0 and 100.");
        }

        if (o.Conversations.GroupingWindow < TimeSpan.Zero || o.Conversations.GroupingWindow > TimeSpan.FromDays(90))
        {
            failures.Add("Grid:Conversations:GroupingWindow must be between 00:00:00 (subjects never group) and 90.00:00:00.");
        }

        if (o.Conversations.ClockPeriod < TimeSpan.FromSeconds(1) || o.Conversations.ClockPeriod > TimeSpan.FromHours(1))
        {
            failures.Add("Grid:Conversations:ClockPeriod must be between 00:00:01 and 01:00:00.");
        }

        if (o.Routing.OfferTimeout <= TimeSpan.Zero)
        {
            failures.Add("Grid:Routing:OfferTimeout must be positive (for example 00:00:30).");
        }

        if (o.Routing.DefaultCapacity < 1)
        {
            failures.Add("Grid:Routing:DefaultCapacity must be at least 1.");
        }

        if (o.Routing.DeclineCooldown < TimeSpan.Zero)
        {
            failures.Add("Grid:Routing:DeclineCooldown must not be negative.");
        }

        if (o.Routing.DisconnectGrace < TimeSpan.FromSeconds(1) || o.Routing.DisconnectGrace > TimeSpan.FromHours(1))
        {
            failures.Add("Grid:Routing:DisconnectGrace must be between 00:00:01 and 01:00:00.");
        }

        if (o.Routing.AgingStep < TimeSpan.FromSeconds(1))
        {
            failures.Add("Grid:Routing:AgingStep must be at least 00:00:01.");
        }

        if (o.Routing.SlaHorizon < TimeSpan.FromSeconds(1))
        {
            failures.Add("Grid:Routing:SlaHorizon must be at least 00:00:01.");
        }

        foreach (var (key, port) in new[] { ("Grid:Orleans:SiloPort", o.Orleans.SiloPort), ("Grid:Orleans:GatewayPort", o.Orleans.GatewayPort) })
        {
            if (port is < 1 or > 65535)
            {
                failures.Add($"{key} is {port}; use a port between 1 and 65535.");
            }
        }

        if (!System.Net.IPAddress.TryParse(o.Orleans.AdvertisedIp, out _))
        {
            failures.Add($"Grid:Orleans:AdvertisedIp '{o.Orleans.AdvertisedIp}' is not an IP address.");
        }

        if (!string.IsNullOrWhiteSpace(o.Orleans.ListenAddress) && !System.Net.IPAddress.TryParse(o.Orleans.ListenAddress, out _))
        {
            failures.Add($"Grid:Orleans:ListenAddress '{o.Orleans.ListenAddress}' is not an IP address.");
        }

        if (string.IsNullOrEmpty(o.Identity.HashKey))
        {
            failures.Add("Grid:Identity:HashKey is not configured: a base64 key of at least 32 bytes, the same on every silo (embedded mode generates one in the data directory).");
        }
        else if (!IsBase64(o.Identity.HashKey, out var bytes) || bytes < 32)
        {
            failures.Add("Grid:Identity:HashKey must be base64 of at least 32 bytes (the same on every silo).");
        }

        if (!string.IsNullOrEmpty(o.Links.SigningKey) && (!IsBase64(o.Links.SigningKey, out var linkKeyBytes) || linkKeyBytes < 32))
        {
            failures.Add("Grid:Links:SigningKey must be base64 of at least 32 bytes (the same on every silo).");
        }

        if (!string.IsNullOrEmpty(o.Links.PublicBaseUrl)
            && (!Uri.TryCreate(o.Links.PublicBaseUrl, UriKind.Absolute, out var linkBase) || linkBase.Scheme is not ("http" or "https") || linkBase.Query.Length > 0))
        {
            failures.Add($"Grid:Links:PublicBaseUrl '{o.Links.PublicBaseUrl}' is not an http(s) address without a query (https://support.example.com).");
        }

        if (o.Bot.FirstBuildWait < TimeSpan.Zero || o.Bot.FirstBuildWait > TimeSpan.FromSeconds(25))
        {
            failures.Add($"Grid:Bot:FirstBuildWait is {o.Bot.FirstBuildWait}: give 00:00:00 to 00:00:25 (00:00:15 by default), below the 30 s a grain call may take.");
        }

        if (o.Bot.WarmTenants.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Grid:Bot:WarmTenants has an empty tenant id: list tenant ids, or leave it empty.");
        }

        if (o.Links.DefaultLifetime < TimeSpan.FromMinutes(1) || o.Links.DefaultLifetime > Grid.Proactive.ActionLimits.MaxLinkLifetime)
        {
            failures.Add($"Grid:Links:DefaultLifetime is {o.Links.DefaultLifetime}: give 00:01:00 to {Grid.Proactive.ActionLimits.MaxLinkLifetime:d\\.hh\\:mm\\:ss} (7.00:00:00 by default).");
        }

        if (o.Postgres.MaxPoolSize is < 2 or > 1000)
        {
            failures.Add($"Grid:Postgres:MaxPoolSize is {o.Postgres.MaxPoolSize}: give 2 to 1000 connections per process (25 by default); silos × this + edges must stay under PostgreSQL's max_connections.");
        }

        if (o.Privacy.RetentionPeriod < TimeSpan.FromSeconds(1) || o.Privacy.RetentionPeriod > TimeSpan.FromDays(7))
        {
            failures.Add($"Grid:Privacy:RetentionPeriod is {o.Privacy.RetentionPeriod}: give 00:00:01 to 7.00:00:00 between retention runs (01:00:00 by default).");
        }

        if (o.Privacy.RetentionBatch is < 1 or > 100_000)
        {
            failures.Add($"Grid:Privacy:RetentionBatch is {o.Privacy.RetentionBatch}: give 1 to 100000 conversations per run (500 by default).");
        }

        if (o.Identity.LinkConfidence is < 0.5 or > 1 || double.IsNaN(o.Identity.LinkConfidence))
        {
            failures.Add($"Grid:Identity:LinkConfidence is {o.Identity.LinkConfidence}: give a confidence from 0.5 to 1 (0.8 by default) from which an identification links the sender's address.");
        }

        return failures;
    }

    private static bool IsBase64(string value, out int length)
    {
        var buffer = new byte[value.Length];
        var ok = Convert.TryFromBase64String(value, buffer, out length);
        return ok;
    }
}
