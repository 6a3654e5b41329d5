namespace Grid.Storage;

/// <summary>The two databases Grid runs on.</summary>
public enum StorageDialect
{
    Sqlite,
    Postgres,
}
