using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Grid.Storage;

/// <summary>
/// The data source Orleans' AdoNet providers use on SQLite: at most one open connection at a time, taken in
/// turn by awaiting callers, each connection set to WAL's busy timeout and the configured synchronous mode.
/// Measured on these machines (shared/notes/embedded-sqlite.md): without the gate, Microsoft.Data.Sqlite's
/// busy retries block thread-pool threads with Thread.Sleep and most grains starve (p99 about 10 s); with
/// it every grain progresses (p99 under 0.2 s at 200 concurrently writing grains).
/// </summary>
public sealed class GatedSqliteDataSource(string connectionString, string synchronous) : DbDataSource
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => new GatedConnection(connectionString, gate, synchronous);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gate.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A SQLite connection that holds the gate from open to close.</summary>
    private sealed class GatedConnection(string connectionString, SemaphoreSlim gate, string synchronous) : SqliteConnection(connectionString)
    {
        private bool holding;

        public override void Open()
        {
            gate.Wait();
            OpenHolding();
        }

        public override async Task OpenAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            OpenHolding();
        }

        public override void Close()
        {
            try
            {
                base.Close();
            }
            finally
            {
                Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                Release();
            }
        }

        private void OpenHolding()
        {
            holding = true;
            try
            {
                base.Open();
                using var pragma = CreateCommand();
                pragma.CommandText = $"PRAGMA busy_timeout=5000; PRAGMA synchronous={synchronous};";
                pragma.ExecuteNonQuery();
            }
            catch
            {
                Release();
                throw;
            }
        }

        private void Release()
        {
            if (holding)
            {
                holding = false;
                gate.Release();
            }
        }
    }
}
