using System.Diagnostics;

namespace Grid;

/// <summary>
/// Grid's own spans (docs/architecture.md, "Operations"): the journal append of a conversation's unit, a child of the
/// grain call that appends it. Without a listener (tracing not configured) <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null and nothing is recorded.
/// </summary>
public static class GridTracing
{
    /// <summary>The name of Grid's activity source, for a tracer provider's AddSource.</summary>
    public const string SourceName = "Grid";

    public static readonly ActivitySource Source = new(SourceName);
}
