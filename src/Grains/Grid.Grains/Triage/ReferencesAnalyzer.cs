using Grid.Pipeline;

namespace Grid.Triage;

/// <summary>
/// Finds the references the tenant's patterns recognise in each customer message (invoice, account, contract, order
/// numbers, in canonical form) and proposes them as the fact <see cref="ReferencesFact"/>: every reference the
/// conversation has seen so far, in order of appearance ("invoice-number INV-2026-00123; contract-number K-004512"). The
/// patterns are this silo's compiled copy, checked every 5 seconds; a tenant without patterns finds nothing.
/// </summary>
internal sealed class ReferencesAnalyzer(TenantReferencePatterns patterns) : IMessageAnalyzer
{
    public const string ReferencesFact = "triage.references";

    /// <summary>At most this many references are kept in the fact (the oldest go first).</summary>
    public const int MaxKept = 20;

    private static readonly TimeSpan PatternAge = TimeSpan.FromSeconds(5);

    public bool IsCheap => false;

    public async ValueTask AnalyzeAsync(AnalysisRequest request, MessageAnalysisBuilder analysis, CancellationToken cancellationToken)
    {
        var compiled = await patterns.GetAsync(request.Tenant, PatternAge);
        if (compiled.Patterns.Count == 0)
        {
            return;
        }

        var found = compiled.Extract(request.Text);
        if (found.Count > 0)
        {
            analysis.Add(new FactsFinding("references", new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ReferencesFact] = string.Join("; ", found.Select(r => $"{r.Kind} {r.Canonical}")),
            }));
        }
    }

    /// <summary>The references known so far and the new ones, each once, in order of appearance.</summary>
    public static string Merge(string? known, string found)
    {
        var all = (known ?? "").Split("; ", StringSplitOptions.RemoveEmptyEntries)
            .Concat(found.Split("; ", StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return string.Join("; ", all.Skip(Math.Max(0, all.Count - MaxKept)));
    }
}
