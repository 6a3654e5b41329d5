using Grid.Bot;
using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.Privacy;

/// <summary>Erasure of a customer everywhere (docs/architecture.md, "GDPR and audit").</summary>
internal sealed partial class PrivacyGrain
{
    public const string EraseAction = "gdpr.erase";

    public async Task<ErasureReport> EraseAsync(CustomerSubject subject, string reason, string actor)
    {
        if (await ResolveAsync(subject) is not { } found)
        {
            // A retry of an erasure that completed (its answer lost) is answered, not refused: the audit log knows the id.
            if (subject.CustomerId is { } id
                && (await audit.ListAsync(Tenant, new AuditQuery(0, 1, EraseAction, Target: id))).Records.Count > 0)
            {
                return new ErasureReport([id], 0, 0, new Dictionary<string, long>(), AlreadyErased: true);
            }

            throw NotFound(subject);
        }

        var ids = found.CustomerIds;
        var identityKeys = await IdentityKeysAsync(found);
        var scope = new ErasureScope(Tenant, ids, found.ConversationIds);

        // First the grains (their rows deleted, their memory dropped, no snapshot on deactivation), then the tables; then
        // the grains again: one activated in between (a queue's offer, a read) folded rows that were still there.
        var forgotten = await ForgetGrainsAsync(ids, found.ConversationIds, identityKeys);
        var rows = await journal.EraseAsync(scope);
        rows.AddAll(await directory.EraseAsync(Tenant, ids));
        var misses = await GrainFactory.GetGrain<IUnansweredQuestionsGrain>(Tenant).ForgetConversationsAsync(found.ConversationIds);
        rows.Tally("unanswered_questions", misses);
        forgotten += await ForgetGrainsAsync(ids, found.ConversationIds, identityKeys);
        foreach (var key in identityKeys)
        {
            identities.Evict(key); // this silo's cache; other silos' entries expire within IdentityCache.MaxAge
        }

        rows.Tally("identities", forgotten);
        var details = new Dictionary<string, string>
        {
            ["reason"] = reason,
            ["conversations"] = Count(found.ConversationIds.Count),
            ["addresses"] = Count(identityKeys.Count),
        };
        foreach (var (table, count) in rows)
        {
            details["rows." + table] = Count(count);
        }

        await RecordAsync(actor, EraseAction, ids, details);
        logger.LogInformation("Customer {CustomerId} of tenant {Tenant} erased by {Actor}: {Customers} customer ids, {Conversations} conversations, {Rows} rows",
            found.CustomerId, Tenant, actor, ids.Count, found.ConversationIds.Count, rows.Values.Sum());
        return new ErasureReport(ids, found.ConversationIds.Count, identityKeys.Count, new Dictionary<string, long>(rows), AlreadyErased: false);
    }

    /// <summary>The identity grain keys of every address the customers were reached on or their directory records name.</summary>
    private async Task<List<string>> IdentityKeysAsync(Subject found)
    {
        var addresses = found.Views.SelectMany(v => v.Addresses).Select(a => (a.Channel, a.Address)).ToList();
        foreach (var id in found.CustomerIds)
        {
            if (await directory.GetAsync(Tenant, id) is { } record)
            {
                foreach (var contact in record.Contacts)
                {
                    if (contact.Email is { } email)
                    {
                        addresses.Add((Channel.Email, email));
                    }

                    if (contact.Phone is { } phone)
                    {
                        addresses.Add((Channel.Sms, phone));
                    }
                }
            }
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (channel, address) in addresses)
        {
            if (Addresses.Normalize(channel, address).Normalized is { } normalized)
            {
                keys.Add(hasher.IdentityKey(Tenant, channel, normalized));
            }
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Tells each grain of the customers to forget itself; returns how many identity grains held one of them.</summary>
    private async Task<int> ForgetGrainsAsync(IReadOnlyList<string> customerIds, IReadOnlyList<string> conversationIds, IReadOnlyList<string> identityKeys)
    {
        foreach (var chunk in conversationIds.Chunk(32))
        {
            await Task.WhenAll(chunk.Select(id => GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(Tenant, id)).ForgetAsync()));
        }

        await Task.WhenAll(customerIds.Select(id => Customer(id).ForgetAsync()));
        var cleared = await Task.WhenAll(identityKeys.Select(key => GrainFactory.GetGrain<IIdentityGrain>(key).ForgetAsync(customerIds)));
        return cleared.Count(c => c);
    }
}
