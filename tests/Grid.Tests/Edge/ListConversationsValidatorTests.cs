using Grid.Edge.Agents;

namespace Grid.Tests.EdgeUnits;

/// <summary>A supervisor's list request: live statuses only, slugs, a cursor a page returned, a bounded limit.</summary>
public sealed class ListConversationsValidatorTests
{
    [Theory]
    [InlineData(null, null, null, null, 0, "limit must be from 1 to 200")]
    [InlineData(null, null, null, null, 201, "limit must be from 1 to 200")]
    [InlineData("Waiting", null, null, null, 10, "Unknown status 'Waiting'")]
    [InlineData("2", null, null, null, 10, "Unknown status '2'")]
    [InlineData("closed", null, null, null, 10, "Unknown status 'closed'")]
    [InlineData(null, "Billing", null, null, 10, "not a queue name")]
    [InlineData(null, null, "ann\n", null, 10, "agent must be an agent id")]
    [InlineData(null, null, null, "nonsense", 10, "after must be the cursor")]
    public void Refuses_with_a_sentence(string? status, string? queue, string? agent, string? after, int limit, string error)
    {
        var (query, message) = ListConversationsValidator.Validate(status, queue, agent, after, limit);
        Assert.Null(query);
        Assert.Contains(error, message);
    }

    [Fact]
    public void Empty_filters_mean_any_and_a_cursor_round_trips()
    {
        var cursor = new LiveCursor(-2, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), "cnv_a.b");
        var (query, error) = ListConversationsValidator.Validate("withagent", "", "ann", cursor.Format(), 200);
        Assert.Null(error);
        Assert.Equal(new LiveConversationQuery(ConversationStatus.WithAgent, null, "ann", cursor, 200), query);
        Assert.Equal(new LiveConversationQuery(null, null, null, null, 1), ListConversationsValidator.Validate("", null, "", "", 1).Query);
    }
}
