namespace Grid.Pipeline;

/// <summary>What a pipeline step decided for one inbound message. The conversation turns decisions into events.</summary>
internal abstract record InboundDecision(string Step);

/// <summary>Answer the customer on their current channel (the bot's answer, or a system notice with its purpose).</summary>
internal sealed record ReplyDecision(string Step, string Text, EntryKind Kind, string Purpose, string? EntryId = null, double? Confidence = null)
    : InboundDecision(Step);

/// <summary>Hand the conversation to a human: the queue, why, how urgent, what skills it needs.</summary>
internal sealed record EscalateDecision(string Step, string Queue, string Reason, int Priority, IReadOnlyList<string> Requirements)
    : InboundDecision(Step);

/// <summary>Facts learned about the conversation (travel with it into the agent's offer).</summary>
internal sealed record SetFactsDecision(string Step, IReadOnlyDictionary<string, string> Facts) : InboundDecision(Step);

/// <summary>The step's own state for this conversation from now on (enter or leave a flow, count no-matches).</summary>
internal sealed record StepStateDecision(string Step, IReadOnlyDictionary<string, string> State) : InboundDecision(Step);

/// <summary>Call the customer back at <paramref name="DueAt"/> (on <paramref name="Number"/> when known).</summary>
internal sealed record CallbackDecision(string Step, DateTimeOffset DueAt, string? Number, string Source) : InboundDecision(Step);
