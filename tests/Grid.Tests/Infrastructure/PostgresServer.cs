using System.Diagnostics;
using Npgsql;

namespace Grid.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server started from the installed binaries in a temp directory on a free port.
/// initdb refuses to run as root, so when the tests run as root the server runs as the "postgres" user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "grid-pg-" + Guid.NewGuid().ToString("N"));
    private readonly bool asRoot = Environment.UserName == "root";

    public int Port { get; } = FreePort.Next();

    public string ConnectionString(string database = "grid") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=10;Command Timeout=30";

    public async Task StartAsync()
    {
        Directory.CreateDirectory(directory);
        if (asRoot)
        {
            await RunAsync("chown", "postgres", directory);
        }

        await RunPgAsync("initdb", "-D", directory, "-A", "trust", "-U", "postgres", "--no-sync");
        await RunPgAsync("pg_ctl", "-D", directory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE grid", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected), as an outage would.</summary>
    public Task StopAsync() => RunPgAsync("pg_ctl", "-D", directory, "-m", "fast", "-w", "stop");

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public Task RestartAsync() => RunPgAsync("pg_ctl", "-D", directory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPgAsync("pg_ctl", "-D", directory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // not started, or already stopped
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS to clean
        }
    }

    private Task RunPgAsync(string tool, params string[] args) =>
        asRoot ? RunAsync("runuser", ["-u", "postgres", "--", tool, .. args]) : RunAsync(tool, args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
