using System.Reflection;

namespace Grid.Bot;

/// <summary>The demo knowledge base (Bot/Data/demo-kb.json, embedded in this assembly): what a new embedded host's demo tenant starts with.</summary>
public static class DemoKnowledgeBase
{
    private const string ResourceName = "Grid.Bot.Data.demo-kb.json";

    /// <summary>The demo knowledge base in the import's JSON form.</summary>
    public static string Document()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
