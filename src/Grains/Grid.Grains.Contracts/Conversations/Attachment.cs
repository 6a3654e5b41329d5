namespace Grid;

/// <summary>An attachment by reference: Grid stores the reference, never the content.</summary>
[GenerateSerializer, Immutable, Alias("grid.Attachment")]
public sealed record Attachment(
    [property: Id(0)] string Uri,
    [property: Id(1)] string MediaType,
    [property: Id(2)] long SizeBytes,
    [property: Id(3)] string? FileName);
