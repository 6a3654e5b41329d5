using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Grid.Storage;

/// <summary>
/// One writer per silo for the journal database (DESIGN §5): whatever work arrives while a transaction is
/// committing goes into the next transaction, so ingest is not bound by one commit per message. Each work item
/// runs inside its own savepoint, so one failing item does not fail the others; every caller's task completes
/// only after the commit that holds its work. On SQLite this is also the single writer connection: callers
/// await, no thread blocks in a busy-retry loop.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly GridDatabase database;
    private readonly ILogger<GroupCommitWriter> logger;
    private readonly Channel<IWorkItem> queue = System.Threading.Channels.Channel.CreateUnbounded<IWorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private DbConnection? connection;

    public GroupCommitWriter(GridDatabase database, ILogger<GroupCommitWriter> logger)
    {
        this.database = database;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Runs <paramref name="work"/> in the next group transaction and returns its result after the commit.</summary>
    public Task<T> ExecuteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work)
    {
        var item = new WorkItem<T>(work);
        if (!queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The journal writer is stopped.");
        }

        return item.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        try
        {
            await loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The journal writer did not drain within 10 s at shutdown");
        }

        await stopping.CancelAsync();
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<IWorkItem>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await CommitAsync(batch);
                foreach (var item in batch)
                {
                    item.Complete();
                }

                GridMetrics.JournalCommitSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
                GridMetrics.JournalBatchSize.Observe(batch.Count);
            }
            catch (Exception ex)
            {
                // The commit's outcome is unknown: every caller gets the failure and resynchronises from the database.
                logger.LogError(ex, "Journal group commit of {Count} items failed", batch.Count);
                foreach (var item in batch)
                {
                    item.Fail(ex);
                }

                await ResetConnectionAsync();
            }
        }
    }

    private async Task CommitAsync(List<IWorkItem> batch)
    {
        connection ??= await database.OpenAsync(stopping.Token);
        await using var transaction = await connection.BeginTransactionAsync(stopping.Token);
        for (var i = 0; i < batch.Count; i++)
        {
            var savepoint = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await transaction.SaveAsync(savepoint, stopping.Token);
            try
            {
                await batch[i].RunAsync(connection, transaction);
                await transaction.ReleaseAsync(savepoint, stopping.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Only this item's work is undone; it fails alone (its caller gets the exception) and the rest of
                // the group commits. If the rollback itself fails, the whole group fails below.
                await transaction.RollbackAsync(savepoint, stopping.Token);
                batch[i].Fail(ex);
            }
        }

        await transaction.CommitAsync(stopping.Token);
    }

    private async Task ResetConnectionAsync()
    {
        if (connection is not null)
        {
            try
            {
                await connection.DisposeAsync();
            }
            catch (DbException ex)
            {
                logger.LogWarning(ex, "Closing the journal writer connection failed");
            }

            connection = null;
        }
    }

    private interface IWorkItem
    {
        Task RunAsync(DbConnection connection, DbTransaction transaction);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class WorkItem<T>(Func<DbConnection, DbTransaction, Task<T>> work) : IWorkItem
    {
        private T? result;
        private Exception? failure;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(DbConnection connection, DbTransaction transaction) =>
            result = await work(connection, transaction);

        public void Complete()
        {
            if (failure is not null)
            {
                Completion.TrySetException(failure);
            }
            else
            {
                Completion.TrySetResult(result!);
            }
        }

        public void Fail(Exception exception)
        {
            failure ??= exception;
            Completion.TrySetException(exception);
        }
    }
}
