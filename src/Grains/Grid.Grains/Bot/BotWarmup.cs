using System.Diagnostics;
using Grid.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Bot;

/// <summary>A tenant whose knowledge base the silo seeds, and so builds the matcher of at start (<see cref="BotWarmup"/>).</summary>
internal sealed record SeededKnowledgeTenant(string Tenant);

/// <summary>
/// Builds the matchers of the tenants listed in <c>Grid:Bot:WarmTenants</c> and of the seeded ones in the background
/// once the silo is active (after the seeding), and decides a message in each language with each so that the shared
/// models (the person-request model, the sentence embedder) are loaded too: their first customer message does not wait
/// for a build that takes seconds to tens of seconds (<see cref="BotMatchers"/>). The silo serves meanwhile; a message
/// that comes first waits at most <c>Grid:Bot:FirstBuildWait</c> (<see cref="BotAnalyzer"/>). A failure is logged.
/// </summary>
internal sealed class BotWarmup(
    BotMatchers matchers, IEnumerable<SeededKnowledgeTenant> seeded, IOptions<GridRuntimeOptions> options, ILogger<BotWarmup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The tenants warmed, in order, without repeats.</summary>
    public IReadOnlyList<string> Tenants { get; } =
        [.. seeded.Select(s => s.Tenant).Concat(options.Value.Bot.WarmTenants).Distinct(StringComparer.Ordinal)];

    public void Participate(ISiloLifecycle lifecycle)
    {
        // Phrasing vectors and trained models (the person-request model, each base's scorer) kept for the next process.
        var runtime = options.Value;
        var cache = runtime.Bot.EmbeddingCache ?? (runtime.Mode == GridMode.Embedded ? Path.Combine(runtime.DataDir, "embeddings") : null);
        SentenceEmbedder.UseDiskCache(cache, logger);
        TrainedModelCache.UseDiskCache(cache, logger);
        lifecycle.Subscribe(nameof(BotWarmup), ServiceLifecycleStage.Active + 1, Start);
    }

    private Task Start(CancellationToken cancellationToken)
    {
        if (matchers.Installed && Tenants.Count > 0)
        {
            _ = Task.Run(WarmAllAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task WarmAllAsync()
    {
        foreach (var tenant in Tenants)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var (matcher, version) = await matchers.GetAsync(tenant);
                matcher.Decide("bonjour, je voudrais parler à un conseiller", "fr");
                matcher.Decide("hello, what are your opening hours?", "en");
                logger.LogInformation("Bot of tenant {Tenant} ready on this silo (knowledge base version {Version}) in {Seconds:0.0} s",
                    tenant, version, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Building the bot of tenant {Tenant} at start failed; its first message builds it again", tenant);
            }
        }
    }
}
