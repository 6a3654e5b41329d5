using Grid.Storage;
using Microsoft.Extensions.Logging;

namespace Grid.CustomerDirectory;

/// <summary>
/// A tenant's customer directory (docs/triage.md, "The customer directory"). An import is validated whole, written to
/// the directory's tables in one transaction, then each customer's grain takes its profile and each contact's address
/// is claimed for it through the ingest grain (idempotent steps, all redone by a re-import, so an import interrupted by
/// a crash is finished by running it again). Imports of one tenant run one at a time; reads interleave.
/// </summary>
internal sealed class DirectoryGrain(IDirectoryStore store, DirectoryIdentification identification, TimeProvider clock, ILogger<DirectoryGrain> logger)
    : Grain, IDirectoryGrain
{
    public const int MaxPage = 500;

    private string Tenant => this.GetPrimaryKeyString();

    public async Task<DirectoryImportSummary> ImportAsync(string format, string document)
    {
        var customers = DirectoryDocument.Parse(format, document);
        var writes = await store.UpsertAsync(Tenant, [.. customers.Select(c => new DirectoryEntry(c, CustomerIdentifier.KeysOf(c)))], clock.GetUtcNow());
        var ingest = GrainFactory.GetGrain<IIngestGrain>(Tenant);
        int linked = 0, merged = 0;
        foreach (var customer in customers)
        {
            await GrainFactory.GetGrain<ICustomerGrain>(GridKeys.Of(Tenant, customer.Id)).ApplyDirectoryAsync(DirectoryProfile.Of(customer));
            foreach (var (channel, address) in AddressesOf(customer))
            {
                switch (await ingest.ClaimAddressAsync(Tenant, customer.Id, channel, address))
                {
                    case "linked" or "moved":
                        linked++;
                        break;
                    case "merged":
                        linked++;
                        merged++;
                        break;
                }
            }
        }

        var summary = new DirectoryImportSummary(
            customers.Count, writes.Count(w => w == DirectoryWrite.Created), writes.Count(w => w == DirectoryWrite.Updated),
            writes.Count(w => w == DirectoryWrite.Unchanged), linked, merged);
        logger.LogInformation(
            "Directory of tenant {Tenant}: {Customers} customers imported ({Created} created, {Updated} updated, {Unchanged} unchanged), {Linked} addresses linked, {Merged} customers merged",
            Tenant, summary.Customers, summary.Created, summary.Updated, summary.Unchanged, summary.AddressesLinked, summary.CustomersMerged);
        return summary;
    }

    public Task<DirectoryCustomer?> GetAsync(string customerId) => store.GetAsync(Tenant, customerId);

    public Task<DirectoryPage> ListAsync(string? after, int limit) => store.ListAsync(Tenant, after, Math.Clamp(limit, 1, MaxPage));

    public Task<IdentificationResult> IdentifyAsync(string? subject, string text, Channel channel, string? sender) =>
        identification.IdentifyAsync(Tenant, subject, text, channel, sender, freshPatterns: true);

    /// <summary>A contact's email, and its phone (one identity serves SMS, WhatsApp and calls).</summary>
    private static IEnumerable<(Channel Channel, string Address)> AddressesOf(DirectoryCustomer customer)
    {
        foreach (var contact in customer.Contacts)
        {
            if (contact.Email is { } email)
            {
                yield return (Channel.Email, email);
            }

            if (contact.Phone is { } phone)
            {
                yield return (Channel.Sms, phone);
            }
        }
    }
}
