using System.Reflection;

namespace Grid.Bot;

/// <summary>
/// The demo knowledge base shipped in Bot/Data (embedded as <c>Grid.Bot.&lt;file&gt;</c>): what a new embedded host's demo
/// tenant starts with. <c>demo-kb.json</c> holds the entries; <c>demo-settings.json</c>, when shipped, the settings the bot
/// was tuned with.
/// </summary>
public static class DemoKnowledgeBase
{
    /// <summary>The demo entries in the import's JSON form.</summary>
    public static string Document() => Resource("demo-kb.json")
        ?? throw new InvalidOperationException($"Grid.Bot.demo-kb.json is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");

    /// <summary>The demo settings in their JSON form (<c>{"threshold", "defaultLanguage", "synonyms"}</c>), or null when not shipped.</summary>
    public static string? SettingsDocument() => Resource("demo-settings.json");

    private static string? Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Grid.Bot." + name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
