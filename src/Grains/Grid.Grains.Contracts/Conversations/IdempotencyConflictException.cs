namespace Grid;

/// <summary>An idempotency key was reused with a different payload.</summary>
[GenerateSerializer, Alias("grid.IdempotencyConflictException")]
public sealed class IdempotencyConflictException(string message) : Exception(message);
