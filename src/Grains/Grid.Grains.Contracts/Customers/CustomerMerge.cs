namespace Grid;

/// <summary>
/// The durable record of a merge, kept on both customers: <see cref="SourceCustomerId"/> was merged into
/// <see cref="TargetCustomerId"/> by <see cref="By"/> ("admin:&lt;integrator&gt;" or "agent:&lt;id&gt;") for
/// <see cref="Reason"/> at <see cref="At"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.CustomerMerge")]
public sealed record CustomerMerge(
    [property: Id(0)] string SourceCustomerId,
    [property: Id(1)] string TargetCustomerId,
    [property: Id(2)] string By,
    [property: Id(3)] string Reason,
    [property: Id(4)] DateTimeOffset At);
