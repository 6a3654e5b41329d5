using System.Collections.Concurrent;

namespace Grid.Edge.WebChat;

/// <summary>
/// How many connections each visitor holds on this edge, so that delivery reads a message's entry only for a visitor
/// connected here (SignalR does not say whether a group has members).
/// </summary>
public sealed class VisitorConnections
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public void Add(string group) => counts.AddOrUpdate(group, 1, (_, n) => n + 1);

    public void Remove(string group)
    {
        while (counts.TryGetValue(group, out var n))
        {
            if (n <= 1 ? counts.TryRemove(new KeyValuePair<string, int>(group, n)) : counts.TryUpdate(group, n - 1, n))
            {
                return;
            }
        }
    }

    public bool IsConnected(string group) => counts.ContainsKey(group);
}
