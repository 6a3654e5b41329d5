namespace Grid.Privacy;

/// <summary>
/// A tenant's retention policy: conversations closed more than <see cref="KeepClosedDays"/> days ago are purged (0:
/// kept for ever), with when the last run happened and how many conversations it purged.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.RetentionPolicy")]
public sealed record RetentionPolicy(
    [property: Id(0)] int KeepClosedDays,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset? LastRunAt,
    [property: Id(3)] int LastRunPurged);

/// <summary>What one retention run purged: the conversations (ids), and the rows deleted per table.</summary>
[GenerateSerializer, Immutable, Alias("grid.RetentionRun")]
public sealed record RetentionRun(
    [property: Id(0)] DateTimeOffset ClosedBefore,
    [property: Id(1)] IReadOnlyList<string> ConversationIds,
    [property: Id(2)] IReadOnlyDictionary<string, long> Rows);
