using Grid.Proactive;

namespace Grid.Tests.Proactive;

/// <summary>Audience expressions (pure): parsing, matching a customer's tags, and the errors bad syntax gets.</summary>
public sealed class AudienceTests
{
    private static Dictionary<string, string> Tags(params string[] tags) =>
        tags.Select(t => CustomerTags.TryParse(t)!.Value).ToDictionary(t => t.Key, t => t.Value);

    [Theory]
    [InlineData("building=12 AND elevator=B", new[] { "building=12", "elevator=b" }, true)]
    [InlineData("building=12 AND elevator=B", new[] { "building=12", "elevator=a" }, false)]
    [InlineData("building=12 and not plan=bronze", new[] { "building=12", "plan=gold" }, true)]
    [InlineData("building=12 AND NOT plan=bronze", new[] { "building=12", "plan=bronze" }, false)]
    [InlineData("building=12 AND NOT plan=bronze", new[] { "building=12" }, true)]
    [InlineData("building=12 OR building=14", new[] { "building=14" }, true)]
    [InlineData("vip", new[] { "vip" }, true)]
    [InlineData("plan", new[] { "plan=gold" }, true)]
    [InlineData("plan=gold", new[] { "plan" }, false)]
    public void An_audience_matches_the_customers_whose_tags_satisfy_it(string expression, string[] tags, bool matches) =>
        Assert.Equal(matches, Audience.Parse(expression).Matches(Tags(tags)));

    [Theory]
    [InlineData("", "required")]
    [InlineData("building=12 AND", "ends with AND")]
    [InlineData("AND building=12", "a tag is expected here")]
    [InlineData("building=12 elevator=b", "AND or OR is expected")]
    [InlineData("NOT plan=bronze", "needs a tag it includes")]
    [InlineData("building=12 OR NOT plan=bronze", "needs a tag it includes")]
    [InlineData("(building=12 OR building=14) AND elevator=b", "parentheses are not supported")]
    [InlineData("building==12", "not a tag")]
    [InlineData("building=", "not a tag")]
    [InlineData("building=12 AND NOT NOT plan=gold", "NOT twice")]
    public void Bad_syntax_is_refused_with_what_to_fix(string expression, string expected)
    {
        var refused = Assert.Throws<ProactiveRuleException>(() => Audience.Parse(expression));
        Assert.Equal(ProactiveRuleException.Invalid, refused.Code);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_tests_and_too_long_an_audience_are_refused()
    {
        Assert.Contains("more than 16", Assert.Throws<ProactiveRuleException>(() => Audience.Parse(string.Join(" AND ", Enumerable.Range(0, 17).Select(i => $"t{i}=1")))).Message);
        Assert.Contains("at most 1000", Assert.Throws<ProactiveRuleException>(() => Audience.Parse("a=" + new string('1', 1001))).Message);
    }

    [Fact]
    public void Templates_need_their_variables_a_language_code_and_a_bounded_length()
    {
        var variables = new Dictionary<string, string> { ["building"] = "12" };
        IncidentTemplates.Validate(new Dictionary<string, string> { ["fr"] = "Panne au bâtiment {building}" }, variables, "templates");
        Assert.Contains("uses {eta} but no variable 'eta'", Assert.Throws<ProactiveRuleException>(() =>
            IncidentTemplates.Validate(new Dictionary<string, string> { ["fr"] = "Retour prévu à {eta}" }, variables, "templates")).Message);
        Assert.Contains("at most 1600", Assert.Throws<ProactiveRuleException>(() =>
            IncidentTemplates.Validate(new Dictionary<string, string> { ["fr"] = new string('x', 1601) }, variables, "templates")).Message);
        Assert.Contains("not a language", Assert.Throws<ProactiveRuleException>(() =>
            IncidentTemplates.Validate(new Dictionary<string, string> { ["french"] = "x" }, variables, "templates")).Message);
        Assert.Equal("Panne au bâtiment 12", IncidentTemplates.Render("Panne au bâtiment {building}", variables));
    }
}
