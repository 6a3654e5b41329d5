using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Grid.Hosting;

namespace Grid.Proactive;

/// <summary>
/// One incident (docs/architecture.md, "Proactive pushes"): validates and stores its definition (the same dedupe key
/// with another payload is refused), records its messages (opening, updates, resolution) and drives their fan-out
/// (<see cref="IncidentGrain"/>'s FanOut part). Progress is read from the delivery table, so it is exact after a crash.
/// </summary>
internal sealed partial class IncidentGrain(
    [PersistentState("incident", "grid")] IPersistentState<IncidentState> state,
    IProactiveStore store,
    ActionLinks links,
    IOptions<GridRuntimeOptions> options,
    TimeProvider clock,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IRemindable
{
    public const int MaxUpdates = 100;

    private string tenant = "";
    private string incidentId = "";
    private Audience? audience;

    private IncidentState S => state.State;

    private ProactiveOptions Options => options.Value.Proactive;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (tenant, incidentId) = GridKeys.Split(this.GetPrimaryKeyString());
        if (S.Definition is { } definition)
        {
            audience = Audience.Parse(definition.Audience);
            if (HasWork)
            {
                StartPump(); // a fan-out cut short by a silo failure resumes from its cursor
            }
        }

        return Task.CompletedTask;
    }

    public async Task<IncidentView> OpenAsync(IncidentDefinition definition)
    {
        var hash = IncidentValidator.Hash(definition);
        if (S.Definition is not null)
        {
            return S.PayloadHash == hash
                ? await ViewAsync(created: false)
                : throw new ProactiveRuleException(ProactiveRuleException.Conflict,
                    $"dedupe_key '{definition.DedupeKey}' already names incident {incidentId} opened with another payload; post an update to it, or use another dedupe key for another alert");
        }

        var parsed = IncidentValidator.Validate(definition);
        EnsureLinks(definition.Action);
        var size = await store.CountAsync(tenant, parsed);
        if (size == 0)
        {
            throw new ProactiveRuleException(ProactiveRuleException.Invalid, $"audience '{definition.Audience}' matches no customer; check the tags (PreviewAudience shows who an audience holds)");
        }

        await CheckLanguagesAsync(parsed, definition.Templates, definition.FallbackLanguage, "templates");
        var now = clock.GetUtcNow();
        S.Definition = definition;
        S.PayloadHash = hash;
        S.Status = IncidentStatuses.Open;
        S.OpenedAt = now;
        S.AudienceSize = size;
        S.Messages = [new IncidentMessage(1, IncidentMessageKinds.Opened, definition.Templates, false, now, null, definition.Action)];
        await state.WriteStateAsync();
        audience = parsed;
        logger.LogInformation("Incident {IncidentId} of tenant {Tenant} opened for {AudienceSize} customers", incidentId, tenant, size);
        ProactiveMetrics.Incidents.WithLabels(IncidentStatuses.Open).Inc();
        await AfterChangeAsync();
        return await ViewAsync(created: true);
    }

    public async Task<IncidentView> PostUpdateAsync(string updateId, IReadOnlyDictionary<string, string> templates, bool onlyContacted, PushAction? action = null)
    {
        var definition = Existing();
        if (S.Messages.Find(m => m.UpdateId == updateId) is not null)
        {
            return await ViewAsync(created: false);
        }

        EnsureOpen("post an update to");
        if (S.Messages.Count >= MaxUpdates)
        {
            throw new ProactiveRuleException(ProactiveRuleException.Invalid, $"incident {incidentId} has {MaxUpdates} messages already");
        }

        IncidentTemplates.Validate(templates, definition.Variables, "templates", action is not null);
        if (action is not null)
        {
            ActionValidator.Validate(action, templates);
            EnsureLinks(action);
        }

        await CheckLanguagesAsync(audience!, templates, definition.FallbackLanguage, "templates");
        S.Messages.Add(new IncidentMessage(S.Messages.Count + 1, IncidentMessageKinds.Update, templates, onlyContacted, clock.GetUtcNow(), updateId, action));
        await state.WriteStateAsync();
        await AfterChangeAsync();
        return await ViewAsync(created: false);
    }

    public async Task<IncidentView> ResolveAsync(IReadOnlyDictionary<string, string> templates)
    {
        var definition = Existing();
        if (S.Status == IncidentStatuses.Resolved)
        {
            return await ViewAsync(created: false);
        }

        EnsureOpen("resolve");
        IncidentTemplates.Validate(templates, definition.Variables, "templates");
        await CheckLanguagesAsync(audience!, templates, definition.FallbackLanguage, "templates");
        var now = clock.GetUtcNow();
        S.Messages.Add(new IncidentMessage(S.Messages.Count + 1, IncidentMessageKinds.Resolved, templates, false, now, null));
        S.Status = IncidentStatuses.Resolved;
        S.ClosedAt = now;
        await state.WriteStateAsync();
        ProactiveMetrics.Incidents.WithLabels(IncidentStatuses.Resolved).Inc();
        await AfterChangeAsync();
        return await ViewAsync(created: false);
    }

    public async Task<IncidentView> CancelAsync()
    {
        Existing();
        if (S.Status == IncidentStatuses.Cancelled)
        {
            return await ViewAsync(created: false);
        }

        EnsureOpen("cancel");
        S.Status = IncidentStatuses.Cancelled;
        S.ClosedAt = clock.GetUtcNow();
        S.DoneThrough = S.Messages.Count; // what was not pushed yet is not pushed
        S.Cursor = "";
        await state.WriteStateAsync();
        ProactiveMetrics.Incidents.WithLabels(IncidentStatuses.Cancelled).Inc();
        await AfterChangeAsync();
        return await ViewAsync(created: false);
    }

    public async Task<IncidentView> GetAsync()
    {
        if (S.Definition is null)
        {
            DeactivateOnIdle();
        }

        Existing();
        return await ViewAsync(created: false);
    }

    public Task<IncidentActionView?> GetActionAsync(int messageNo)
    {
        if (S.Definition is not { } definition)
        {
            DeactivateOnIdle();
            return Task.FromResult<IncidentActionView?>(null);
        }

        return Task.FromResult(messageNo < 1 || messageNo > S.Messages.Count || S.Messages[messageNo - 1] is not { Action: { } action } message
            ? null
            : new IncidentActionView(action, Texts(message.Templates), definition.FallbackLanguage));
    }

    /// <summary>An action needs links: refused (FAILED_PRECONDITION) when this silo cannot make them, naming the setting.</summary>
    private void EnsureLinks(PushAction? action)
    {
        if (action is not null && links.Unavailable is { } why)
        {
            throw new ProactiveRuleException(ProactiveRuleException.WrongState, $"action: links cannot be made: {why}");
        }
    }

    /// <summary>A message's texts by language with the variables filled in and the link's place left out (the bot's answers, the link page).</summary>
    private Dictionary<string, string> Texts(IReadOnlyDictionary<string, string> templates) =>
        IncidentTemplates.RenderAll(templates, S.Definition!.Variables).ToDictionary(t => t.Key, t => ActionLinks.WithoutLink(t.Value), StringComparer.Ordinal);

    private IncidentDefinition Existing() =>
        S.Definition ?? throw new ProactiveRuleException(ProactiveRuleException.NotFound, $"incident {incidentId} does not exist");

    private void EnsureOpen(string what)
    {
        if (S.Status != IncidentStatuses.Open)
        {
            throw new ProactiveRuleException(ProactiveRuleException.WrongState, $"incident {incidentId} is {S.Status}: it cannot {what} any more");
        }
    }

    /// <summary>Every language of the audience needs a template (or the fallback): refused naming the languages and how many customers speak each.</summary>
    private async Task CheckLanguagesAsync(Audience parsed, IReadOnlyDictionary<string, string> templates, string? fallback, string field)
    {
        if (fallback is not null)
        {
            return;
        }

        var missing = new Dictionary<string, int>(StringComparer.Ordinal);
        var after = "";
        while (true)
        {
            var ids = await store.ResolveAsync(tenant, parsed, after, Options.BatchSize);
            if (ids.Count == 0)
            {
                break;
            }

            foreach (var customer in (await store.ReadCustomersAsync(tenant, ids)).Values)
            {
                if (customer.Language is { } language && !templates.ContainsKey(language))
                {
                    missing[language] = missing.GetValueOrDefault(language) + 1;
                }
            }

            after = ids[^1];
        }

        if (missing.Count > 0)
        {
            throw new ProactiveRuleException(ProactiveRuleException.Invalid,
                $"{field}: no template for {string.Join(", ", missing.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"'{m.Key}' ({m.Value} customers of the audience)"))}; add one, or give fallback_language");
        }
    }

    /// <summary>After a change: the registry's summary (lists, deflection), and the fan-out started.</summary>
    private async Task AfterChangeAsync()
    {
        await GrainFactory.GetGrain<IIncidentRegistryGrain>(tenant).UpsertAsync(Summary());
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartPump();
    }

    private IncidentSummary Summary()
    {
        var definition = S.Definition!;
        var latest = S.Messages[^1];
        return new IncidentSummary(incidentId, definition.Title, S.Status, definition.Audience, S.OpenedAt,
            Texts(latest.Templates), definition.FallbackLanguage ?? latest.Templates.Keys.Order(StringComparer.Ordinal).First());
    }

    private async Task<IncidentView> ViewAsync(bool created)
    {
        var definition = S.Definition!;
        var counts = await store.CountDeliveriesAsync(tenant, incidentId);
        var contacts = await store.CountContactsAsync(tenant, incidentId);
        var messages = S.Messages.Select(m =>
        {
            var of = counts.Where(c => c.MessageNo == m.No).ToList();
            int Count(string s) => of.Where(c => c.State == s).Sum(c => c.Count);
            return new MessageProgress(m.No, m.Kind, m.No <= S.DoneThrough, of.Sum(c => c.Count), Count(DeliveryStates.Queued), Count(DeliveryStates.Sent),
                Count(DeliveryStates.Delivered), Count(DeliveryStates.Deferred), Count(DeliveryStates.Failed),
                of.Where(c => c.State == DeliveryStates.Skipped).GroupBy(c => c.Reason ?? "").ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal));
        }).ToList();
        return new IncidentView(incidentId, definition.DedupeKey, definition.Title, S.Status, definition.Audience, definition.Urgent, S.OpenedAt, S.ClosedAt, messages,
            contacts.GetValueOrDefault(ContactOutcomes.Deflected), contacts.GetValueOrDefault(ContactOutcomes.Escalated), S.AudienceSize, created);
    }
}

/// <summary>What became of an affected customer who wrote in during an incident.</summary>
internal static class ContactOutcomes
{
    public const string Deflected = "deflected";
    public const string Escalated = "escalated";
}
