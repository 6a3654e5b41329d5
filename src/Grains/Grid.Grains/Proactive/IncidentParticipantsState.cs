namespace Grid.Proactive;

/// <summary>An incident's internal participants (<see cref="IncidentParticipantsGrain"/>'s persisted state).</summary>
[GenerateSerializer, Alias("grid.IncidentParticipantsState")]
internal sealed class IncidentParticipantsState
{
    [Id(0)] public List<ParticipantRecord> Participants { get; set; } = [];
}

/// <summary>One participant: their definition (address normalised), their notice (number n: outbound id "incident:n") and their updates.</summary>
[GenerateSerializer, Alias("grid.ParticipantRecord")]
internal sealed class ParticipantRecord
{
    [Id(0)] public ParticipantDefinition Definition { get; set; } = null!;

    [Id(1)] public int Number { get; set; }

    [Id(2)] public string NoticeText { get; set; } = "";

    [Id(3)] public DateTimeOffset NotifiedAt { get; set; }

    /// <summary>The ids of their latest updates (at most <see cref="IncidentParticipantsGrain.RememberedUpdates"/>), for retries.</summary>
    [Id(4)] public List<string> UpdateIds { get; set; } = [];

    [Id(5)] public string? LastStatus { get; set; }

    [Id(6)] public string? LastText { get; set; }

    [Id(7)] public DateTimeOffset? LastUpdateAt { get; set; }

    [Id(8)] public int Updates { get; set; }
}
