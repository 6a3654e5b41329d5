using System.Text.RegularExpressions;

namespace Grid.Tests.Operations;

/// <summary>One scrape of a host's /metrics in the OpenMetrics format (the one that carries exemplars), parsed by family.</summary>
public sealed partial class MetricsScrape
{
    private MetricsScrape(string text, Dictionary<string, string> types)
    {
        Text = text;
        Types = types;
    }

    public string Text { get; }

    /// <summary>Every family's type by name, as its # TYPE line says.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    /// <summary>The names a query may use: families, and their _bucket, _sum, _count, _total series.</summary>
    public IReadOnlySet<string> SeriesNames => SampleName().Matches(Text).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>Whether a family or a sample of that name is exported (a counter's sample name ends in _total).</summary>
    public bool Has(string name) => Types.ContainsKey(name) || SeriesNames.Contains(name);

    public static async Task<MetricsScrape> ReadAsync(int httpPort)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{httpPort}/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        var types = TypeLine().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        return new MetricsScrape(text, types);
    }

    /// <summary>The label names used by the samples of every family.</summary>
    public IEnumerable<string> LabelNames() =>
        LabelSet().Matches(Text).SelectMany(m => LabelName().Matches(m.Groups[1].Value).Select(l => l.Groups[1].Value)).Distinct();

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", RegexOptions.Multiline)]
    private static partial Regex SampleName();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*\{([^}]*)\}", RegexOptions.Multiline)]
    private static partial Regex LabelSet();

    [GeneratedRegex(@"(?:^|,)([^=,]+)=""")]
    private static partial Regex LabelName();
}
