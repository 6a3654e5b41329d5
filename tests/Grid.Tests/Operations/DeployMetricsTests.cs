using System.Text.Json;
using System.Text.RegularExpressions;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.Operations;

/// <summary>
/// Every metric the Grafana dashboard and the Prometheus alert rules in deploy/ query is exported by a real host, so a
/// renamed metric cannot leave a panel or an alert silently empty.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed partial class DeployMetricsTests(EmbeddedGridFixture fixture)
{
    [Fact]
    public async Task Every_metric_of_the_dashboard_and_the_alert_rules_is_exported()
    {
        var deploy = Path.Combine(RepoPaths.Root, "deploy");
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(deploy, "grafana", "grid-dashboard.json")));
        var panelQueries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!)).ToList();
        var alertQueries = AlertExpressions(await File.ReadAllLinesAsync(Path.Combine(deploy, "prometheus", "alerts.yml"))).ToList();
        Assert.True(panelQueries.Count >= 15, "the dashboard lost its panels");
        Assert.True(alertQueries.Count >= 5, "the alert rules lost their expressions");

        var scrape = await MetricsExportTests.DriveAndScrapeAsync(fixture.Grid, "deploy");
        var used = panelQueries.Concat(alertQueries).SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.True(scrape.Has(name), $"{name} is used in deploy/ but not exported by the host"));
    }

    /// <summary>The expressions of the rules (an <c>expr:</c> line and the lines of a block under it).</summary>
    private static IEnumerable<string> AlertExpressions(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith("expr:", StringComparison.Ordinal))
            {
                continue;
            }

            var expression = line["expr:".Length..];
            while (i + 1 < lines.Length && !RuleKey().IsMatch(lines[i + 1]))
            {
                expression += " " + lines[++i].Trim();
            }

            yield return expression;
        }
    }

    [GeneratedRegex(@"\b(grid|orleans|dotnet|process)_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^\s*-?\s*(for|labels|annotations|alert|expr):")]
    private static partial Regex RuleKey();
}
