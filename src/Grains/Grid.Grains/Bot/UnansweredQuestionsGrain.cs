using Microsoft.Extensions.Logging;

namespace Grid.Bot;

/// <summary>
/// A tenant's record of the messages the bot could not answer (key: the tenant), fed one-way by
/// <see cref="Conversations.Effects.UnansweredQuestionEffect"/>, reported grouped by <see cref="QuestionGroups"/>.
/// It keeps the latest <see cref="UnansweredLimits.MaxRecorded"/> misses of at most <see cref="UnansweredLimits.Retention"/>,
/// each text cut to <see cref="UnansweredLimits.MaxTextLength"/> characters, so the state stays under about 2 MB.
/// </summary>
/// <remarks>
/// AdoNet storage rewrites the whole state on each write, so misses are not written one by one: a timer writes the
/// state every <see cref="FlushEvery"/> when something changed, and deactivation writes what is left. A burst of
/// misses costs one write per period; a silo lost before the write loses at most that period's misses (the report is
/// a guide for the knowledge base, not a record anyone relies on). Texts are customers' words: never logged.
/// </remarks>
internal sealed class UnansweredQuestionsGrain(
    [PersistentState("unanswered", Hosting.GridSiloExtensions.StorageName)] IPersistentState<UnansweredQuestionsState> state,
    TimeProvider clock,
    ILogger<UnansweredQuestionsGrain> logger) : Grain, IUnansweredQuestionsGrain
{
    /// <summary>How often changed state is written.</summary>
    public static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(5);

    private bool dirty;

    private List<UnansweredQuestion> Misses => state.State.Misses;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(FlushEvery, FlushEvery));
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task RecordAsync(UnansweredQuestion question)
    {
        Misses.Add(question with { Text = Clip(question.Text) });
        if (Misses.Count > UnansweredLimits.MaxRecorded)
        {
            Misses.RemoveRange(0, Misses.Count - UnansweredLimits.MaxRecorded);
        }

        dirty = true;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UnansweredQuestion>> ListForConversationsAsync(IReadOnlyList<string> conversationIds)
    {
        var ids = conversationIds.ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<UnansweredQuestion> found = [.. Misses.Where(m => ids.Contains(m.ConversationId))];
        return Task.FromResult(found);
    }

    public async Task<int> ForgetConversationsAsync(IReadOnlyList<string> conversationIds)
    {
        var ids = conversationIds.ToHashSet(StringComparer.Ordinal);
        var forgotten = Misses.RemoveAll(m => ids.Contains(m.ConversationId));
        if (forgotten > 0)
        {
            // Written now, failures to the caller: an erasure must know the texts are gone from storage.
            await state.WriteStateAsync();
            dirty = false;
        }

        return forgotten;
    }

    public async Task<UnansweredReport> ListAsync(UnansweredQuery query)
    {
        var oldest = clock.GetUtcNow() - UnansweredLimits.Retention;
        var since = query.Since > oldest ? query.Since : oldest;
        var misses = Misses
            .Where(m => m.At >= since && m.At < query.Until && (query.Language is null || m.Language == query.Language))
            .ToList();
        if (misses.Count == 0)
        {
            return new UnansweredReport([], 0);
        }

        var settings = await GrainFactory.GetGrain<IKnowledgeBaseGrain>(this.GetPrimaryKeyString()).GetSettingsAsync();
        var groups = QuestionGroups.Group(misses, settings.Settings.Synonyms);
        return new UnansweredReport([.. groups.Take(Math.Clamp(query.Limit, 1, UnansweredLimits.MaxGroups))], misses.Count);
    }

    /// <summary>A text cut to <see cref="UnansweredLimits.MaxTextLength"/> characters, at a space when there is one in its second half.</summary>
    public static string Clip(string text)
    {
        text = text.Trim();
        if (text.Length <= UnansweredLimits.MaxTextLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', UnansweredLimits.MaxTextLength);
        var end = cut >= UnansweredLimits.MaxTextLength / 2 ? cut : UnansweredLimits.MaxTextLength;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end].TrimEnd() + "…";
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var oldest = clock.GetUtcNow() - UnansweredLimits.Retention;
        dirty |= Misses.RemoveAll(m => m.At < oldest) > 0;
        if (!dirty)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
            dirty = false;
        }
        catch (Exception ex)
        {
            // Kept in memory and written at the next tick; another activation's write (an ETag conflict) ends this one.
            logger.LogWarning(ex, "Unanswered questions of tenant {Tenant} ({Count} kept) could not be written", this.GetPrimaryKeyString(), Misses.Count);
            if (ex is Orleans.Storage.InconsistentStateException)
            {
                DeactivateOnIdle();
            }
        }
    }
}
