using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grid.Triage;

namespace Grid.Tests.Triage;

public sealed class ReferenceExtractionTests
{
    private static readonly JsonElement Data = JsonDocument.Parse(TriageSeeder.ReadResource(ReferencePatterns.DemoResource)).RootElement;

    private static readonly ReferencePattern Invoice = new("invoice-number", "INV-YYYY-NNNNN",
        @"(?i)(?<![A-Z0-9])INV[ -]?(\d{4})[ -]?(\d{5})(?![0-9])", "INV-{1}-{2}");

    private static readonly ReferencePattern Account = new("account-number", "AC-NNNNNNN",
        @"(?i)(?<![A-Z0-9])AC[ -]?(\d{7})(?![0-9])", "AC-{1}");

    public static TheoryData<string, string, string> Variants()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var pattern in Data.GetProperty("referencePatterns").EnumerateArray())
        {
            var canonicalRegex = pattern.GetProperty("canonicalRegex").GetString()!;
            var variants = pattern.GetProperty("variants").EnumerateArray().Select(v => v.GetString()!).ToList();
            // The variants of one kind all spell the same number; the canonical one is the one the canonical regex takes whole.
            var canonical = Assert.Single(variants, v => Regex.IsMatch(v, $"^{canonicalRegex}$"));
            foreach (var variant in variants)
            {
                data.Add(pattern.GetProperty("kind").GetString()!, variant, canonical);
            }
        }

        return data;
    }

    public static TheoryData<string, string> NotReferences()
    {
        var data = new TheoryData<string, string>();
        foreach (var pattern in Data.GetProperty("referencePatterns").EnumerateArray())
        {
            foreach (var example in pattern.GetProperty("notReferences").EnumerateArray())
            {
                data.Add(pattern.GetProperty("kind").GetString()!, example.GetString()!);
            }
        }

        return data;
    }

    public static TheoryData<string> Cases() => [.. Data.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_typed_variant_is_normalised_to_its_canonical_form(string kind, string variant, string canonical)
    {
        var found = Assert.Single(ReferencePatterns.Demo.Extract($"Bonjour, voir {variant} merci"));
        Assert.Equal(kind, found.Kind);
        Assert.Equal(canonical, found.Canonical);
        Assert.Equal(14, found.Index);
        Assert.StartsWith(found.Raw, variant, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotReferences))]
    public void A_look_alike_is_not_a_reference_of_its_kind(string kind, string example)
    {
        Assert.DoesNotContain(ReferencePatterns.Demo.Extract(example), r => r.Kind == kind);
    }

    [Theory]
    [InlineData("IBAN FR76 3000 6000 0112 3456 7890 189")]
    [InlineData("IBAN BE68 5390 0754 7034")]
    [InlineData("TVA FR40303265045, VAT GB123456789, BE0123456789, CHE-123.456.789 TVA")]
    [InlineData("Tél. 01 23 45 67 89, +44 20 7946 0958, (514) 555-0142")]
    [InlineData("ticket #48213, dossier n° 48213, case 481230")]
    [InlineData("PO 4500012345, PO-123456, BC-77812, bon de commande 1234567")]
    [InlineData("SIRET 443 210 887 00021, PDL 14253647586970, 36 kVA, index 004512 kWh")]
    [InlineData("INV-2026-123 INV-26-00123 FAC-2026-00123 INV-2026-001234 XINV-2026-00123 AC-12345 ACC-0012345 K-4512 K-0045123 KW-004512 CMD-10451")]
    public void Other_look_alikes_are_no_reference_at_all(string text)
    {
        Assert.Empty(ReferencePatterns.Demo.Extract(text));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_case_yields_exactly_its_expected_references(string id)
    {
        var @case = Data.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        var message = @case.GetProperty("message");
        var text = $"Subject: {message.GetProperty("subject").GetString()}\n\n{message.GetProperty("body").GetString()}";
        var expected = @case.GetProperty("expected").GetProperty("references").EnumerateArray()
            .Select(r => (r.GetProperty("kind").GetString()!, r.GetProperty("value").GetString()!)).ToList();

        Assert.Equal(expected, ReferencePatterns.Demo.Extract(text).Select(r => (r.Kind, r.Canonical)).ToList());
    }

    [Fact]
    public void References_come_once_each_in_order_of_appearance_with_what_was_typed()
    {
        var patterns = ReferencePatterns.Compile([Invoice, Account]);
        const string text = "Compte ac 0012345 : factures inv2026 00123 et INV-2026-00456, encore INV 2026 00123 (AC-0012345).";

        var found = patterns.Extract(text);

        Assert.Equal(
            [
                new ExtractedReference("account-number", "AC-0012345", "ac 0012345", 7),
                new ExtractedReference("invoice-number", "INV-2026-00123", "inv2026 00123", 29),
                new ExtractedReference("invoice-number", "INV-2026-00456", "INV-2026-00456", 46),
            ],
            found);
    }

    [Fact]
    public void Named_groups_and_letters_in_groups_are_normalised_by_the_template()
    {
        var patterns = ReferencePatterns.Compile(
            [new ReferencePattern("site", "SITE-AA-NNN", @"(?i)(?<![A-Z0-9])SITE[ -]?(?<region>[A-Z]{2})[ -]?(?<n>\d{3})(?![0-9])", "SITE-{region}-{n}")]);

        Assert.Equal("SITE-NO-042", Assert.Single(patterns.Extract("site no 042")).Canonical);
    }

    [Fact]
    public void A_regex_that_does_not_compile_is_refused_with_the_parsers_reason()
    {
        var refused = Assert.Throws<TriageRuleException>(() => ReferencePatterns.Compile(
            [Invoice, Account, Invoice with { Kind = "contract-number", DetectRegex = @"(?i)K[ -]?(\d{6}" }]));

        Assert.Equal("patterns[2].detect_regex", refused.Field);
        Assert.Equal(TriageErrorCodes.Invalid, refused.Code);
        Assert.StartsWith("patterns[2].detect_regex: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Not enough )'s", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_or_empty_kind_is_refused()
    {
        var duplicate = Assert.Throws<TriageRuleException>(() => ReferencePatterns.Compile([Invoice, Account, Account with { Kind = "Account-Number" }]));
        Assert.Equal("patterns[2].kind", duplicate.Field);
        Assert.Contains("already used", duplicate.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<TriageRuleException>(() => ReferencePatterns.Compile([Invoice with { Kind = " " }]));
        Assert.Equal("patterns[0].kind", empty.Field);
    }

    [Fact]
    public void A_template_naming_a_group_the_regex_does_not_have_is_refused()
    {
        var refused = Assert.Throws<TriageRuleException>(() => ReferencePatterns.Compile([Account, Invoice with { Canonical = "INV-{1}-{2}-{3}" }]));

        Assert.Equal("patterns[1].canonical", refused.Field);
        Assert.Contains("{3} names no group of the regex (it has {1}, {2})", refused.Message, StringComparison.Ordinal);

        var unclosed = Assert.Throws<TriageRuleException>(() => ReferencePatterns.Compile([Account with { Canonical = "AC-{1" }]));
        Assert.Equal("patterns[0].canonical", unclosed.Field);
    }

    [Theory]
    [InlineData(@"(?i)(?<![A-Z0-9])(\d{6})?")]
    [InlineData(@"x*")]
    [InlineData(@"\b")]
    public void A_regex_that_can_match_the_empty_string_is_refused(string regex)
    {
        var refused = Assert.Throws<TriageRuleException>(() => ReferencePatterns.Compile([Account with { DetectRegex = regex, Canonical = "AC" }]));

        Assert.Equal("patterns[0].detect_regex", refused.Field);
        Assert.Contains("matches the empty string", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_patterns_or_too_long_a_regex_is_refused()
    {
        var many = Enumerable.Range(0, ReferencePatterns.MaxPatterns + 1).Select(i => Account with { Kind = $"kind-{i}" }).ToList();
        var tooMany = Assert.Throws<TriageRuleException>(() => ReferencePatterns.Compile(many));
        Assert.Equal("patterns", tooMany.Field);
        Assert.Equal(TriageErrorCodes.LimitReached, tooMany.Code);
        Assert.Equal(ReferencePatterns.MaxPatterns, ReferencePatterns.Compile(many[..^1]).Patterns.Count);

        var longRegex = Assert.Throws<TriageRuleException>(() => ReferencePatterns.Compile(
            [Account, Invoice with { DetectRegex = Invoice.DetectRegex + new string(' ', ReferencePatterns.MaxRegexLength) }]));
        Assert.Equal("patterns[1].detect_regex", longRegex.Field);
    }

    [Fact]
    public void A_catastrophic_pattern_times_out_as_no_match_and_the_others_still_run()
    {
        const string catastrophic = @"(?i)(?<![A-Z])(A+)+Z";
        var text = "AC-0012345 " + new string('a', 40) + "!";
        // The pattern really is catastrophic on this text: alone, with the same timeout, it throws.
        Assert.Throws<RegexMatchTimeoutException>(() => new Regex(catastrophic, RegexOptions.CultureInvariant, ReferencePatterns.MatchTimeout).IsMatch(text));
        var patterns = ReferencePatterns.Compile([new ReferencePattern("bad", "AZ", catastrophic, "{0}"), Account]);

        var watch = Stopwatch.StartNew();
        var found = patterns.Extract(text);
        watch.Stop();

        Assert.Equal("AC-0012345", Assert.Single(found).Canonical);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"extraction took {watch.Elapsed}");
    }

    [Fact]
    public void The_demo_tenant_has_the_four_kinds_of_the_data_file()
    {
        Assert.Equal(["invoice-number", "account-number", "contract-number", "order-number"], ReferencePatterns.Demo.Patterns.Select(p => p.Kind));
    }
}
