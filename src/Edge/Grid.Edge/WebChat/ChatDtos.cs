namespace Grid.Edge.WebChat;

/// <summary>
/// One line of the visitor's conversation: <c>author</c> "customer", "bot", "agent" or "system" (notices: receipt, place
/// in the queue, the agent who joined, the resolution with the satisfaction question…); <c>displayName</c> the agent's
/// name; <c>purpose</c> what a bot or system line is for ("agent-joined", "resolved", "callback-scheduled", a bot
/// answer's "answer"…), else null. <c>seq</c> orders a conversation's lines and identifies them: clients drop a line whose
/// seq they already show (a live push may repeat one, or cross the history of <c>Start</c>).
/// </summary>
public sealed record ChatEntry(long Seq, string Author, string? DisplayName, string Text, DateTimeOffset At, string? Purpose);

/// <summary>What <c>Start</c> returns: the visitor's open conversation (null: none yet) and its lines, oldest first.</summary>
public sealed record ChatStart(string? ConversationId, IReadOnlyList<ChatEntry> Entries);

/// <summary>What <c>Send</c> and <c>RequestCallback</c> return: where the visitor's message was stored, and its seq.</summary>
public sealed record ChatSent(string ConversationId, long Seq);

/// <summary>What GET /chat/config returns to the page at /chat: its widget's public key and tenant, and the hub's path.</summary>
public sealed record ChatPageConfig(string WidgetKey, string Tenant, string HubPath);
