namespace Grid.Bot;

/// <summary>
/// A tenant's knowledge base: its entries, its bot settings and a version. Key: the tenant. Every change is validated
/// as a whole (an import is applied entirely or not at all), increments the version, and is answered only once
/// stored. Refusals are <see cref="KnowledgeRuleException"/>s.
/// </summary>
[Alias("grid.IKnowledgeBaseGrain")]
public interface IKnowledgeBaseGrain : IGrainWithStringKey
{
    /// <summary>Adds an entry; refused when its id exists. Returns the new version.</summary>
    [Alias("CreateAsync")]
    Task<long> CreateAsync(KnowledgeEntry entry);

    /// <summary>Replaces an existing entry (the one with the same id). Returns the new version.</summary>
    [Alias("UpdateAsync")]
    Task<long> UpdateAsync(KnowledgeEntry entry);

    /// <summary>Deletes an entry. Returns the new version.</summary>
    [Alias("DeleteAsync")]
    Task<long> DeleteAsync(string entryId);

    /// <summary>The entry with that id, or null.</summary>
    [Alias("GetAsync"), ReadOnly]
    Task<KnowledgeEntry?> GetAsync(string entryId);

    /// <summary>Entries in id order after <paramref name="afterId"/>, at most <paramref name="limit"/> (1 to 500), with <paramref name="tag"/> when given.</summary>
    [Alias("ListAsync"), ReadOnly]
    Task<KnowledgePage> ListAsync(string? afterId, int limit, string? tag);

    /// <summary>
    /// Imports a JSON document (an array of entries in the JSON form of <see cref="KnowledgeEntry"/>): each entry replaces
    /// the entry with its id or is added; with <paramref name="replaceAll"/>, the document becomes the whole knowledge
    /// base. One entry refused refuses the whole document: nothing is applied.
    /// </summary>
    [Alias("ImportAsync")]
    Task<KnowledgeImportResult> ImportAsync(string document, bool replaceAll);

    /// <summary>
    /// Imports <paramref name="document"/>, with the settings of <paramref name="settingsDocument"/> when given (JSON:
    /// <c>{"threshold", "defaultLanguage", "synonyms"}</c>), only when the knowledge base was never written (version 0);
    /// never overwrites one that exists, even emptied. True when applied.
    /// </summary>
    [Alias("SeedAsync")]
    Task<bool> SeedAsync(string document, string? settingsDocument);

    /// <summary>Every entry as a JSON document that <see cref="ImportAsync"/> takes back.</summary>
    [Alias("ExportAsync"), ReadOnly]
    Task<KnowledgeExport> ExportAsync();

    /// <summary>The bot settings (defaults until set).</summary>
    [Alias("GetSettingsAsync"), ReadOnly]
    Task<VersionedKnowledgeSettings> GetSettingsAsync();

    /// <summary>Replaces the bot settings. Returns the new version.</summary>
    [Alias("SetSettingsAsync")]
    Task<long> SetSettingsAsync(KnowledgeSettings settings);

    /// <summary>The version: cheap, for a matcher to tell whether its index is current.</summary>
    [Alias("GetVersionAsync"), ReadOnly]
    Task<long> GetVersionAsync();

    /// <summary>Entries, settings and version together, for a matcher to build its index from.</summary>
    [Alias("GetSnapshotAsync"), ReadOnly]
    Task<KnowledgeSnapshot> GetSnapshotAsync();
}
