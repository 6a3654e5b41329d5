using System.Globalization;
using Grid.Pipeline;

namespace Grid.Triage;

/// <summary>
/// Classifies each customer message with the tenant's category model (not cheap: it runs in
/// <see cref="InboundAnalysisGrain"/>), adding a <see cref="TriageFinding"/> and the facts <c>triage.category</c> and
/// <c>triage.probability</c> (two decimals), which the record-facts step journals when they change. A tenant without a
/// model gets nothing: after one version check per <see cref="TriageModels.CheckEvery"/>, a dictionary lookup.
/// </summary>
internal sealed class TriageAnalyzer(TriageModels models) : IMessageAnalyzer
{
    public const string CategoryFact = "triage.category";
    public const string ProbabilityFact = "triage.probability";

    public bool IsCheap => false;

    public async ValueTask AnalyzeAsync(AnalysisRequest request, MessageAnalysisBuilder analysis, CancellationToken cancellationToken)
    {
        if (await models.GetAsync(request.Tenant) is not { } model)
        {
            return;
        }

        var ranked = model.Classifier.Classify(request.Text);
        var best = ranked[0];
        analysis.Add(new TriageFinding(best.Category, best.Probability, [.. ranked.Take(3)], model.Version));
        analysis.Add(new FactsFinding("triage", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CategoryFact] = best.Category,
            [ProbabilityFact] = best.Probability.ToString("0.00", CultureInfo.InvariantCulture),
        }));
    }
}
