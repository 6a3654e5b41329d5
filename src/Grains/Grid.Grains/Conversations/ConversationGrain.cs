using Grid.Conversations.Effects;
using Grid.Conversations.Events;
using Grid.Hosting;
using Grid.Pipeline;
using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Conversations;

/// <summary>
/// The conversation state machine (docs/architecture.md, "The conversation core"): each call decides events from the
/// state (<see cref="ConversationDecider"/>), appends them as one unit, applies them (<see cref="ConversationState.Apply"/>,
/// also used to replay the journal on activation) and then runs the effects. Calls that change it are not
/// interleaved, so a unit is numbered after the head it was decided on; the journal refuses a taken number.
/// </summary>
internal sealed partial class ConversationGrain(
    [PersistentState("conversation", "grid")] IPersistentState<ConversationState> state,
    IConversationJournal journal,
    InboundPipeline pipeline,
    ConversationEffects effects,
    Escalation.ITenantPolicies policies,
    IOptions<GridRuntimeOptions> options,
    TimeProvider clock,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain, IRemindable
{
    private string tenant = "";
    private string conversationId = "";
    private long savedSeq;
    private bool forgotten;

    private ConversationState S => state.State;

    private ConversationOptions Options => options.Value.Conversations;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, conversationId) = GridKeys.Split(this.GetPrimaryKeyString());
        savedSeq = S.AppliedSeq;

        EventPage page;
        do
        {
            // The snapshot is written now and then, not with every unit: the journal's events after it are folded in.
            page = await journal.ReadAsync(tenant, conversationId, S.AppliedSeq, 500);
            foreach (var stored in page.Events)
            {
                S.Apply(conversationId, stored.Seq, stored.Event, Options.RecentMessages);
            }
        }
        while (page.HasMore);

        if (S.Exists)
        {
            GridMetrics.Conversations.WithLabels(GridMetrics.Label(S.Status)).Inc();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (S.Exists)
        {
            GridMetrics.Conversations.WithLabels(GridMetrics.Label(S.Status)).Dec();
        }

        if (!forgotten)
        {
            await SnapshotAsync(S.AppliedSeq > savedSeq);
        }
    }

    public async Task ForgetAsync()
    {
        foreach (var name in new[] { ConversationClock.ReminderName, CloseReminderEffect.ReminderName })
        {
            if (await this.GetReminder(name) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }

        if (S.Exists)
        {
            GridMetrics.Conversations.WithLabels(GridMetrics.Label(S.Status)).Dec();
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync(); // the snapshot's row is deleted (DeleteStateOnClear)
        }

        // Memory forgets too, and deactivation writes no snapshot: nothing of this activation brings the conversation back.
        state.State = new ConversationState();
        forgotten = true;
        DeactivateOnIdle();
        logger.LogInformation("Conversation {ConversationId} erased", conversationId);
    }

    public async Task<AppendResult> AppendInboundAsync(InboundMessage message, CustomerProfile customer)
    {
        var now = clock.GetUtcNow();
        if (ConversationDecider.ShouldClose(S, Options.ReopenWindow, now))
        {
            await CommitAsync(Rows(ConversationDecider.Close(S, "reopen-window-elapsed", now)));
        }

        if (S.Status == ConversationStatus.Closed)
        {
            return new AppendResult(AppendOutcome.Closed, conversationId, 0);
        }

        // The answer to the satisfaction question of a resolved conversation is recorded, not a new request.
        var rows = S.Status == ConversationStatus.Resolved && S.CsatPending && CsatAnswer.Parse(message.Text) is { } csat
            ? await CsatRowsAsync(message, customer, csat.Rating, csat.Comment, now)
            : await pipeline.DecideAsync(GrainFactory, S, message, customer, now, conversationId);
        var result = await CommitAsync(rows);
        if (result.Original is { } original)
        {
            ConversationDecider.EnsureSameMessage(original, message);
            GridMetrics.InboundMessages.WithLabels(GridMetrics.Label(message.Channel), "duplicate").Inc();
            return new AppendResult(AppendOutcome.Duplicate, original.ConversationId, original.Seq);
        }

        return new AppendResult(AppendOutcome.Appended, conversationId, result.LastSeq - rows.Length + 1);
    }

    private async Task<JournalRow[]> CsatRowsAsync(InboundMessage message, CustomerProfile customer, int rating, string? comment, DateTimeOffset now)
    {
        var policy = await PolicyAsync();
        return ConversationDecider.Csat(S, message, customer.CustomerId, rating, comment, policy.Rules.ReopenOnCsatAtMost, policy.Rules.Queue, now, policy.Wording);
    }

    public Task<ConversationView> GetAsync() => Task.FromResult(View());

    public Task<bool> ExistsAsync() => Task.FromResult(ExistsOrLeave());

    public Task<MessagePage> ReadAsync(long afterSeq, int limit) => ExistsOrLeave() ? ReadPageAsync(afterSeq, limit) : Task.FromResult(new MessagePage([], afterSeq, false));

    public Task<ConversationView> GetForAsync(Actor actor)
    {
        EnsureVisible(actor);
        return Task.FromResult(View());
    }

    public async Task<MessagePage> ReadForAsync(Actor actor, long afterSeq, int limit)
    {
        EnsureVisible(actor);
        var page = await ReadPageAsync(afterSeq, limit);
        if (afterSeq > 0 || S.MergedFrom.Count == 0)
        {
            return page;
        }

        // A conversation merged into this one is part of its story: its entries (under their own conversation id) come
        // first on the first page; the pages after it continue with this conversation's sequence numbers.
        return page with { Entries = [.. await MergedEntriesAsync(_ => true), .. page.Entries] };
    }

    public async Task RecordChannelEventAsync(ChannelEvent channelEvent)
    {
        if (channelEvent.Type == ChannelEventType.Typing)
        {
            // Typing is a hint for the agent, not history.
            if (S.AssignedAgent is { } typingTo)
            {
                await GrainFactory.GetGrain<IAgentGrain>(GridKeys.Of(tenant, typingTo))
                    .PushAsync(new AgentEvent(AgentEventKind.Typing, conversationId, null, null, null, null));
            }

            return;
        }

        await CommitAsync([ConversationDecider.ChannelEvent(S, channelEvent)]); // a duplicate receipt changes nothing
        ForwardPushReceipt(channelEvent);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ConversationClock.ReminderName)
        {
            await TickAsync();
            return;
        }

        if (reminderName != CloseReminderEffect.ReminderName)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (ConversationDecider.ShouldClose(S, Options.ReopenWindow, now))
        {
            await CommitAsync(Rows(ConversationDecider.Close(S, "reopen-window-elapsed", now)));
        }
        else if (S.Status != ConversationStatus.Resolved && await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Appends rows after the head, applies them, then runs the effects. A duplicate key returns the original without
    /// applying anything. On an unknown outcome or a taken sequence number the grain deactivates, so the next call
    /// starts from what the journal holds.
    /// </summary>
    private async Task<UnitResult> CommitAsync(IReadOnlyList<JournalRow> rows)
    {
        if (rows.Count == 0)
        {
            return new UnitResult(UnitStatus.Appended, S.AppliedSeq, []);
        }

        var customerId = rows[0].Event switch
        {
            CustomerWrote wrote => wrote.CustomerId,
            IncidentPushed pushed when S.CustomerId.Length == 0 => pushed.CustomerId,
            ActionAnswered answered when S.CustomerId.Length == 0 => answered.CustomerId,
            _ => S.CustomerId,
        };
        var unit = new JournalUnit(tenant, conversationId, customerId, S.AppliedSeq, rows, WaitingLists.ChangeFor(conversationId, customerId, rows, S),
            ConversationIndex.ChangeFor(S, conversationId, rows));
        UnitResult result;
        try
        {
            result = await journal.AppendAsync(unit);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        if (result.Status == UnitStatus.DuplicateKey)
        {
            return result;
        }

        if (result.Status == UnitStatus.SequenceTaken)
        {
            // Another activation wrote this seq (a silo failure left two for a moment): never overwrite it.
            logger.LogWarning("Conversation {ConversationId} found seq {Seq} taken; reloading", conversationId, result.LastSeq);
            DeactivateOnIdle();
            throw new InvalidOperationException($"Conversation {conversationId} changed under this activation; retry the call.");
        }

        var (statusBefore, existedBefore, assignedBefore, collaboratorsBefore) = (S.Status, S.Exists, S.AssignedAgent, S.Collaborators.ToArray());
        var committed = new (long Seq, ConversationEvent Event)[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            committed[i] = (unit.AfterSeq + 1 + i, rows[i].Event);
            S.Apply(conversationId, committed[i].Seq, rows[i].Event, Options.RecentMessages);
        }

        await SnapshotAsync(S.AppliedSeq - savedSeq >= Options.SnapshotEvery);
        await effects.RunAsync(new CommittedUnit(tenant, conversationId, committed, result.Outbound, statusBefore, existedBefore, View(), GrainFactory, this,
            assignedBefore, collaboratorsBefore, Watchers()));
        await ScheduleClockAsync();
        return result;
    }

    /// <summary>
    /// Commits a row keyed by the client's id (a reply, a note) and returns its sequence number: the original's when the
    /// call is a retry, after checking it is the same content.
    /// </summary>
    private async Task<long> CommitKeyedAsync(JournalRow row)
    {
        var result = await CommitAsync([row]);
        return result.Original is { } original ? ConversationDecider.EnsureSameReply(original, row, conversationId) : result.LastSeq;
    }

    /// <summary>Writes the snapshot when due; a failure costs only a longer replay, so it deactivates instead of failing the call.</summary>
    private async Task SnapshotAsync(bool due)
    {
        try
        {
            if (due)
            {
                await state.WriteStateAsync();
                savedSeq = S.AppliedSeq;
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Conversation {ConversationId} could not write its snapshot; the journal stays the truth", conversationId);
            DeactivateOnIdle();
        }
    }

    private async Task<MessagePage> ReadPageAsync(long afterSeq, int limit)
    {
        var page = await journal.ReadAsync(tenant, conversationId, afterSeq, limit);
        return new MessagePage([.. page.Events.Select(e => JournalEntries.From(conversationId, e.Seq, e.Event))], page.Next, page.HasMore);
    }

    private void EnsureVisible(Actor actor)
    {
        if (!ConversationAccess.CanSee(S, actor))
        {
            ExistsOrLeave();
            ConversationAccess.EnsureVisible(S, actor, conversationId);
        }
    }

    /// <summary>
    /// True when the conversation exists; otherwise the activation leaves a second later (a read of an unknown id). Not at
    /// once: calls queued behind this one (a client naming an unknown id several times at once) would be forwarded from
    /// one leaving activation to the next until Orleans rejected them, and the client told UNAVAILABLE for an id that an
    /// existing conversation never answers so (CredentialTests).
    /// </summary>
    private bool ExistsOrLeave()
    {
        if (!S.Exists && leaving is null)
        {
            leaving = this.RegisterGrainTimer(_ =>
            {
                if (!S.Exists)
                {
                    DeactivateOnIdle();
                }

                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));
        }

        return S.Exists;
    }

    /// <summary>The timer that makes an activation of an unknown id leave (see <see cref="ExistsOrLeave"/>).</summary>
    private IGrainTimer? leaving;

    private static JournalRow[] Rows(ConversationEvent[] events) => [.. events.Select(e => new JournalRow(e))];

    private ConversationView View() => S.ToView(tenant, conversationId, Options.DefaultLanguage);
}
