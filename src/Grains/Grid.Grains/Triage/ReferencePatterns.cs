using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Grid.Triage;

/// <summary>
/// A tenant's reference patterns, compiled: <see cref="Extract"/> finds every reference in a whole email (subject,
/// body, quoted and forwarded parts, signatures, attachment names) and returns each once, in canonical form, in order of
/// appearance. Compile once per tenant and keep the result (the caller caches it); it is immutable and thread-safe.
/// <para>
/// Every regex runs with <see cref="RegexOptions.CultureInvariant"/> and a <see cref="MatchTimeout"/>, so a pattern that
/// backtracks catastrophically on some text cannot hang a silo: on a timeout that pattern finds nothing in that text and
/// the others still run.
/// </para>
/// </summary>
internal sealed class ReferencePatterns
{
    /// <summary>The most patterns a tenant may have.</summary>
    public const int MaxPatterns = 50;

    /// <summary>The longest detection regex accepted, in characters.</summary>
    public const int MaxRegexLength = 500;

    /// <summary>How long one pattern may search one text.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The embedded demo data's resource name.</summary>
    public const string DemoResource = "Grid.Triage.identification-cases.json";

    // Short texts a detection regex must not match with zero length; a pattern that can match nothing would report
    // empty references everywhere.
    private static readonly string[] EmptyProbes = ["", " ", "-", "a", "A", "0", "a 0-b", "\n"];

    private static readonly Lazy<ReferencePatterns> DemoPatterns = new(() => Compile(ReadDemo()));

    private readonly ImmutableArray<Compiled> compiled;

    private ReferencePatterns(ImmutableArray<Compiled> compiled) => this.compiled = compiled;

    /// <summary>The demo tenant's patterns, from the embedded <c>Triage/Data/identification-cases.json</c>.</summary>
    public static ReferencePatterns Demo => DemoPatterns.Value;

    /// <summary>The patterns as configured, in order.</summary>
    public IReadOnlyList<ReferencePattern> Patterns => [.. compiled.Select(c => c.Pattern)];

    /// <summary>
    /// Compiles a tenant's patterns, or refuses them with a <see cref="TriageRuleException"/> whose field names the one
    /// at fault (<c>patterns[2].detect_regex</c>) and whose message gives the reason (the regex parser's own for a regex
    /// that does not compile): an empty or duplicate kind, an empty, too long or empty-matching regex, an empty template
    /// or one naming a group the regex does not have, more than <see cref="MaxPatterns"/> patterns.
    /// </summary>
    public static ReferencePatterns Compile(IReadOnlyList<ReferencePattern> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Count > MaxPatterns)
        {
            throw Refuse("patterns", $"{patterns.Count} patterns, at most {MaxPatterns} allowed", TriageErrorCodes.LimitReached);
        }

        var kinds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = ImmutableArray.CreateBuilder<Compiled>(patterns.Count);
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
            var field = $"patterns[{i}]";
            if (pattern is null)
            {
                throw Refuse(field, "the pattern is missing");
            }

            if (string.IsNullOrWhiteSpace(pattern.Kind))
            {
                throw Refuse($"{field}.kind", "the kind is empty");
            }

            if (!kinds.Add(pattern.Kind.Trim()))
            {
                throw Refuse($"{field}.kind", $"the kind '{pattern.Kind}' is already used by another pattern");
            }

            var regex = CompileRegex(pattern.DetectRegex, $"{field}.detect_regex");
            var template = ParseTemplate(pattern.Canonical, regex, $"{field}.canonical");
            result.Add(new Compiled(pattern, pattern.Kind.Trim(), regex, template));
        }

        return new ReferencePatterns(result.MoveToImmutable());
    }

    /// <summary>
    /// The references in <paramref name="text"/>, each (kind and canonical form) once, in order of first appearance.
    /// A pattern that times out on this text contributes nothing.
    /// </summary>
    public IReadOnlyList<ExtractedReference> Extract(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var found = new List<ExtractedReference>();
        foreach (var pattern in compiled)
        {
            var own = new List<ExtractedReference>();
            try
            {
                for (var match = pattern.Regex.Match(text); match.Success; match = match.NextMatch())
                {
                    if (match.Length > 0)
                    {
                        own.Add(new ExtractedReference(pattern.Kind, pattern.Canonical(match), match.Value, match.Index));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            found.AddRange(own);
        }

        // Stable: two patterns matching at the same index keep the configured order.
        var seen = new HashSet<(string, string)>();
        return [.. found.OrderBy(r => r.Index).Where(r => seen.Add((r.Kind, r.Canonical)))];
    }

    /// <summary>Reads the demo tenant's patterns from the embedded identification cases.</summary>
    internal static IReadOnlyList<ReferencePattern> ReadDemo()
    {
        using var document = JsonDocument.Parse(TriageSeeder.ReadResource(DemoResource));
        return [.. document.RootElement.GetProperty("referencePatterns").EnumerateArray().Select(p => new ReferencePattern(
            p.GetProperty("kind").GetString() ?? "",
            p.GetProperty("format").GetString() ?? "",
            p.GetProperty("detectRegex").GetString() ?? "",
            p.GetProperty("canonical").GetString() ?? ""))];
    }

    private static Regex CompileRegex(string? pattern, string field)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw Refuse(field, "the regex is empty");
        }

        if (pattern.Length > MaxRegexLength)
        {
            throw Refuse(field, $"the regex has {pattern.Length} characters, at most {MaxRegexLength} allowed", TriageErrorCodes.LimitReached);
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            // RegexParseException derives from ArgumentException; its message says what and at which offset.
            throw Refuse(field, ex.Message);
        }

        try
        {
            foreach (var probe in EmptyProbes)
            {
                for (var match = regex.Match(probe); match.Success; match = match.NextMatch())
                {
                    if (match.Length == 0)
                    {
                        throw Refuse(field, $"the regex matches the empty string (at offset {match.Index} of \"{probe}\")");
                    }
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw Refuse(field, $"the regex takes longer than {MatchTimeout.TotalMilliseconds} ms on a few characters");
        }

        return regex;
    }

    // The template as literal parts and group numbers: "INV-{1}-{2}" → "INV-", 1, "-", 2. No escapes: canonical forms
    // have no braces.
    private static ImmutableArray<Part> ParseTemplate(string? template, Regex regex, string field)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            throw Refuse(field, "the canonical template is empty");
        }

        var parts = ImmutableArray.CreateBuilder<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                throw Refuse(field, $"'}}' without '{{' at offset {i}");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var end = template.IndexOf('}', i + 1);
            if (end < 0)
            {
                throw Refuse(field, $"'{{' at offset {i} is not closed");
            }

            var name = template[(i + 1)..end];
            var number = name.Length == 0 ? -1 : regex.GroupNumberFromName(name);
            if (number < 0)
            {
                var groups = string.Join(", ", regex.GetGroupNames().Where(g => g != "0").Select(g => "{" + g + "}"));
                throw Refuse(field, $"{{{name}}} names no group of the regex (it has {(groups.Length == 0 ? "none" : groups)})");
            }

            if (literal.Length > 0)
            {
                parts.Add(new Part(literal.ToString(), -1));
                literal.Clear();
            }

            parts.Add(new Part(null, number));
            i = end;
        }

        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), -1));
        }

        return parts.ToImmutable();
    }

    private static TriageRuleException Refuse(string field, string reason, string code = TriageErrorCodes.Invalid) =>
        new(code, $"{field}: {reason}", field);

    private readonly record struct Part(string? Literal, int Group);

    private sealed record Compiled(ReferencePattern Pattern, string Kind, Regex Regex, ImmutableArray<Part> Template)
    {
        // A group's value as people typed it, upper-cased and without the spaces and dashes they put inside; the
        // template alone decides the canonical separators.
        public string Canonical(Match match)
        {
            var canonical = new StringBuilder();
            foreach (var part in Template)
            {
                if (part.Literal is not null)
                {
                    canonical.Append(part.Literal);
                    continue;
                }

                foreach (var c in match.Groups[part.Group].ValueSpan)
                {
                    if (c != '-' && !char.IsWhiteSpace(c))
                    {
                        canonical.Append(char.ToUpperInvariant(c));
                    }
                }
            }

            return canonical.ToString();
        }
    }
}
