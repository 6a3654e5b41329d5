namespace Grid.Conversations;

/// <summary>
/// What the conversation's clock reads (docs/architecture.md, "Time"): the current stretch with people and its
/// service-level breaches, who spoke last, a booked callback, the status updates of the current wait. Set by
/// <see cref="Apply"/> like every other field.
/// </summary>
internal sealed partial class ConversationState
{
    /// <summary>When the current stretch with people began (the escalation; cleared by resolution, hand-back, close).</summary>
    [Id(28)] public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>Since when the customer waits for a person's answer (the escalation or their message after the last answer).</summary>
    [Id(29)] public DateTimeOffset? AwaitingReplySince { get; set; }

    /// <summary>A person answered in the current stretch (the next deadline is a next-response one).</summary>
    [Id(30)] public bool AnsweredInCycle { get; set; }

    [Id(31)] public DateTimeOffset? LastCustomerAt { get; set; }

    /// <summary>When the customer was last answered (by a person or the bot).</summary>
    [Id(32)] public DateTimeOffset? LastAnswerAt { get; set; }

    /// <summary>Service-level deadlines missed in the current stretch ("first-response", "next-response", "resolution").</summary>
    [Id(33)] public List<string> Breaches { get; set; } = [];

    /// <summary>A booked callback not yet due.</summary>
    [Id(34)] public DateTimeOffset? CallbackAt { get; set; }

    [Id(35)] public string? CallbackNumber { get; set; }

    /// <summary>Status updates sent in the current wait (their phrasings take turns).</summary>
    [Id(36)] public int WaitingUpdates { get; set; }

    public const string CallbackAtFact = "callback.at";
    public const string CallbackNumberFact = "callback.number";

    /// <summary>The stretch with people is over: no deadline runs any more.</summary>
    private void EndCycle()
    {
        EscalatedAt = null;
        AwaitingReplySince = null;
        AnsweredInCycle = false;
        Breaches.Clear();
        WaitingUpdates = 0;
    }

    private void SetOrRemove(string fact, string? value)
    {
        if (value is null)
        {
            Facts.Remove(fact);
        }
        else
        {
            Facts[fact] = value;
        }
    }
}
