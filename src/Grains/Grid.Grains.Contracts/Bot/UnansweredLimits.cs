namespace Grid.Bot;

/// <summary>
/// The bounds of a tenant's record of unanswered questions (<see cref="IUnansweredQuestionsGrain"/>) and of the report
/// on it, documented in <c>protos/grid/v1/knowledge.proto</c> (ListUnansweredQuestions).
/// </summary>
public static class UnansweredLimits
{
    /// <summary>Misses kept per tenant: beyond it the oldest are dropped.</summary>
    public const int MaxRecorded = 5_000;

    /// <summary>Misses older than this are dropped.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>Characters of a miss's text kept (the start of a long email says what it asks; it also bounds the stored state).</summary>
    public const int MaxTextLength = 300;

    /// <summary>The period reported when the request names none: the last 30 days.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    /// <summary>Groups returned when the request names no limit.</summary>
    public const int DefaultGroups = 20;

    /// <summary>Groups returned at most.</summary>
    public const int MaxGroups = 200;

    /// <summary>Other wordings given with each group.</summary>
    public const int MaxExamples = 3;
}
