using System.Security.Cryptography;
using System.Text;
using Grid.Customers;
using Microsoft.Extensions.Logging;

namespace Grid.Ingest;

/// <summary>
/// Agents correcting the grouping of messages into conversations (docs/architecture.md, "Grouping"), orchestrated here
/// because no customer or conversation awaits the ingest grain. Each step is idempotent, so a retry finishes an
/// interrupted merge or split.
/// </summary>
internal sealed partial class IngestGrain
{
    public async Task<ConversationView> MergeConversationsAsync(string tenant, string conversationId, string otherConversationId, Actor actor)
    {
        tenant = TenantOf(tenant);
        if (conversationId == otherConversationId)
        {
            throw new ConversationRuleException(RuleCodes.Invalid, $"Conversation {conversationId} cannot be merged into itself.");
        }

        var target = Conversation(tenant, conversationId);
        var holder = await target.GetCustomerForRegroupAsync(actor, "merge another conversation into it");
        var source = Conversation(tenant, otherConversationId);
        if (!await source.ExistsAsync())
        {
            throw new ConversationRuleException(RuleCodes.NotFound, $"Conversation '{otherConversationId}' not found.");
        }

        var other = await source.GetAsync();
        var customerId = await CurrentAsync(tenant, holder.CustomerId);
        if (await CurrentAsync(tenant, other.CustomerId) != customerId)
        {
            // Another customer's conversation the agent has no part in answers exactly like an unknown id (docs/architecture.md,
            // "Security"): the customer's own conversations are in the agent's context package, others' are not theirs to know.
            if (actor.Role != ActorRole.Supervisor && other.AssignedAgent != actor.AgentId && other.OfferedAgent != actor.AgentId
                && !other.Participants.Contains(actor.AgentId))
            {
                throw new ConversationRuleException(RuleCodes.NotFound, $"Conversation '{otherConversationId}' not found.");
            }

            throw new ConversationRuleException(RuleCodes.Invalid,
                $"Conversation {otherConversationId} is another customer's; only conversations of the same customer merge (merge the customers first when they are one).");
        }

        if (other.AssignedAgent is { } otherHolder && otherHolder != actor.AgentId && actor.Role != ActorRole.Supervisor && other.MergedInto is null)
        {
            throw new ConversationRuleException(RuleCodes.NotYours,
                $"Conversation {otherConversationId} is with another agent; they (or a supervisor) merge it, or hand it to you first.");
        }

        if (other.MergedInto is { } elsewhere && elsewhere != conversationId)
        {
            throw new ConversationRuleException(RuleCodes.Invalid, $"Conversation {otherConversationId} was merged into {elsewhere} already; merge {elsewhere} instead.");
        }

        // The customer first: it takes the source's grouping summary in before the source's closing would drop it.
        if (!await Customer(tenant, customerId).ConversationMergedAsync(otherConversationId, conversationId))
        {
            throw new ConversationRuleException(RuleCodes.Invalid, $"Conversations {conversationId} and {otherConversationId} are not both listed by their customer; they cannot be merged.");
        }

        await source.MergeIntoAsync(conversationId, actor);
        await target.RecordMergedFromAsync(otherConversationId, actor);
        logger.LogInformation("Conversation {SourceConversationId} merged into {ConversationId} by agent {AgentId}", otherConversationId, conversationId, actor.AgentId);
        return await target.GetAsync();
    }

    public async Task<ConversationSplitResult> SplitConversationAsync(string tenant, string conversationId, Actor actor, long fromSeq, IReadOnlyList<long> seqs)
    {
        tenant = TenantOf(tenant);
        var source = Conversation(tenant, conversationId);

        // The new conversation's id follows from the request, so that a retry finds the one it started.
        var newId = SplitId(conversationId, seqs.Count > 0 ? string.Join(',', seqs.Distinct().Order()) : "from:" + fromSeq);
        var plan = await source.PlanSplitAsync(actor, fromSeq, seqs, newId);
        var customerId = await CurrentAsync(tenant, plan.CustomerId);
        var patterns = await referencePatterns.GetAsync(tenant, ReferencesMaxAge);
        var kept = plan.KeptTexts.SelectMany(t => patterns.Extract(t)).Select(r => r.Canonical).ToHashSet(StringComparer.Ordinal);
        var moved = plan.Moved.SelectMany(m => patterns.Extract(m.Email?.Subject is { Length: > 0 } subject ? subject + "\n" + m.Text : m.Text))
            .Select(r => r.Canonical).Where(r => !kept.Contains(r)).Distinct().ToList();
        var messageIds = plan.Moved.Select(m => m.Email?.MessageId?.Trim()).OfType<string>().Where(id => id.Length > 0).ToList();
        var subject = plan.Moved.Select(m => m.Email?.Subject).FirstOrDefault(s => !ConversationGrouping.IsGeneric(ConversationGrouping.NormaliseSubject(s)));
        if (!await Customer(tenant, customerId).ConversationSplitAsync(conversationId, newId, messageIds, moved, subject))
        {
            throw new ConversationRuleException(RuleCodes.Invalid, $"Conversation {conversationId} is not listed by its customer; it cannot be split.");
        }

        await Conversation(tenant, newId).ReceiveSplitAsync(conversationId, plan, actor);
        await source.RecordSplitAsync(newId, plan.Seqs, actor);
        logger.LogInformation("Conversation {ConversationId} split into {NewConversationId} by agent {AgentId}: {Count} messages", conversationId, newId, actor.AgentId, plan.Seqs.Count);
        return new ConversationSplitResult(conversationId, newId, plan.Seqs);
    }

    /// <summary>The canonical references the tenant's patterns find in the subject and text, for grouping (docs/architecture.md, "Grouping").</summary>
    private async Task<InboundMessage> WithReferencesAsync(string tenant, InboundMessage message)
    {
        var patterns = await referencePatterns.GetAsync(tenant, ReferencesMaxAge);
        var text = message.Email?.Subject is { Length: > 0 } subject ? subject + "\n" + message.Text : message.Text;
        var found = patterns.Extract(text);
        return found.Count == 0 ? message : message with { References = [.. found.Select(r => r.Canonical).Distinct().Take(20)] };
    }

    /// <summary>How old a silo's copy of a tenant's reference patterns may be on the message path.</summary>
    private static readonly TimeSpan ReferencesMaxAge = TimeSpan.FromSeconds(5);

    private static string SplitId(string conversationId, string what) =>
        "cnv_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "\n" + what)))[..32].ToLowerInvariant();

    private IConversationGrain Conversation(string tenant, string conversationId) => GrainFactory.GetGrain<IConversationGrain>(GridKeys.Of(tenant, conversationId));
}
