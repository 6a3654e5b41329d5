using System.Diagnostics;
using System.Net;
using Grid.FaultTests.Harness;
using Grid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Grid.FaultTests.Scenarios;

/// <summary>
/// Scenario 5: the embedded host's disk fills up under load (its data directory on a small tmpfs, filled by another
/// file). While it is full, posts fail UNAVAILABLE (retriable), /readyz answers 503 and /healthz stays 200; once space
/// is freed, readiness and the load come back by themselves, and everything acknowledged is stored once, in order.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [MountFact]
    public async Task A_full_disk_makes_the_host_not_ready_fails_posts_as_retriable_and_loses_nothing()
    {
        using var disk = SmallDisk.Mount(megabytes: 128);
        await using var grid = new EmbeddedGrid(dataDir: Path.Combine(disk.Root, "data"));
        await grid.StartAsync();
        await using var integrator = grid.Integrator();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{grid.HttpPort}"), Timeout = TimeSpan.FromSeconds(10) };
        var load = new FaultLoad([integrator], new LoadShape { Senders = 100, Workers = 8 });
        var failedWhileFull = 0;
        await Faults.PlayAsync(load, async l =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            l.Mark("disk filled");
            var filler = disk.Fill();
            Assert.True(await StatusWithinAsync(http, "/readyz", HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30)),
                "GET /readyz never answered 503 with the disk full");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
            // The first posts after the fill may still commit: SQLite writes into pages it already holds (a WAL reset by
            // a checkpoint is rewritten from its start) until it needs a new block. So the test waits, up to 30 s, for
            // the first failure rather than counting failures in a fixed window (which flaked once, with none in 3 s).
            var from = l.NowMs;
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(30)
                   && l.Calls.Count(c => c.EndedMs > from && c.Code != Grpc.Core.StatusCode.OK) == 0)
            {
                await Task.Delay(250);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            failedWhileFull = l.Calls.Count(c => c.EndedMs > from && c.Code != Grpc.Core.StatusCode.OK);
            l.Note($"{failedWhileFull} posts failed within {waited.Elapsed.TotalSeconds:F1} s of /readyz answering 503");

            File.Delete(filler);
            l.Mark("disk freed");
            Assert.True(await StatusWithinAsync(http, "/readyz", HttpStatusCode.OK, TimeSpan.FromSeconds(30)),
                "GET /readyz did not answer 200 again once space was freed");
            await Faults.WaitRecoveredAsync(l);
        });

        var report = await FaultChecker.CheckAsync("the embedded host's disk full, then freed (SQLite)", load, [integrator],
            () => EmbeddedJournal.StoredKeysAsync(grid, load.Prefix));
        report.Print(output).AssertClean();
        Assert.True(failedWhileFull > 0, "no post failed in the 30 s the disk was full: the fault did not bite\n" + report);
    }

    private static async Task<bool> StatusWithinAsync(HttpClient http, string path, HttpStatusCode expected, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == expected)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // The host answers on its port throughout; a refused connection is retried like any other answer.
            }
            catch (TaskCanceledException)
            {
                // A probe slower than the client's timeout: asked again.
            }

            await Task.Delay(250);
        }

        return false;
    }
}

/// <summary>A tmpfs of a few megabytes mounted in a temp directory (root only), unmounted and removed when disposed.</summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string root) => Root = root;

    public string Root { get; }

    public static SmallDisk Mount(int megabytes)
    {
        var root = Directory.CreateTempSubdirectory("grid-disk-").FullName;
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", root);
        if (code != 0)
        {
            Directory.Delete(root);
            throw new InvalidOperationException($"mount of a tmpfs on {root} failed ({code}): {error}");
        }

        return new SmallDisk(root);
    }

    /// <summary>Whether this process may mount a tmpfs (tried once on a throw-away directory).</summary>
    public static bool CanMount()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return false;
        }

        try
        {
            using var probe = Mount(1);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Writes a file until the disk has no space left; returns its path.</summary>
    public string Fill()
    {
        var path = Path.Combine(Root, "filler");
        var block = new byte[1 << 20];
        // Unbuffered, so that nothing is left to write (and fail) when the file is closed.
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
            // No space left on the device: what this method is for.
        }

        // The last megabyte may have been cut short: fill what is left byte-sized, so that nothing fits.
        try
        {
            while (true)
            {
                file.Write(block, 0, 4096);
            }
        }
        catch (IOException)
        {
            // Full.
        }

        return path;
    }

    public void Dispose()
    {
        Run("umount", "-l", Root);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Unmounted lazily: the directory is removed once the host released it.
        }
    }

    private static (int Code, string Error) Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Trim());
    }
}

/// <summary>A test that needs to mount a tmpfs (root on Linux, as CI runs): skipped, saying so, where that is not allowed.</summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (!SmallDisk.CanMount())
        {
            Skip = "needs to mount a tmpfs (root on Linux with CAP_SYS_ADMIN): see docs/reliability.md";
        }
    }
}
