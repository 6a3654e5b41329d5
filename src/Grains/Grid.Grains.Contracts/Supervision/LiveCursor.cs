using System.Globalization;

namespace Grid;

/// <summary>
/// Where a page of live conversations ends, in their order (priority descending, then least recently changed, then id):
/// the next page starts strictly after it. Clients treat its text form as opaque.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.LiveCursor")]
public sealed record LiveCursor(
    [property: Id(0)] int Priority,
    [property: Id(1)] DateTimeOffset UpdatedAt,
    [property: Id(2)] string ConversationId)
{
    public static LiveCursor After(LiveConversation last) => new(last.Priority, last.UpdatedAt, last.ConversationId);

    /// <summary>"priority.updatedMs.conversationId".</summary>
    public string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"{Priority}.{UpdatedAt.ToUnixTimeMilliseconds()}.{ConversationId}");

    /// <summary>The cursor a <see cref="Format"/> wrote, or null when the text is not one.</summary>
    public static LiveCursor? Parse(string text)
    {
        var parts = text.Split('.', 3);
        return parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            && parts[2].Length is > 0 and <= 100
            ? new LiveCursor(priority, DateTimeOffset.FromUnixTimeMilliseconds(ms), parts[2])
            : null;
    }
}
