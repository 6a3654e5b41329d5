namespace Grid.Edge.WebChat;

/// <summary>What the server calls on a visitor's SignalR client.</summary>
public interface IChatClient
{
    /// <summary>A line of the visitor's conversation: the bot's answer, an agent's reply, a notice, or the visitor's own message written from another tab.</summary>
    Task Message(ChatEntry entry);
}
