using System.Collections.Concurrent;

namespace Grid.Edge.WebChat;

/// <summary>
/// What a visitor sees of a conversation, built in this one place from journal entries (the history and live pushes
/// alike): customer messages, the bot's answers, agents' replies and notices to the customer. Never internal notes,
/// never events. Agents' display names are read from their grains and kept per edge.
/// </summary>
public sealed class ChatEntries(IGrainFactory grains)
{
    private const int MaxNames = 10_000;
    private readonly ConcurrentDictionary<string, string> names = new(StringComparer.Ordinal);

    /// <summary>The visitor's line for <paramref name="entry"/>, or null when the visitor must not see it.</summary>
    public async Task<ChatEntry?> FromAsync(string tenant, JournalEntry entry)
    {
        var author = entry.Kind switch
        {
            EntryKind.CustomerMessage => "customer",
            EntryKind.BotMessage => "bot",
            EntryKind.AgentMessage => "agent",
            EntryKind.SystemMessage => "system",
            _ => null,
        };
        if (author is null || entry.Text is null)
        {
            return null;
        }

        var displayName = author == "agent" && entry.Author.StartsWith("agent:", StringComparison.Ordinal)
            ? await DisplayNameAsync(tenant, entry.Author["agent:".Length..])
            : null;
        return new ChatEntry(entry.Seq, author, displayName, entry.Text, entry.At, entry.Metadata.GetValueOrDefault("purpose"));
    }

    /// <summary>The conversation's visible lines, oldest first, at most the latest <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ChatEntry>> HistoryAsync(string tenant, string conversationId, int limit)
    {
        var conversation = grains.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId));
        var lines = new Queue<ChatEntry>();
        long after = 0;
        for (var page = 0; page < 100; page++)
        {
            var read = await conversation.ReadAsync(after, 500);
            foreach (var entry in read.Entries)
            {
                if (await FromAsync(tenant, entry) is { } line)
                {
                    lines.Enqueue(line);
                    if (lines.Count > limit)
                    {
                        lines.Dequeue();
                    }
                }
            }

            if (!read.HasMore)
            {
                break;
            }

            after = read.NextAfterSeq;
        }

        return [.. lines];
    }

    /// <summary>The visitor's line for the outbox row of a message to them: its journal entry, or the row itself if that cannot be read.</summary>
    public async Task<ChatEntry> FromOutboundAsync(string tenant, OutboundMessage message)
    {
        var page = await grains.GetGrain<IConversationGrain>(GridKeys.Of(tenant, message.ConversationId)).ReadAsync(message.Seq - 1, 1);
        if (page.Entries.FirstOrDefault(e => e.Seq == message.Seq) is { } entry && await FromAsync(tenant, entry) is { } line)
        {
            return line;
        }

        var author = message.Kind switch { EntryKind.BotMessage => "bot", EntryKind.AgentMessage => "agent", _ => "system" };
        return new ChatEntry(message.Seq, author, null, message.Text, message.CreatedAt, null);
    }

    private async Task<string?> DisplayNameAsync(string tenant, string agentId)
    {
        var key = GridKeys.Of(tenant, agentId);
        if (names.TryGetValue(key, out var known))
        {
            return known;
        }

        var name = (await grains.GetGrain<IAgentGrain>(key).GetAsync()).DisplayName;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (names.Count >= MaxNames)
        {
            names.Clear();
        }

        names[key] = name;
        return name;
    }
}
