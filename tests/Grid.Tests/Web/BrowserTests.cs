using System.Diagnostics;
using System.Text;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.Web;

/// <summary>
/// The product in a real browser: Playwright (<c>playwright-core</c> from npm, pinned in <c>tests/browser</c>) drives
/// Debian's Chromium headless against an embedded host of its own (<c>tests/browser/chat-and-desk.mjs</c>): a visitor
/// in <c>/chat</c> gets the bot's answer, asks for a person; an agent signed in on <c>/desk</c> gets the offer with its
/// context, accepts and replies; the visitor sees it live; an SMS this test posts over gRPC is a second offer on the
/// desk. Screenshots of both pages are kept in the test output's <c>browser-artifacts</c> directory. Chromium must be
/// installed (<c>apt-get install -y chromium</c>; <c>.ci/run</c> does it); the npm package is installed on first run.
/// </summary>
public sealed class BrowserTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_visitor_and_an_agent_talk_through_the_chat_and_desk_pages()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: run `apt-get install -y chromium` (.ci/run does it when missing).");
        var scripts = Path.Combine(RepoPaths.Root, "tests", "browser");
        await EnsurePlaywrightAsync(scripts);

        await using var grid = new EmbeddedGrid();
        await grid.StartAsync();
        await using var integrator = new IntegratorClient(grid.GrpcPort, grid.DemoApiKey());
        await integrator.BotReadyAsync(); // the demo bot, which the host builds as it starts
        var artifacts = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");

        var info = new ProcessStartInfo("node", ["chat-and-desk.mjs"])
        {
            WorkingDirectory = scripts,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["GRID_BASE_URL"] = $"http://127.0.0.1:{grid.HttpPort}";
        info.Environment["GRID_SCREENSHOTS"] = artifacts;
        info.Environment["GRID_CHROMIUM"] = chromium;
        using var node = new Process { StartInfo = info };
        var output = new StringBuilder();
        var readyForSms = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        node.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data == "READY_FOR_SMS")
            {
                readyForSms.TrySetResult();
            }
        };
        node.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        node.Start();
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        using var budget = new CancellationTokenSource(Budget);
        try
        {
            var finished = node.WaitForExitAsync(budget.Token);
            if (await Task.WhenAny(readyForSms.Task, finished) == readyForSms.Task)
            {
                var sms = await integrator.PostSmsAsync(EndToEnd.MessagePathTests.UniquePhone(), "browser-sms-" + Guid.NewGuid(), "Bonjour, je voudrais parler à un conseiller pour mon contrat");
                await node.StandardInput.WriteLineAsync("SMS " + sms.ConversationId);
                await node.StandardInput.FlushAsync();
            }

            await finished;
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"The browser run took more than {Budget}.\n{Log(output)}\nhost:\n{Tail(grid.Process.Output)}");
        }

        Assert.True(node.ExitCode == 0, $"The browser run failed ({node.ExitCode}).\n{Log(output)}\nhost:\n{Tail(grid.Process.Output)}");
        Assert.Contains("DONE", Log(output));
        foreach (var shot in new[] { "chat.png", "desk-offer.png", "desk.png" })
        {
            Assert.True(new FileInfo(Path.Combine(artifacts, shot)).Length > 10_000, $"{shot} was saved in {artifacts}");
        }
    }

    /// <summary>Installs the pinned <c>playwright-core</c> from the lockfile the first time (npm's registry).</summary>
    private static async Task EnsurePlaywrightAsync(string scripts)
    {
        if (File.Exists(Path.Combine(scripts, "node_modules", "playwright-core", "package.json")))
        {
            return;
        }

        using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = scripts,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = npm.StandardError.ReadToEndAsync();
        await npm.StandardOutput.ReadToEndAsync();
        await npm.WaitForExitAsync();
        Assert.True(npm.ExitCode == 0, $"npm ci in {scripts} failed: {await log}");
    }

    private static string Log(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
}
