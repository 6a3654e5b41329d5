using Microsoft.Extensions.Logging;

namespace Grid.Bot;

/// <summary>
/// Seeds a tenant's knowledge base when the silo becomes active, only when it was never written
/// (<see cref="IKnowledgeBaseGrain.SeedAsync"/>): a knowledge base that exists, even emptied, is left as it is. The silo
/// starts serving after this step, so the seeded entries are there from the first call. A failure is logged and the
/// silo starts anyway; the next start tries again.
/// </summary>
internal sealed class KnowledgeSeeder(string tenant, KnowledgeSeed seed, IGrainFactory grains, ILogger<KnowledgeSeeder> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(KnowledgeSeeder), ServiceLifecycleStage.Active, SeedAsync);

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await grains.GetGrain<IKnowledgeBaseGrain>(tenant).SeedAsync(seed.Document(), seed.Settings()))
            {
                logger.LogInformation("Knowledge base of tenant {Tenant} exists: not seeded", tenant);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Seeding the knowledge base of tenant {Tenant} failed; the next start tries again", tenant);
        }
    }
}

/// <summary>What a seeded knowledge base starts with: its entries' document, and its settings' document or null for the defaults.</summary>
internal sealed record KnowledgeSeed(Func<string> Document, Func<string?> Settings);
