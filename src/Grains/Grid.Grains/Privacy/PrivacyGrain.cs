using Grid.Bot;
using Grid.Hosting;
using Grid.Ingest;
using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Privacy;

/// <summary>
/// A tenant's GDPR operations (docs/architecture.md, "GDPR and audit"): export and erasure of a customer and the
/// retention policy, run by a reminder and on demand. Not reentrant: one operation of a tenant at a time. Logs carry
/// ids and counts only.
/// </summary>
internal sealed partial class PrivacyGrain(
    [PersistentState("privacy", GridSiloExtensions.StorageName)] IPersistentState<PrivacyState> state,
    IConversationJournal journal,
    IDirectoryStore directory,
    IAuditLogStore audit,
    AddressHasher hasher,
    IdentityCache identities,
    IOptions<GridRuntimeOptions> options,
    TimeProvider clock,
    ILogger<PrivacyGrain> logger) : Grain, IPrivacyGrain, IRemindable
{
    /// <summary>How many customers merged into one another an erasure follows at most (merges point one way).</summary>
    private const int MaxMergeDepth = 32;

    private string Tenant => this.GetPrimaryKeyString();

    /// <summary>The customer a subject names, with every customer merged into it (their rows are part of its story).</summary>
    private async Task<Subject?> ResolveAsync(CustomerSubject subject)
    {
        var customerId = subject.CustomerId;
        if (customerId is null)
        {
            if (subject.Channel is not { } channel || subject.Address is null)
            {
                throw new PrivacyRuleException(PrivacyRuleException.Invalid, "give a customer id, or a channel and an address");
            }

            var (normalized, error) = Addresses.Normalize(channel, subject.Address);
            if (normalized is null)
            {
                throw new PrivacyRuleException(PrivacyRuleException.Invalid, "address: " + error);
            }

            customerId = await GrainFactory.GetGrain<IIdentityGrain>(hasher.IdentityKey(Tenant, channel, normalized)).TryGetAsync();
            if (customerId is null)
            {
                return null;
            }
        }

        var views = new List<CustomerView>();
        for (var depth = 0; depth < MaxMergeDepth; depth++)
        {
            var view = await Customer(customerId).GetAsync();
            if (view is null)
            {
                return null;
            }

            if (view.MergedInto is not { } target)
            {
                views.Add(view);
                break;
            }

            customerId = target; // a merged customer is now part of its target: the person is the target
        }

        if (views.Count == 0)
        {
            return null;
        }

        // Customers merged into this one, and those merged into them.
        var pending = new Queue<CustomerView>(views);
        while (pending.TryDequeue(out var view) && views.Count < 1000)
        {
            foreach (var merge in view.Merges ?? [])
            {
                if (merge.TargetCustomerId == view.CustomerId && views.All(v => v.CustomerId != merge.SourceCustomerId)
                    && await Customer(merge.SourceCustomerId).GetAsync() is { } source)
                {
                    views.Add(source);
                    pending.Enqueue(source);
                }
            }
        }

        var ids = views.Select(v => v.CustomerId).ToList();
        var conversations = views.SelectMany(v => v.ConversationIds)
            .Concat(await journal.ConversationsOfAsync(Tenant, ids))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Subject(views[0].CustomerId, views, conversations);
    }

    public async Task<string> ExportAsync(CustomerSubject subject, string actor)
    {
        var found = await ResolveAsync(subject) ?? throw NotFound(subject);
        var ids = found.CustomerIds;
        var conversations = new List<ConversationView>();
        foreach (var id in found.ConversationIds)
        {
            conversations.Add(await GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(Tenant, id)).GetAsync());
        }

        var scope = new ErasureScope(Tenant, ids, found.ConversationIds);
        var document = CustomerExport.Build(
            Tenant,
            found.CustomerId,
            clock.GetUtcNow(),
            found.Views,
            conversations,
            await journal.ExportAsync(scope),
            await directory.ExportAsync(Tenant, ids),
            await GrainFactory.GetGrain<IUnansweredQuestionsGrain>(Tenant).ListForConversationsAsync(found.ConversationIds));
        await RecordAsync(actor, "gdpr.export", ids, new Dictionary<string, string>
        {
            ["conversations"] = Count(found.ConversationIds.Count),
            ["bytes"] = Count(document.Length),
        });
        logger.LogInformation("Customer {CustomerId} of tenant {Tenant} exported ({Conversations} conversations) by {Actor}",
            found.CustomerId, Tenant, found.ConversationIds.Count, actor);
        return document;
    }

    private ICustomerGrain Customer(string id) => GrainFactory.GetGrain<ICustomerGrain>(GridKeys.Of(Tenant, id));

    private Task<long> RecordAsync(string actor, string action, IReadOnlyList<string> targets, Dictionary<string, string> details) =>
        audit.AppendAsync(Tenant, new AuditRecord(0, clock.GetUtcNow(), actor, action, [.. targets], details));

    private static string Count(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static PrivacyRuleException NotFound(CustomerSubject subject) =>
        new(PrivacyRuleException.NotFound, subject.CustomerId is { } id
            ? $"customer '{id}' not found in this tenant"
            : "no customer of this tenant has this address");

    /// <summary>A resolved customer: its id, its views and those of customers merged into it, and all their conversations.</summary>
    private sealed record Subject(string CustomerId, IReadOnlyList<CustomerView> Views, IReadOnlyList<string> ConversationIds)
    {
        public IReadOnlyList<string> CustomerIds => [.. Views.Select(v => v.CustomerId)];
    }
}
