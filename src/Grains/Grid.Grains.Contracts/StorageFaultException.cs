namespace Grid;

/// <summary>
/// A storage fault translated at the grain boundary (silos' <c>StorageFaultFilter</c>): the database's own exceptions
/// (Npgsql's, SQLite's) do not cross to clients. <see cref="Transient"/>: the database is unreachable, out of
/// connections, restarting, the disk is full — retry later (gRPC UNAVAILABLE). Otherwise the value itself can never be
/// stored (PostgreSQL's data exceptions: a NUL byte, an out-of-range value) — retrying cannot help (INVALID_ARGUMENT).
/// The message says which, without the database's details.
/// </summary>
[GenerateSerializer, Alias("grid.StorageFaultException")]
public sealed class StorageFaultException(bool transient, string message) : Exception(message)
{
    [Id(0)] public bool Transient { get; } = transient;
}
