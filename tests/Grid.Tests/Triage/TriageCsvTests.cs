using System.Text;
using Grid.Triage;

namespace Grid.Tests.Triage;

public sealed class TriageCsvTests
{
    private static TriageRuleException Refused(string csv, IReadOnlyCollection<string>? categories = null) =>
        Assert.Throws<TriageRuleException>(() => TriageCsv.Read(csv, categories));

    [Fact]
    public void Quoted_fields_doubled_quotes_line_breaks_crlf_and_lf_are_read()
    {
        var csv = "text,category\r\n\"Subject: a, b\n\nHe said \"\"hello\"\"\nbye\",payment\r\nplain text,outage\n\"x\",\"contract\"\n";
        var examples = TriageCsv.Read(csv);
        Assert.Equal(3, examples.Count);
        Assert.Equal("Subject: a, b\n\nHe said \"hello\"\nbye", examples[0].Text);
        Assert.Equal(("payment", 2), (examples[0].Category, examples[0].Line));
        Assert.Equal(("plain text", "outage", 6), (examples[1].Text, examples[1].Category, examples[1].Line));
        Assert.Equal(("x", "contract", 7), (examples[2].Text, examples[2].Category, examples[2].Line));
    }

    [Fact]
    public void A_utf8_bom_is_skipped_and_invalid_utf8_refused()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("text,category\n\"Électricité coupée\",outage")).ToArray();
        Assert.Equal("Électricité coupée", Assert.Single(TriageCsv.Read(bytes)).Text);
        var invalid = Encoding.UTF8.GetBytes("text,category\nab,outage\n").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        Assert.Contains("not valid UTF-8", Assert.Throws<TriageRuleException>(() => TriageCsv.Read(invalid)).Message);
    }

    [Fact]
    public void The_demo_files_read_whole()
    {
        var dir = Path.Combine(RepoPathsOf.Data);
        Assert.Equal(422, TriageCsv.Read(File.ReadAllBytes(Path.Combine(dir, "triage-train.csv"))).Count);
        Assert.Equal(184, TriageCsv.Read(File.ReadAllBytes(Path.Combine(dir, "triage-eval.csv"))).Count);
    }

    [Theory]
    [InlineData("txt,category\nhello,outage\n", 1, "header", "the header must be 'text,category'")]
    [InlineData("text,category\nhello,outage\n\"never closed,outage\n", 3, "text", "opens a quote that is never closed")]
    [InlineData("text,category\n\"a\nb\"x,outage\n", 2, "text", "has text after its closing quote")]
    [InlineData("text,category\nhe said \"hi\",outage\n", 2, "text", "has a quote but does not start with one")]
    [InlineData("text,category\nhello,outage\nhello\n", 3, "record", "has 1")]
    [InlineData("text,category\nhello,outage,extra\n", 2, "record", "has 3")]
    [InlineData("text,category\n\"\n\",outage\n", 2, "text", "field 'text' is empty")]
    [InlineData("text,category\nhello,\n", 2, "category", "field 'category' is empty")]
    [InlineData("text,category\nhello,outage\n\nbye,outage\n", 3, "record", "an empty line")]
    [InlineData("text,category\n", 1, "record", "no record")]
    public void Malformed_files_are_refused_naming_the_line_and_field(string csv, int line, string field, string message)
    {
        var refused = Refused(csv);
        Assert.Equal((line, field), (refused.Line, refused.Field));
        Assert.Contains(message, refused.Message);
        Assert.StartsWith(line == 1 && field == "record" ? "the file" : $"line ", refused.Message);
    }

    [Fact]
    public void An_unknown_category_is_refused_naming_its_line()
    {
        var refused = Refused("text,category\n\"a\nb\",outage\nc,refund\n", ["outage", "payment"]);
        Assert.Equal((4, "category"), (refused.Line, refused.Field));
        Assert.Contains("'refund', which is not one of the tenant's categories (outage, payment)", refused.Message);
    }
}

internal static class RepoPathsOf
{
    public static string Data { get; } = Path.Combine(Infrastructure.RepoPaths.Root, "src/Grains/Grid.Grains/Triage/Data");
}
