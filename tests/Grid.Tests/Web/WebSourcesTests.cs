using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.Web;

/// <summary>
/// The committed bundle (src/Edge/Grid.Edge/wwwroot) is built from the committed sources (web/), and no source puts
/// text into the page as HTML.
/// </summary>
public sealed partial class WebSourcesTests
{
    private static string WebDir => Path.Combine(RepoPaths.Root, "web");

    private static string WwwRoot => Path.Combine(RepoPaths.Root, "src", "Edge", "Grid.Edge", "wwwroot");

    [Fact]
    public void The_committed_bundle_is_built_from_the_committed_sources()
    {
        var stamp = File.ReadAllText(Path.Combine(WwwRoot, ".source-hash")).Trim();
        Assert.True(stamp == SourceHash(WebDir),
            "The built desk and chat in src/Edge/Grid.Edge/wwwroot are stale: the sources under web/ changed since the last build. "
            + "Run web/build.sh and commit web/ and wwwroot/ together.");
    }

    [Fact]
    public void No_source_or_built_script_inserts_HTML()
    {
        var sources = Directory.EnumerateFiles(WebDir, "*", SearchOption.AllDirectories)
            .Where(f => !Relative(WebDir, f).StartsWith("node_modules/", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".ts", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal));
        var built = Directory.EnumerateFiles(WwwRoot, "*.js", SearchOption.AllDirectories);
        var offenders = sources.Concat(built)
            .SelectMany(f => HtmlSinks().Matches(File.ReadAllText(f)).Select(m => $"{Relative(RepoPaths.Root, f)}: {m.Value}"))
            .ToList();
        Assert.True(offenders.Count == 0,
            "Build the DOM with textContent and createElement; never parse text as HTML:\n" + string.Join('\n', offenders));
        Assert.NotEmpty(built);
    }

    [Fact]
    public void Pages_load_no_inline_script_and_nothing_from_another_origin()
    {
        foreach (var page in new[] { "desk", "chat" })
        {
            var html = File.ReadAllText(Path.Combine(WwwRoot, page, "index.html"));
            Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
            Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
            Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The stamp web/build.sh writes: for each file under web/ except node_modules, in byte order of its path, the lines
    /// "path" and its sha256; the sha256 of those lines.
    /// </summary>
    internal static string SourceHash(string webDir)
    {
        var lines = new StringBuilder();
        var files = Directory.EnumerateFiles(webDir, "*", SearchOption.AllDirectories)
            .Select(f => Relative(webDir, f))
            .Where(f => !f.StartsWith("node_modules/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            lines.Append(file).Append('\n')
                .Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(webDir, file))))).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex(@"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|srcdoc)\b")]
    private static partial Regex HtmlSinks();
}
