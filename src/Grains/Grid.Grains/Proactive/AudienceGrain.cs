using Grid.Storage;
using Orleans.Concurrency;

namespace Grid.Proactive;

/// <summary>A tenant's customer tags and audience previews, over the tag index (stateless worker: nothing to hold).</summary>
[StatelessWorker]
internal sealed class AudienceGrain(IProactiveStore store) : Grain, IAudienceGrain
{
    public const int MaxTagsPerCall = 50;

    public const int MaxSample = 100;

    public async Task<IReadOnlyList<string>> SetTagsAsync(string customerId, IReadOnlyList<string> set, IReadOnlyList<string> removeKeys)
    {
        if (!CustomerIds.IsValid(customerId))
        {
            throw Invalid($"customer_id: '{customerId}' is not a customer id; use {CustomerIds.Rule}");
        }

        if (set.Count + removeKeys.Count is 0 or > MaxTagsPerCall)
        {
            throw Invalid($"tags: give 1 to {MaxTagsPerCall} tags to set or keys to remove");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < set.Count; i++)
        {
            var tag = CustomerTags.TryParse(set[i]) ?? throw Invalid($"set[{i}]: '{set[i]}' is not a tag; write {CustomerTags.Rule}");
            tags[tag.Key] = tag.Value;
        }

        var keys = new List<string>();
        for (var i = 0; i < removeKeys.Count; i++)
        {
            var key = CustomerTags.TryParse(removeKeys[i]) is { Value: "" } parsed ? parsed.Key : throw Invalid($"remove_keys[{i}]: '{removeKeys[i]}' is not a tag key (\"plan\")");
            keys.Add(key);
        }

        var tenant = this.GetPrimaryKeyString();
        await store.SetTagsAsync(tenant, customerId, tags, keys);
        var now = await store.GetTagsAsync(tenant, customerId);
        return [.. now.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => CustomerTags.Format(t.Key, t.Value))];
    }

    public async Task<AudiencePreview> PreviewAsync(string audience, int sample)
    {
        var parsed = Audience.Parse(audience);
        var tenant = this.GetPrimaryKeyString();
        var size = await store.CountAsync(tenant, parsed);
        var first = await store.ResolveAsync(tenant, parsed, "", Math.Clamp(sample, 0, MaxSample));
        return new AudiencePreview(size, first);
    }

    private static ProactiveRuleException Invalid(string message) => new(ProactiveRuleException.Invalid, message);
}
