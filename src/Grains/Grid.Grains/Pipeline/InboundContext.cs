namespace Grid.Pipeline;

/// <summary>
/// What the pipeline's steps see of one inbound message and its conversation, and the decisions they record.
/// "Handled" (a step answered the customer) and "escalated" (a step handed the conversation to a human) are separate.
/// </summary>
internal sealed class InboundContext(
    InboundMessage message,
    MessageAnalysis analysis,
    ConversationStatus status,
    bool reopened,
    IReadOnlyList<JournalEntry> recent,
    IReadOnlyDictionary<string, string> facts,
    IReadOnlyDictionary<string, Dictionary<string, string>> stepStates,
    CustomerProfile customer)
{
    private readonly List<InboundDecision> decisions = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> changedStates = new(StringComparer.Ordinal);

    public InboundMessage Message { get; } = message;

    /// <summary>The conversation's id: the reference the customer is given.</summary>
    public string ConversationId { get; init; } = "";

    /// <summary>Grid's time for this message's decisions.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>What the analyzers found in the message (language first).</summary>
    public MessageAnalysis Analysis { get; } = analysis;

    /// <summary>The customer's language ("fr" or "en") as of this message.</summary>
    public string Language => Analysis.Language;

    /// <summary>The conversation's status as the message arrives (a resolved conversation is reopened first).</summary>
    public ConversationStatus Status { get; } = status;

    /// <summary>True when this message reopened a resolved conversation.</summary>
    public bool Reopened { get; } = reopened;

    /// <summary>The conversation's latest messages before this one, oldest first.</summary>
    public IReadOnlyList<JournalEntry> Recent { get; } = recent;

    public IReadOnlyDictionary<string, string> Facts { get; } = facts;

    public CustomerProfile Customer { get; } = customer;

    public IReadOnlyList<InboundDecision> Decisions => decisions;

    /// <summary>True once a step answered the customer.</summary>
    public bool Handled { get; private set; }

    /// <summary>The escalation a step decided, if any.</summary>
    public EscalateDecision? Escalation { get; private set; }

    /// <summary>A step's state for this conversation (empty when it has none), including changes made in this run.</summary>
    public IReadOnlyDictionary<string, string> StepState(string step) =>
        changedStates.TryGetValue(step, out var changed) ? changed
        : stepStates.TryGetValue(step, out var stored) ? stored
        : EmptyState;

    public void Reply(string step, string text, EntryKind kind, string purpose, string? entryId = null, double? confidence = null)
    {
        decisions.Add(new ReplyDecision(step, text, kind, purpose, entryId, confidence));
        Handled = true;
    }

    public void Escalate(string step, string queue, string reason, int priority = 0, IReadOnlyList<string>? requirements = null)
    {
        if (Escalation is not null)
        {
            return; // the first escalation decided wins; later steps see it in Escalation
        }

        Escalation = new EscalateDecision(step, queue, reason, priority, requirements ?? []);
        decisions.Add(Escalation);
    }

    /// <summary>
    /// Changes the escalation already decided (the escalation rules route "default" to the tenant's queue and raise
    /// the priority of a customer's tier); nothing when none was decided.
    /// </summary>
    public void AmendEscalation(Func<EscalateDecision, EscalateDecision> change)
    {
        if (Escalation is not { } decided)
        {
            return;
        }

        Escalation = change(decided);
        decisions[decisions.IndexOf(decided)] = Escalation;
    }

    /// <summary>Books a callback; the conversation goes to a person at <paramref name="dueAt"/>.</summary>
    public void BookCallback(string step, DateTimeOffset dueAt, string? number, string source) =>
        decisions.Add(new CallbackDecision(step, dueAt, number, source));

    public void SetFacts(string step, IReadOnlyDictionary<string, string> facts) => decisions.Add(new SetFactsDecision(step, facts));

    public void SetStepState(string step, IReadOnlyDictionary<string, string> state)
    {
        changedStates[step] = state;
        decisions.Add(new StepStateDecision(step, state));
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyState = new Dictionary<string, string>();
}
