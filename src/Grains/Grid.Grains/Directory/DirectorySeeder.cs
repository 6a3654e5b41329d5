using System.Text.Json;
using Grid.Triage;
using Microsoft.Extensions.Logging;

namespace Grid.CustomerDirectory;

/// <summary>
/// Gives a tenant (the embedded mode's demo tenant) the demo reference patterns and customer directory of
/// <c>Triage/Data/identification-cases.json</c> when the silo becomes active: the patterns when none were ever set, the
/// directory when it is empty, so a new user's emails quoting "INV-2026-00123" find Boulangerie Marchal at once. In the
/// background; a failure is logged and the next start tries again.
/// </summary>
internal sealed class DirectorySeeder(string tenant, IGrainFactory grains, ILogger<DirectorySeeder> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DirectorySeeder), ServiceLifecycleStage.Active, cancellationToken =>
        {
            _ = Task.Run(() => SeedAsync(cancellationToken), CancellationToken.None);
            return Task.CompletedTask;
        });

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var patterns = grains.GetGrain<IReferencePatternsGrain>(tenant);
            if (await patterns.GetVersionAsync() == 0)
            {
                await patterns.SetAsync(ReferencePatterns.ReadDemo());
                logger.LogInformation("Reference patterns of tenant {Tenant} seeded from the demo data", tenant);
            }

            var directory = grains.GetGrain<IDirectoryGrain>(tenant);
            if (!cancellationToken.IsCancellationRequested && (await directory.ListAsync(null, 1)).Customers.Count == 0)
            {
                using var cases = JsonDocument.Parse(TriageSeeder.ReadResource(ReferencePatterns.DemoResource));
                var summary = await directory.ImportAsync("json", cases.RootElement.GetProperty("directory").GetRawText());
                logger.LogInformation("Customer directory of tenant {Tenant} seeded with {Customers} demo customers", tenant, summary.Customers);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Seeding the reference patterns or the directory of tenant {Tenant} failed; the next start tries again", tenant);
        }
    }
}
