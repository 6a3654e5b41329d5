namespace Grid.Triage;

/// <summary>A tenant's category model as stored: the serialised model and what it is. Replaced as a whole by each upload.</summary>
[GenerateSerializer, Alias("grid.TriageModelState")]
internal sealed class TriageModelState
{
    /// <summary>The ML.NET model's bytes; empty until the first upload.</summary>
    [Id(0)] public byte[] Model { get; set; } = [];

    /// <summary>Version 0 until the first upload.</summary>
    [Id(1)] public TriageModelInfo Info { get; set; } = TriageModelInfo.None;
}
