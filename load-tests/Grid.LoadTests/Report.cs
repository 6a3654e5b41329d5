using System.Globalization;
using System.Text;

namespace Grid.LoadTests;

/// <summary>Rows of results, printed as a Markdown table.</summary>
public sealed class Report
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] row) => rows.Add(row);

    public static string Ms(double milliseconds) => milliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public void Print()
    {
        var text = new StringBuilder()
            .AppendLine("| scenario | setting | median throughput (per s) | median p50 (ms) | median p99 (ms) | vs baseline |")
            .AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        Console.WriteLine(text);
    }
}
