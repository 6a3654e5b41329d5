using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Grid.Triage;

/// <summary>
/// Seeds a tenant's category model from the embedded demo history (<c>Triage/Data/triage-train.csv</c>) when the silo
/// becomes active and none was ever stored. Training (one trainer, no selection, a few seconds on two cores) runs in the
/// background so the start is not delayed; until it ends the tenant has no model. A failure is logged; the next start
/// tries again.
/// </summary>
internal sealed class TriageSeeder(string tenant, IGrainFactory grains, ILogger<TriageSeeder> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The demo history's resource name.</summary>
    public const string TrainingResource = "Grid.Triage.triage-train.csv";

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TriageSeeder), ServiceLifecycleStage.Active, cancellationToken =>
        {
            _ = Task.Run(() => SeedAsync(cancellationToken), CancellationToken.None);
            return Task.CompletedTask;
        });

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var grain = grains.GetGrain<ITriageModelGrain>(tenant);
            if (await grain.GetVersionAsync() != 0)
            {
                return;
            }

            var watch = Stopwatch.StartNew();
            var examples = TriageCsv.Read(ReadResource(TrainingResource));
            var classifier = new TriageTrainer().TrainOnly(examples);
            var upload = new TriageModelUpload(classifier.Save(), classifier.Categories, TriageTrainer.DemoTrainer, TriageMetrics.None,
                DateTimeOffset.UtcNow, watch.Elapsed.TotalSeconds);
            if (!cancellationToken.IsCancellationRequested && await grain.SeedAsync(upload))
            {
                logger.LogInformation("Triage model of tenant {Tenant} seeded from the demo history in {Seconds:F1} s", tenant, watch.Elapsed.TotalSeconds);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Seeding the triage model of tenant {Tenant} failed; the next start tries again", tenant);
        }
    }

    internal static byte[] ReadResource(string name)
    {
        using var stream = typeof(TriageSeeder).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
