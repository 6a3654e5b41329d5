using Microsoft.Extensions.Logging;

namespace Grid.Bot;

/// <summary>
/// A tenant's knowledge base (key: the tenant): entries, bot settings and a version, in one persistent state on the
/// "grid" storage. Every change is checked by <see cref="KnowledgeValidator"/> as a whole before anything is changed
/// (an import with one bad entry changes nothing), increments the version, and is answered only once the state is
/// written; a failed write deactivates the grain, so the next call starts from what storage holds.
/// </summary>
/// <remarks>
/// AdoNet storage rewrites the whole state on each write. That is acceptable here: writes are admin actions, and the
/// knowledge base is bounded (<see cref="KnowledgeLimits.MaxEntries"/> entries, an export of at most
/// <see cref="KnowledgeLimits.MaxDocumentBytes"/>). Customers' messages only read it, through matchers that rebuild
/// their index when <see cref="GetVersionAsync"/> changes.
/// </remarks>
internal sealed class KnowledgeBaseGrain(
    [PersistentState("knowledge", Hosting.GridSiloExtensions.StorageName)] IPersistentState<KnowledgeBaseState> state,
    ILogger<KnowledgeBaseGrain> logger) : Grain, IKnowledgeBaseGrain
{
    private const int MaxPage = 500;

    private KnowledgeSnapshot? snapshot;

    private KnowledgeBaseState S => state.State;

    private KnowledgeSettings CurrentSettings => S.Settings ?? KnowledgeDefaults.Settings;

    public Task<long> CreateAsync(KnowledgeEntry entry)
    {
        Check(KnowledgeValidator.Entry(entry));
        if (IndexOf(entry.Id) >= 0)
        {
            throw new KnowledgeRuleException(KnowledgeErrorCodes.AlreadyExists, $"entry '{entry.Id}' exists already: use UpdateEntry to change it", "id");
        }

        if (S.Entries.Count >= KnowledgeLimits.MaxEntries)
        {
            throw new KnowledgeRuleException(KnowledgeErrorCodes.LimitReached,
                $"the knowledge base holds {S.Entries.Count} entries, the limit: delete entries before creating more");
        }

        return CommitAsync([.. S.Entries, entry], S.Settings);
    }

    public Task<long> UpdateAsync(KnowledgeEntry entry)
    {
        Check(KnowledgeValidator.Entry(entry));
        var index = Existing(entry.Id);
        var entries = new List<KnowledgeEntry>(S.Entries) { [index] = entry };
        return CommitAsync(entries, S.Settings);
    }

    public Task<long> DeleteAsync(string entryId)
    {
        Check(KnowledgeValidator.Id(entryId));
        var index = Existing(entryId);
        var entries = new List<KnowledgeEntry>(S.Entries);
        entries.RemoveAt(index);
        return CommitAsync(entries, S.Settings);
    }

    public Task<KnowledgeEntry?> GetAsync(string entryId)
    {
        Check(KnowledgeValidator.Id(entryId));
        var index = IndexOf(entryId);
        return Task.FromResult(index >= 0 ? S.Entries[index] : null);
    }

    public Task<KnowledgePage> ListAsync(string? afterId, int limit, string? tag)
    {
        limit = Math.Clamp(limit, 1, MaxPage);
        var matching = S.Entries
            .Where(e => tag is null || e.Tags.Contains(tag, StringComparer.Ordinal))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var page = matching
            .Where(e => afterId is null || string.CompareOrdinal(e.Id, afterId) > 0)
            .Take(limit + 1)
            .ToList();
        var hasMore = page.Count > limit;
        if (hasMore)
        {
            page.RemoveAt(limit);
        }

        return Task.FromResult(new KnowledgePage(page, hasMore ? page[^1].Id : null, hasMore, matching.Count, S.Version));
    }

    public async Task<KnowledgeImportResult> ImportAsync(string document, bool replaceAll)
    {
        if (KnowledgeValidator.Document(document, out var imported) is { } problem)
        {
            throw problem.ToException("import refused, nothing was applied: ");
        }

        var (entries, created, updated, deleted) = replaceAll ? Replace(imported) : Upsert(imported);
        if (entries.Count > KnowledgeLimits.MaxEntries)
        {
            throw new KnowledgeRuleException(KnowledgeErrorCodes.LimitReached,
                $"import refused, nothing was applied: the knowledge base would hold {entries.Count} entries; the limit is {KnowledgeLimits.MaxEntries} " +
                "(import with replace_all, or delete entries first)", "document");
        }

        var version = await CommitAsync(entries, S.Settings);
        return new KnowledgeImportResult(created, updated, deleted, entries.Count, version);
    }

    public async Task<bool> SeedAsync(string document, string? settingsDocument)
    {
        if (S.Version != 0)
        {
            return false;
        }

        if (KnowledgeValidator.Document(document, out var entries) is { } problem)
        {
            throw problem.ToException("seed refused: ");
        }

        KnowledgeSettings? settings = null;
        if (settingsDocument is not null && KnowledgeValidator.SettingsDocument(settingsDocument, out settings) is { } badSettings)
        {
            throw badSettings.ToException("seed refused, settings: ");
        }

        await CommitAsync([.. entries], settings);
        logger.LogInformation("Knowledge base of tenant {Tenant} seeded with {Count} entries", this.GetPrimaryKeyString(), entries.Count);
        return true;
    }

    public Task<KnowledgeExport> ExportAsync() =>
        Task.FromResult(new KnowledgeExport(KnowledgeJson.Write(S.Entries), S.Entries.Count, S.Version));

    public Task<VersionedKnowledgeSettings> GetSettingsAsync() => Task.FromResult(new VersionedKnowledgeSettings(CurrentSettings, S.Version));

    public Task<long> SetSettingsAsync(KnowledgeSettings settings)
    {
        Check(KnowledgeValidator.Settings(settings));
        return CommitAsync(S.Entries, settings);
    }

    public Task<long> GetVersionAsync() => Task.FromResult(S.Version);

    public Task<KnowledgeSnapshot> GetSnapshotAsync() =>
        Task.FromResult(snapshot ??= new KnowledgeSnapshot(S.Entries, CurrentSettings, S.Version));

    /// <summary>Stores the new entries and settings with the next version; answers once written.</summary>
    private async Task<long> CommitAsync(List<KnowledgeEntry> entries, KnowledgeSettings? settings)
    {
        var size = KnowledgeJson.WriteUtf8(entries).Length;
        if (size > KnowledgeLimits.MaxDocumentBytes)
        {
            throw new KnowledgeRuleException(KnowledgeErrorCodes.LimitReached,
                $"refused, nothing was applied: the knowledge base's export would be {size} bytes; the limit is {KnowledgeLimits.MaxDocumentBytes} (4 MB), " +
                "so that an export can always be imported again: shorten or delete entries");
        }

        state.State = new KnowledgeBaseState { Entries = entries, Settings = settings, Version = S.Version + 1 };
        snapshot = null;
        await state.WriteOrDeactivateAsync(this);
        return S.Version;
    }

    private (List<KnowledgeEntry> Entries, int Created, int Updated, int Deleted) Replace(IReadOnlyList<KnowledgeEntry> imported)
    {
        var ids = imported.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var updated = S.Entries.Count(e => ids.Contains(e.Id));
        return ([.. imported], imported.Count - updated, updated, S.Entries.Count - updated);
    }

    private (List<KnowledgeEntry> Entries, int Created, int Updated, int Deleted) Upsert(IReadOnlyList<KnowledgeEntry> imported)
    {
        var entries = new List<KnowledgeEntry>(S.Entries);
        var positions = entries.Select((e, i) => (e.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var created = 0;
        foreach (var entry in imported)
        {
            if (positions.TryGetValue(entry.Id, out var at))
            {
                entries[at] = entry;
            }
            else
            {
                positions[entry.Id] = entries.Count;
                entries.Add(entry);
                created++;
            }
        }

        return (entries, created, imported.Count - created, 0);
    }

    private int IndexOf(string entryId) => S.Entries.FindIndex(e => e.Id == entryId);

    private int Existing(string entryId)
    {
        var index = IndexOf(entryId);
        return index >= 0
            ? index
            : throw new KnowledgeRuleException(KnowledgeErrorCodes.NotFound, $"entry '{entryId}' not found in this tenant's knowledge base", "id");
    }

    private static void Check(KnowledgeProblem? problem)
    {
        if (problem is not null)
        {
            throw problem.ToException();
        }
    }
}
