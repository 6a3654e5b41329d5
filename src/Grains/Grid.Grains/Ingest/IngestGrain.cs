using Grid.Hosting;
using Grid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Grid.Ingest;

/// <summary>
/// Integrators' posts enter the grains here, one call each: the sender's identity (keyed hash of the normalised
/// address), email threading on In-Reply-To and References, then the customer grain. A stateless worker keyed by
/// tenant, so it runs on the silo the edge called; reentrant (it holds no state), so one activation carries every
/// post in flight instead of a post per core.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed partial class IngestGrain(
    AddressHasher hasher, IdentityCache identities, IConversationJournal journal, IOptions<GridRuntimeOptions> options, TimeProvider clock, ILogger<IngestGrain> logger,
    CustomerDirectory.DirectoryIdentification identification, IDirectoryStore directory,
    Triage.TenantReferencePatterns referencePatterns)
    : Grain, IIngestGrain
{
    public async Task<InboundAck> PostInboundAsync(InboundMessage message)
    {
        var tenant = TenantOf(message.Tenant);
        message = await WithReferencesAsync(tenant, message);
        var identityKey = hasher.IdentityKey(tenant, message.Channel, message.SenderAddress);
        var identity = GrainFactory.GetGrain<IIdentityGrain>(identityKey);
        if (message.Email is { } email && await ThreadAsync(tenant, identity, message, email) is { } threaded)
        {
            return threaded;
        }

        if (!identities.TryGet(identityKey, out var customerId))
        {
            var known = await identity.TryGetAsync();
            if (known is null && options.Value.Identity.IdentifyFromContent)
            {
                (known, message) = await IdentifyAsync(tenant, identity, message);
            }

            customerId = known ?? await identity.ResolveAsync();
            identities.Set(identityKey, customerId);
        }

        return await Customer(tenant, customerId).ReceiveInboundAsync(message, null);
    }

    /// <summary>
    /// The first message of an address nobody holds: who its content identifies (docs/triage.md, "Identification"). A
    /// confident match links the address to that customer; the match, confident or not, travels with the message for
    /// the "identify" step to journal.
    /// </summary>
    private async Task<(string? Customer, InboundMessage Message)> IdentifyAsync(string tenant, IIdentityGrain identity, InboundMessage message)
    {
        var found = await identification.IdentifyAsync(
            tenant, message.Email?.Subject, message.Text, message.Channel, message.SenderAddress, message.Attachments.Select(a => a.FileName).OfType<string>());
        if (found.Match is not { } match)
        {
            return (null, message);
        }

        if (!match.Confident)
        {
            return (null, message with { Identification = match });
        }

        var target = await CurrentAsync(tenant, match.CustomerId);
        var owner = await identity.LinkAsync(target);
        if (owner != target)
        {
            return (owner, message); // linked meanwhile by another message or an import: that link stands
        }

        logger.LogInformation("A {Channel} address of tenant {Tenant} identified as customer {CustomerId} ({Kind}, confidence {Confidence})",
            message.Channel, tenant, target, match.Kind, match.Confidence);
        return (target, message with { Identification = match with { CustomerId = target } });
    }

    public async Task<string?> PostCustomerEventAsync(ChannelEvent channelEvent)
    {
        var tenant = TenantOf(channelEvent.Tenant);
        var address = channelEvent.SenderAddress ?? throw new ArgumentException("A customer event needs the sender's address.", nameof(channelEvent));
        var customerId = await GrainFactory.GetGrain<IIdentityGrain>(hasher.IdentityKey(tenant, channelEvent.Channel, address)).TryGetAsync();
        return customerId is null ? null : await Customer(tenant, customerId).RecordChannelEventAsync(channelEvent);
    }

    public async Task<string?> FindOpenConversationAsync(string tenant, Channel channel, string address)
    {
        tenant = TenantOf(tenant);
        var identityKey = hasher.IdentityKey(tenant, channel, address);
        if (!identities.TryGet(identityKey, out var customerId))
        {
            // Not resolved: a visitor who never wrote must not become a customer by opening the page.
            if (await GrainFactory.GetGrain<IIdentityGrain>(identityKey).TryGetAsync() is not { } known)
            {
                return null;
            }

            customerId = known;
        }

        return (await Customer(tenant, await CurrentAsync(tenant, customerId)).GetAsync())?.OpenConversationId;
    }

    /// <summary>
    /// An email naming a message Grid knows (In-Reply-To first, then References from the newest) joins that message's
    /// conversation: when the sender is that conversation's customer, or an address never seen before that
    /// <see cref="ConversationOptions.LinkEmailReplies"/> lets Grid link to that customer. Otherwise null: usual threading.
    /// </summary>
    private async Task<InboundAck?> ThreadAsync(string tenant, IIdentityGrain identity, InboundMessage message, EmailHeaders email)
    {
        var ids = new List<string>();
        if (email.InReplyTo is { Length: > 0 } inReplyTo)
        {
            ids.Add(inReplyTo.Trim());
        }

        ids.AddRange(email.References.Reverse().Select(r => r.Trim()).Where(r => r.Length > 0 && !ids.Contains(r)).Take(20));
        if (ids.Count == 0 || await journal.FindThreadAsync(tenant, ids) is not { } hit)
        {
            return null;
        }

        var known = await identity.TryGetAsync();
        if (known is null && await MayLinkAsync(tenant, hit.CustomerId, message.SenderAddress))
        {
            known = await identity.LinkAsync(hit.CustomerId);
        }

        return known == hit.CustomerId ? await Customer(tenant, hit.CustomerId).ReceiveInboundAsync(message, hit.ConversationId) : null;
    }

    private async Task<bool> MayLinkAsync(string tenant, string customerId, string sender)
    {
        switch (options.Value.Conversations.LinkEmailReplies)
        {
            case ReplyLinking.Any:
                return true;
            case ReplyLinking.SameDomain:
                var domain = Addresses.EmailDomain(sender);
                var customer = await Customer(tenant, customerId).GetAsync();
                return domain is not null && customer is not null
                    && customer.Addresses.Any(a => a.Channel == Channel.Email && Addresses.EmailDomain(a.Address) == domain);
            default:
                return false;
        }
    }

    public async Task LinkAddressAsync(string tenant, string customerId, Channel channel, string address, string integrator)
    {
        tenant = TenantOf(tenant);
        if (await Customer(tenant, customerId).GetAsync() is null)
        {
            throw new Escalation.PolicyRuleException(Escalation.PolicyRuleException.NotFound, $"customer '{customerId}' not found in this tenant", "customer_id");
        }

        await LinkAsync(tenant, await CurrentAsync(tenant, customerId), channel, address, integrator, "admin:" + integrator);
    }

    private string TenantOf(string tenant) =>
        tenant == this.GetPrimaryKeyString() ? tenant : throw new ArgumentException($"A post for tenant '{tenant}' reached the ingest grain of another tenant.");

    private ICustomerGrain Customer(string tenant, string customerId) => GrainFactory.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, customerId));
}
