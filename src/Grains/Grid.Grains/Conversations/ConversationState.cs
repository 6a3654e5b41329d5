using Grid.Conversations.Events;

namespace Grid.Conversations;

/// <summary>
/// The fold of a conversation's journal. <see cref="Apply"/> is the only code that changes it: live calls apply the
/// events they have just appended, activation applies the events after <see cref="AppliedSeq"/> (the snapshot may be
/// behind the journal, never ahead of it). Every field is restored by replay.
/// </summary>
[GenerateSerializer, Alias("grid.ConversationState")]
internal sealed partial class ConversationState
{
    [Id(0)] public string CustomerId { get; set; } = "";

    [Id(1)] public ConversationStatus Status { get; set; } = ConversationStatus.New;

    [Id(2)] public string? StatusReason { get; set; }

    [Id(3)] public Channel CurrentChannel { get; set; }

    [Id(4)] public ReplyRoute? ReplyTo { get; set; }

    [Id(5)] public string? AssignedAgent { get; set; }

    [Id(6)] public string? OfferedAgent { get; set; }

    [Id(7)] public string? OfferId { get; set; }

    [Id(8)] public List<string> Participants { get; set; } = [];

    [Id(9)] public string Queue { get; set; } = "default";

    [Id(10)] public DateTimeOffset OpenedAt { get; set; }

    [Id(11)] public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The sequence number of the last event folded in: the journal's head as this state knows it.</summary>
    [Id(12)] public long AppliedSeq { get; set; }

    [Id(13)] public EmailHeaders? LastEmail { get; set; }

    /// <summary>The customer's language as last detected ("fr" or "en").</summary>
    [Id(14)] public string? Language { get; set; }

    [Id(15)] public DateTimeOffset? OfferExpiresAt { get; set; }

    [Id(16)] public int Priority { get; set; }

    [Id(17)] public List<string> Requirements { get; set; } = [];

    /// <summary>Pipeline steps' own state, by step name.</summary>
    [Id(18)] public Dictionary<string, Dictionary<string, string>> StepStates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Facts set by pipeline steps (category, references, ...).</summary>
    [Id(19)] public Dictionary<string, string> Facts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last few messages (customer, agent, bot, system), oldest first.</summary>
    [Id(20)] public List<JournalEntry> Recent { get; set; } = [];

    /// <summary>When the conversation entered its current waiting period (kept across declines and expiries).</summary>
    [Id(21)] public DateTimeOffset? WaitingSince { get; set; }

    /// <summary>Participants other than the assigned agent who may write to the customer (consultants invited to).</summary>
    [Id(22)] public List<string> Repliers { get; set; } = [];

    /// <summary>The note of the last transfer, for whoever receives the conversation.</summary>
    [Id(23)] public string? TransferNote { get; set; }

    /// <summary>Who works on it beside the assigned agent right now (consultants, supervisors who joined): they get its entries live.</summary>
    [Id(24)] public List<string> Collaborators { get; set; } = [];

    /// <summary>The satisfaction question went out with the resolution and has not been answered.</summary>
    [Id(25)] public bool CsatPending { get; set; }

    /// <summary>The customer's satisfaction rating (1 to 5), once given.</summary>
    [Id(26)] public int? Csat { get; set; }

    /// <summary>When a person first wrote to the customer.</summary>
    [Id(27)] public DateTimeOffset? FirstResponseAt { get; set; }

    /// <summary>Folds one committed event in. <paramref name="recentLimit"/> bounds <see cref="Recent"/>.</summary>
    public void Apply(string conversationId, long seq, ConversationEvent e, int recentLimit)
    {
        switch (e)
        {
            case CustomerWrote wrote:
                if (Status == ConversationStatus.New && OpenedAt == default)
                {
                    OpenedAt = wrote.At;
                }

                CustomerId = wrote.CustomerId;
                if (!Senders.Contains(wrote.SenderAddress) && Senders.Count < MaxSenders)
                {
                    Senders.Add(wrote.SenderAddress);
                }

                CurrentChannel = wrote.Channel;
                ReplyTo = new ReplyRoute(wrote.Channel, wrote.SenderAddress, wrote.Integrator);
                LastEmail = wrote.Email ?? LastEmail;
                Language = wrote.Language;
                LastCustomerAt = wrote.At;
                if (EscalatedAt is not null && Status != ConversationStatus.Resolved)
                {
                    AwaitingReplySince ??= wrote.At;
                }

                break;
            case AgentReplied replied:
                FirstResponseAt ??= replied.At;
                LastAnswerAt = replied.At;
                AwaitingReplySince = null;
                AnsweredInCycle |= EscalatedAt is not null;
                Breaches.Remove(ConversationClock.NextResponse);
                break;
            case BotAnswered answered:
                LastAnswerAt = answered.At;
                if (Status == ConversationStatus.New)
                {
                    SetStatus(ConversationStatus.Bot, "bot-answered");
                }

                break;
            case CustomerNotified { Purpose: NoticePurposes.WaitingUpdate }:
                WaitingUpdates++;
                break;
            case SlaBreached breached:
                Priority = breached.Priority;
                Breaches.Add(breached.Kind);
                break;
            case CallbackScheduled callback:
                CallbackAt = callback.DueAt;
                CallbackNumber = callback.Number;
                Facts[CallbackAtFact] = callback.DueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                SetOrRemove(CallbackNumberFact, callback.Number);
                break;
            case CallbackDue:
                CallbackAt = null;
                break;
            case Escalated escalated:
                if (EscalatedAt is null)
                {
                    EscalatedAt = escalated.At;
                    AnsweredInCycle = false;
                    Breaches.Clear();
                }

                AwaitingReplySince ??= escalated.At;
                WaitingUpdates = 0;
                SetStatus(ConversationStatus.Queued, escalated.Reason);
                Queue = escalated.Queue;
                Priority = escalated.Priority;
                Requirements = [.. escalated.Requirements];
                WaitingSince = escalated.At;
                AssignedAgent = null;
                ClearOffer();
                break;
            case Offered offered:
                SetStatus(ConversationStatus.Offered, "offered");
                OfferedAgent = offered.AgentId;
                OfferId = offered.OfferId;
                OfferExpiresAt = offered.ExpiresAt;
                break;
            case OfferWithdrawn:
                SetStatus(ConversationStatus.Queued, "offer-withdrawn");
                ClearOffer();
                break;
            case Declined:
                SetStatus(ConversationStatus.Queued, "declined");
                ClearOffer();
                break;
            case OfferExpired:
                SetStatus(ConversationStatus.Queued, "offer-timeout");
                ClearOffer();
                break;
            case Accepted accepted:
                SetStatus(ConversationStatus.WithAgent, "accepted");
                AssignedAgent = accepted.AgentId;
                WaitingSince = null;
                ClearOffer();
                Join(accepted.AgentId);
                break;
            case Transferred transferred:
                TransferNote = transferred.Note;
                EndCollaboration();
                break;
            case HandedBack:
                EndCycle();
                SetStatus(ConversationStatus.Bot, "handed-back");
                AssignedAgent = null;
                WaitingSince = null;
                StepStates.Clear(); // the bot resumes afresh: no flow, no missed messages
                EndCollaboration();
                break;
            case ParticipantJoined joined:
                Join(joined.AgentId);
                if (!Collaborators.Contains(joined.AgentId))
                {
                    Collaborators.Add(joined.AgentId);
                }

                if (joined.CanReply && !Repliers.Contains(joined.AgentId))
                {
                    Repliers.Add(joined.AgentId);
                }

                break;
            case TakenOver takenOver:
                SetStatus(ConversationStatus.WithAgent, "taken-over");
                AssignedAgent = takenOver.SupervisorId;
                WaitingSince = null;
                ClearOffer();
                Join(takenOver.SupervisorId);
                break;
            case Resolved resolved:
                EndCollaboration();
                EndCycle();
                CsatPending = resolved.AgentId is not null && resolved.Reason != ConversationClock.SilentReason;
                SetStatus(ConversationStatus.Resolved, resolved.Reason);
                ResolvedAt = resolved.At;
                AssignedAgent = null;
                WaitingSince = null;
                ClearOffer();
                break;
            case CsatRecorded csat:
                Csat = csat.Rating;
                CsatPending = false;
                break;
            case Reopened reopened:
                CsatPending = false;
                SetStatus(ConversationStatus.Bot, reopened.Reason);
                ResolvedAt = null;
                break;
            case Closed closed:
                EndCollaboration();
                EndCycle();
                CallbackAt = null;
                SetStatus(ConversationStatus.Closed, closed.Reason);
                AssignedAgent = null;
                WaitingSince = null;
                ClearOffer();
                break;
            case ConversationsMerged or ConversationSplit:
                ApplyRegrouping(conversationId, e);
                break;
            case IncidentPushed pushed:
                ApplyPush(seq, pushed);
                break;
            case ActionAnswered answered:
                ApplyActionAnswered(answered);
                break;
            case StepStateChanged step:
                if (step.State.Count == 0)
                {
                    StepStates.Remove(step.Step);
                }
                else
                {
                    StepStates[step.Step] = new Dictionary<string, string>(step.State, StringComparer.Ordinal);
                }

                break;
            case FactsSet facts:
                foreach (var (key, value) in facts.Facts)
                {
                    if (value.Length == 0)
                    {
                        Facts.Remove(key);
                    }
                    else
                    {
                        Facts[key] = value;
                    }
                }

                break;
        }

        if (JournalEntries.IsMessage(e))
        {
            Recent.Add(JournalEntries.From(conversationId, seq, e));
            if (Recent.Count > recentLimit)
            {
                Recent.RemoveRange(0, Recent.Count - recentLimit);
            }
        }

        AppliedSeq = seq;
    }

    /// <summary>Whether the conversation has any event (it exists).</summary>
    public bool Exists => AppliedSeq > 0;

    public ConversationView ToView(string tenant, string conversationId, string defaultLanguage) => new(
        tenant, conversationId, CustomerId, Status, CurrentChannel, AssignedAgent, [.. Participants], Queue, AppliedSeq, OpenedAt, ResolvedAt,
        StatusReason, OfferedAgent, Language ?? defaultLanguage, OfferExpiresAt, new Dictionary<string, string>(Facts), Priority)
    {
        Collaborators = [.. Collaborators],
        Csat = Csat,
        FirstResponseAt = FirstResponseAt,
        MergedInto = MergedInto,
        MergedFrom = [.. MergedFrom],
        SplitFrom = SplitFrom,
        Senders = [.. Senders],
    };

    private void EndCollaboration()
    {
        Collaborators.Clear();
        Repliers.Clear();
    }

    private void Join(string agentId)
    {
        if (!Participants.Contains(agentId))
        {
            Participants.Add(agentId);
        }
    }

    private void SetStatus(ConversationStatus status, string reason)
    {
        Status = status;
        StatusReason = reason;
    }

    private void ClearOffer()
    {
        OfferedAgent = null;
        OfferId = null;
        OfferExpiresAt = null;
    }
}

/// <summary>Where replies go: the channel, address and integrator the customer last wrote from.</summary>
[GenerateSerializer, Immutable, Alias("grid.ReplyRoute")]
internal sealed record ReplyRoute(
    [property: Id(0)] Channel Channel,
    [property: Id(1)] string Address,
    [property: Id(2)] string Integrator);
