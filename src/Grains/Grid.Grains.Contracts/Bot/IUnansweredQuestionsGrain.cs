namespace Grid.Bot;

/// <summary>
/// A tenant's record of the customers' messages the bot could not answer (key: the tenant), so that the team can grow
/// the knowledge base: the latest <see cref="UnansweredLimits.MaxRecorded"/> misses of at most
/// <see cref="UnansweredLimits.Retention"/>, reported grouped by what they ask.
/// </summary>
[Alias("grid.IUnansweredQuestionsGrain")]
public interface IUnansweredQuestionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a miss. One-way: a conversation does not wait for it, and a miss lost with a silo only leaves the report a
    /// little short. Written to storage in batches, not once per call.
    /// </summary>
    [OneWay]
    [Alias("RecordAsync")]
    Task RecordAsync(UnansweredQuestion question);

    /// <summary>The misses of the query's period (and language), grouped so that the same question asked in different words counts once.</summary>
    [ReadOnly]
    [Alias("ListAsync")]
    Task<UnansweredReport> ListAsync(UnansweredQuery query);

    /// <summary>
    /// GDPR erasure or retention: forgets the recorded misses of these conversations and writes the state at once;
    /// returns how many were forgotten.
    /// </summary>
    [Alias("ForgetConversationsAsync")]
    Task<int> ForgetConversationsAsync(IReadOnlyList<string> conversationIds);

    /// <summary>The recorded misses of these conversations (GDPR export).</summary>
    [Alias("ListForConversationsAsync")]
    Task<IReadOnlyList<UnansweredQuestion>> ListForConversationsAsync(IReadOnlyList<string> conversationIds);
}
