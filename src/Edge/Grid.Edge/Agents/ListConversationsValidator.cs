using Grid.Edge.Auth;

namespace Grid.Edge.Agents;

/// <summary>
/// Checks a supervisor's list request (hub <c>ListConversations</c>) and turns it into a query (pure): a status among
/// the live ones, queue and agent ids as slugs, a cursor a previous page returned, a limit from 1 to
/// <see cref="LiveConversationQuery.MaxLimit"/>. Empty filters mean "any".
/// </summary>
public static class ListConversationsValidator
{
    private static readonly string[] LiveStatuses =
        [.. Enum.GetValues<ConversationStatus>().Where(s => s != ConversationStatus.Closed).Select(s => s.ToString())];

    /// <summary>The query, or the sentence that says what is wrong.</summary>
    public static (LiveConversationQuery? Query, string? Error) Validate(string? status, string? queue, string? agent, string? after, int limit)
    {
        if (limit is < 1 or > LiveConversationQuery.MaxLimit)
        {
            return (null, $"limit must be from 1 to {LiveConversationQuery.MaxLimit}; it was {limit}.");
        }

        ConversationStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            var name = LiveStatuses.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                return (null, $"Unknown status '{Shorten(status)}': use one of {string.Join(", ", LiveStatuses)} (closed conversations are not live).");
            }

            wanted = Enum.Parse<ConversationStatus>(name);
        }

        queue = string.IsNullOrEmpty(queue) ? null : queue;
        if (queue is not null && !TenantId.IsValid(queue))
        {
            return (null, $"'{Shorten(queue)}' is not a queue name: a lowercase slug.");
        }

        agent = string.IsNullOrEmpty(agent) ? null : agent;
        if (agent is not null && !TenantId.IsValid(agent))
        {
            return (null, "agent must be an agent id (letters, digits, '.', '_', '-').");
        }

        LiveCursor? cursor = null;
        if (!string.IsNullOrEmpty(after) && (cursor = LiveCursor.Parse(after)) is null)
        {
            return (null, "after must be the cursor a previous page returned (next), or empty for the first page.");
        }

        return (new LiveConversationQuery(wanted, queue, agent, cursor, limit), null);
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
