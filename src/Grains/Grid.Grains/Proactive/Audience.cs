namespace Grid.Proactive;

/// <summary>One tag test of an audience: the key, the value (null: any value) and whether it is negated.</summary>
internal sealed record TagTest(string Key, string? Value, bool Negated);

/// <summary>Tag tests that must all hold; at least one is positive (it drives the lookup in the index).</summary>
internal sealed record Conjunction(IReadOnlyList<TagTest> Tests)
{
    public IEnumerable<TagTest> Positives => Tests.Where(t => !t.Negated);

    public bool Matches(IReadOnlyDictionary<string, string> tags) =>
        Tests.All(t => t.Negated != (tags.TryGetValue(t.Key, out var value) && (t.Value is null || t.Value == value)));
}

/// <summary>
/// An audience expression over customer tags (docs/architecture.md, "Proactive pushes"): <c>building=12 AND elevator=b</c>,
/// <c>building=12 AND NOT plan=bronze</c>, conjunctions joined by OR (<c>building=12 OR building=14</c>). A bare key
/// (<c>vip</c>) tests that the tag is present with any value. Every conjunction needs a tag it includes, so the index
/// resolves it without scanning every customer. Keywords are case-insensitive; parentheses are not part of the syntax.
/// </summary>
internal sealed record Audience(IReadOnlyList<Conjunction> Conjunctions)
{
    public const int MaxLength = 1000;
    public const int MaxTests = 16;

    public bool Matches(IReadOnlyDictionary<string, string> tags) => Conjunctions.Any(c => c.Matches(tags));

    /// <summary>Parses an expression; <see cref="ProactiveRuleException"/> (invalid) names what is wrong and where.</summary>
    public static Audience Parse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw Invalid("audience: required, e.g. \"building=12 AND elevator=B\"");
        }

        if (expression.Length > MaxLength)
        {
            throw Invalid($"audience: {expression.Length} characters; at most {MaxLength}");
        }

        var words = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var conjunctions = new List<Conjunction>();
        var tests = new List<TagTest>();
        var negate = false;
        var expectTag = true;
        var count = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var at = $"audience, word {i + 1} ('{Shorten(word)}')";
            if (word.Contains('(', StringComparison.Ordinal) || word.Contains(')', StringComparison.Ordinal))
            {
                throw Invalid($"{at}: parentheses are not supported; write the audience as conjunctions joined by OR, e.g. \"building=12 AND elevator=b OR building=14\"");
            }

            switch (word.ToUpperInvariant())
            {
                case "AND" or "OR" when expectTag:
                    throw Invalid($"{at}: a tag is expected here, not {word.ToUpperInvariant()}");
                case "AND":
                    expectTag = true;
                    continue;
                case "OR":
                    conjunctions.Add(Conjunction(tests, at));
                    tests = [];
                    expectTag = true;
                    continue;
                case "NOT" when !expectTag:
                    throw Invalid($"{at}: AND or OR is expected between two tags (\"building=12 AND NOT plan=bronze\")");
                case "NOT" when negate:
                    throw Invalid($"{at}: NOT twice in a row");
                case "NOT":
                    negate = true;
                    continue;
            }

            if (!expectTag)
            {
                throw Invalid($"{at}: AND or OR is expected between two tags");
            }

            var tag = CustomerTags.TryParse(word) ?? throw Invalid($"{at}: not a tag; write {CustomerTags.Rule}");
            if (++count > MaxTests)
            {
                throw Invalid($"audience: more than {MaxTests} tag tests");
            }

            tests.Add(new TagTest(tag.Key, word.Contains('=', StringComparison.Ordinal) ? tag.Value : null, negate));
            negate = false;
            expectTag = false;
        }

        if (expectTag)
        {
            throw Invalid($"audience: it ends with {words[^1].ToUpperInvariant()}; a tag is expected after it");
        }

        conjunctions.Add(Conjunction(tests, "audience"));
        return new Audience(conjunctions);
    }

    private static Conjunction Conjunction(List<TagTest> tests, string at) =>
        tests.Any(t => !t.Negated)
            ? new Conjunction(tests)
            : throw Invalid($"{at}: each part of the audience needs a tag it includes (\"building=12 AND NOT plan=bronze\"); only NOT would select every other customer");

    private static string Shorten(string word) => word.Length <= 40 ? word : word[..40] + "…";

    private static ProactiveRuleException Invalid(string message) => new(ProactiveRuleException.Invalid, message);
}
