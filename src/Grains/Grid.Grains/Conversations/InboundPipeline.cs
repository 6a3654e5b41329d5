namespace Grid.Conversations;

/// <summary>
/// What the steps of the inbound pipeline decided for one message. Steps decide; the conversation grain then
/// journals the message and the decisions in one unit and only afterwards applies their effects.
/// </summary>
internal sealed class InboundContext(InboundMessage message, ConversationStatus status, string language)
{
    public InboundMessage Message { get; } = message;

    public ConversationStatus Status { get; } = status;

    /// <summary>The customer's language ("fr" or "en") as of this message.</summary>
    public string Language { get; } = language;

    /// <summary>Messages to send to the customer on their current channel, journaled with the inbound message.</summary>
    public List<(EntryKind Kind, string Text)> Replies { get; } = [];

    /// <summary>Set by a step that escalates to a human: the queue and the reason journaled with the transition.</summary>
    public (string Queue, string Reason, int Priority)? Escalation { get; private set; }

    /// <summary>True once a step has fully handled the message (later: the bot answered).</summary>
    public bool Handled => Escalation is not null;

    public void Escalate(string queue, string reason, int priority = 0) => Escalation = (queue, reason, priority);
}

/// <summary>One step of the inbound pipeline (later: triage, bot, escalation rules). Steps are pure decisions.</summary>
internal interface IInboundStep
{
    void Decide(InboundContext context);
}

/// <summary>
/// Acknowledges receipt when a new conversation goes to a human, in the customer's language, so the customer
/// knows the message arrived and someone will answer.
/// </summary>
internal sealed class AcknowledgeStep(Microsoft.Extensions.Options.IOptions<Hosting.GridRuntimeOptions> options) : IInboundStep
{
    public void Decide(InboundContext context)
    {
        var acknowledgement = options.Value.Conversations.Acknowledgement;
        if (acknowledgement.Enabled && context.Status == ConversationStatus.New && context.Escalation is not null)
        {
            context.Replies.Add((EntryKind.SystemMessage, context.Language == "fr" ? acknowledgement.French : acknowledgement.English));
        }
    }
}

/// <summary>
/// The routing step: a message no earlier step handled goes to a human. While no bot step is configured, every new
/// or reopened conversation is escalated to the default queue.
/// </summary>
internal sealed class RouteToAgentStep : IInboundStep
{
    public void Decide(InboundContext context)
    {
        if (context.Handled)
        {
            return;
        }

        switch (context.Status)
        {
            case ConversationStatus.New:
            case ConversationStatus.Bot:
                context.Escalate("default", "no-bot-answer");
                break;
            case ConversationStatus.Resolved:
                context.Escalate("default", "reopened-by-customer");
                break;
        }
    }
}
