using System.Diagnostics;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.EndToEnd;

/// <summary>
/// The embedded data directory holds customers' messages and addresses: readable by the owner only (directory 0700,
/// files 0600, SQLite's WAL and shared-memory files included); a directory that cannot be used stops the start with one
/// line and a non-zero exit code.
/// </summary>
public sealed class DataDirectoryTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_new_data_directory_and_its_files_are_readable_by_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "grid-modes-" + Guid.NewGuid().ToString("N"), "data");
        try
        {
            await using var grid = new EmbeddedGrid(dataDir: dataDir);
            await grid.StartAsync(EveryDevelopmentKeyConfigured());
            await using (var integrator = grid.Integrator())
            {
                await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "modes-1", "Bonjour, ma facture est fausse");
            }

            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(dataDir));
            var files = Directory.GetFiles(dataDir).Select(Path.GetFileName).ToList();
            foreach (var expected in new[] { "journal.db", "orleans.db", "journal.db-wal", "orleans.db-wal", "journal.db-shm", "orleans.db-shm", "grid.lock" })
            {
                Assert.Contains(expected, files);
            }

            foreach (var file in Directory.GetFiles(dataDir))
            {
                Assert.True(File.GetUnixFileMode(file) == OwnerOnlyFile, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
            }

            // Every key the development credentials would provide is configured: none are written.
            Assert.DoesNotContain("dev-credentials.json", files);
            Assert.DoesNotContain("dev-credentials.json.tmp", files);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dataDir)!, recursive: true);
        }
    }

    [Fact]
    public async Task An_existing_directory_open_to_others_is_tightened_with_a_warning()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "grid-loose-" + Guid.NewGuid().ToString("N"));
        var loose = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Directory.CreateDirectory(dataDir, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(dataDir, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await File.WriteAllBytesAsync(Path.Combine(dataDir, "journal.db"), []);
        File.SetUnixFileMode(Path.Combine(dataDir, "journal.db"), loose);
        try
        {
            await using var grid = new EmbeddedGrid(dataDir: dataDir);
            await grid.StartAsync();

            Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(dataDir));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(dataDir, "journal.db")));
            Assert.Contains("was open to other users", grid.Process.Output);
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_directory_shared_with_other_files_is_not_changed_but_reported_and_grids_files_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "grid-shared-" + Guid.NewGuid().ToString("N"));
        var open = OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Directory.CreateDirectory(dataDir);
        File.SetUnixFileMode(dataDir, open);
        var notes = Path.Combine(dataDir, "notes.txt");
        await File.WriteAllTextAsync(notes, "someone else's");
        File.SetUnixFileMode(notes, readable);
        try
        {
            await using var grid = new EmbeddedGrid(dataDir: dataDir);
            await grid.StartAsync();

            Assert.Equal(open, File.GetUnixFileMode(dataDir));
            Assert.Equal(readable, File.GetUnixFileMode(notes));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(dataDir, "journal.db")));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(dataDir, "journal.db-wal")));
            Assert.Contains("holds files other than Grid's", grid.Process.Output);
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Generated_development_credentials_are_never_readable_by_others()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var fresh = await FreshHost.StartAsync([]);
        var credentials = Path.Combine(fresh.DataDir, "dev-credentials.json");
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(credentials));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(fresh.DataDir));
        Assert.False(File.Exists(credentials + ".tmp"));
    }

    /// <summary>The demo integrator, widget and action links' key configured too (TestKeys configures the signing and address-hash keys).</summary>
    private static Dictionary<string, string> EveryDevelopmentKeyConfigured() => new()
    {
        ["Grid__Integrators__demo-gateway__Tenant"] = "demo",
        ["Grid__Integrators__demo-gateway__ApiKey"] = "key-demo-" + Guid.NewGuid().ToString("N"),
        ["Grid__WebChat__Widgets__demo__Tenant"] = "demo",
        ["Grid__WebChat__Widgets__demo__PublicKey"] = "wk_modes_" + Guid.NewGuid().ToString("N"),
        ["Grid__WebChat__Widgets__demo__AllowedOrigins__0"] = "https://shop.example.com",
        ["Grid__Links__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    };

    [Fact]
    public async Task A_data_directory_that_cannot_be_created_stops_the_start_with_one_line()
    {
        // A path under a regular file cannot be a directory, even for root (tests may run as root, which ignores modes).
        var file = Path.Combine(Path.GetTempPath(), "grid-not-a-dir-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(file, "a file");
        var dataDir = Path.Combine(file, "data");
        var environment = new TestKeys().Environment();
        environment["Grid__DataDir"] = dataDir;
        environment["Grid__Http__Port"] = FreePort.Next().ToString();
        environment["Grid__Grpc__Port"] = FreePort.Next().ToString();
        environment["Grid__Orleans__SiloPort"] = FreePort.Next().ToString();
        environment["Grid__Orleans__GatewayPort"] = FreePort.Next().ToString();
        try
        {
            await using var host = GridProcess.Start("unwritable", RepoPaths.SiloDll, environment);
            var exitCode = await host.WaitForExitAsync(ExitWithin);
            Assert.NotEqual(0, exitCode);
            Assert.NotEqual(134, exitCode); // SIGABRT: an unhandled exception
            var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(lines.Length == 1, $"expected one line:\n{host.Output}");
            Assert.Equal(
                $"Grid cannot start: the data directory {dataDir} cannot be used ({file} is a file, not a directory); " +
                "set Grid:DataDir (environment variable Grid__DataDir) to a directory this user can create and write.", lines[0]);
            Assert.Equal(1, exitCode);
            Assert.DoesNotContain("   at ", host.Output);
            Assert.DoesNotContain("Exception", host.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_data_directory_this_user_cannot_write_stops_the_start_with_one_line()
    {
        // Root ignores modes: as root the host runs as "nobody" (runuser), when nobody can read the build output.
        var runAsNobody = Environment.UserName == "root";
        var runuser = new[] { "/usr/sbin/runuser", "/sbin/runuser" }.FirstOrDefault(File.Exists);
        if (OperatingSystem.IsWindows() || (runAsNobody && (runuser is null || !OthersCanRead(RepoPaths.SiloDll))))
        {
            return;
        }

        var parent = Path.Combine(Path.GetTempPath(), "grid-readonly-" + Guid.NewGuid().ToString("N"));
        var dataDir = Path.Combine(parent, "data");
        Directory.CreateDirectory(dataDir);
        File.SetUnixFileMode(parent, OwnerOnlyDirectory | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var dotnet = Process.GetCurrentProcess().MainModule?.FileName is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var info = runAsNobody
            ? new ProcessStartInfo(runuser!, ["-u", "nobody", "--", "env", "DOTNET_CLI_HOME=/tmp", "DOTNET_NOLOGO=1", $"Grid__DataDir={dataDir}", dotnet, RepoPaths.SiloDll])
            : new ProcessStartInfo(dotnet, [RepoPaths.SiloDll]) { Environment = { ["Grid__DataDir"] = dataDir } };
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(ExitWithin);
            await process.WaitForExitAsync(timeout.Token);
            var all = (await output) + (await error);
            Assert.Equal(1, process.ExitCode);
            Assert.Equal(
                $"Grid cannot start: the data directory {dataDir} cannot be used (permission denied); " +
                "set Grid:DataDir (environment variable Grid__DataDir) to a directory this user can create and write.", all.Trim());
        }
        finally
        {
            File.SetUnixFileMode(dataDir, OwnerOnlyDirectory);
            Directory.Delete(parent, recursive: true);
        }
    }

    /// <summary>Whether any user may read <paramref name="path"/>: the file readable by others, each directory above it searchable.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool OthersCanRead(string path)
    {
        if ((File.GetUnixFileMode(path) & UnixFileMode.OtherRead) == 0)
        {
            return false;
        }

        for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if ((File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
