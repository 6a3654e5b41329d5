using System.Text.RegularExpressions;

namespace Grid.Edge.WebChat;

/// <summary>
/// A web visitor's id: "v_" and 16 to 40 characters of [A-Za-z0-9_-], drawn at random by the widget and kept in the
/// browser. It is the visitor's address on the web chat channel (their identity, like a phone number on SMS) and,
/// as whoever presents it reads that visitor's conversation, it works like a session cookie: random, never shown.
/// </summary>
public static partial class VisitorIds
{
    public const string Rule = "'v_' followed by 16 to 40 characters of [A-Za-z0-9_-]";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^v_[A-Za-z0-9_-]{16,40}$")]
    private static partial Regex Pattern();
}
