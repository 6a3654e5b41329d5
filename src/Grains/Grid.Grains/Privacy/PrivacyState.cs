namespace Grid.Privacy;

/// <summary>A tenant's retention policy and its last run.</summary>
[GenerateSerializer, Alias("grid.PrivacyState")]
internal sealed class PrivacyState
{
    [Id(0)] public int KeepClosedDays { get; set; }

    [Id(1)] public long Version { get; set; }

    [Id(2)] public DateTimeOffset? LastRunAt { get; set; }

    [Id(3)] public int LastRunPurged { get; set; }
}
