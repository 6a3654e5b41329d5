namespace Grid.Proactive;

/// <summary>
/// One incident (docs/architecture.md, "Proactive pushes"). Key: tenant/incidentId, the id derived from the dedupe key,
/// so the same alert posted twice reaches the same grain. Drives its fan-out in batches, its cursor persisted, resumed
/// by a durable reminder after a silo failure.
/// </summary>
[Alias("grid.IIncidentGrain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the incident and starts its fan-out; the same definition again returns the incident
    /// (<see cref="IncidentView.Created"/> false). Refused (<see cref="ProactiveRuleException"/>): another payload under
    /// the same dedupe key (conflict), a bad audience, an empty audience, templates missing for a language of the
    /// audience, unknown variables.
    /// </summary>
    [Alias("OpenAsync")]
    Task<IncidentView> OpenAsync(IncidentDefinition definition);

    /// <summary>
    /// Posts an update to the audience (or only to the customers who wrote in), with an action when given;
    /// <paramref name="updateId"/> makes it safe to retry.
    /// </summary>
    [Alias("PostUpdateAsync")]
    Task<IncidentView> PostUpdateAsync(string updateId, IReadOnlyDictionary<string, string> templates, bool onlyContacted, PushAction? action = null);

    /// <summary>The action of message <paramref name="messageNo"/> and the message's texts, or null when it has none (or the incident does not exist).</summary>
    [AlwaysInterleave]
    [Alias("GetActionAsync")]
    Task<IncidentActionView?> GetActionAsync(int messageNo);

    /// <summary>Resolves the incident with a closing message to its audience; a retry returns the same.</summary>
    [Alias("ResolveAsync")]
    Task<IncidentView> ResolveAsync(IReadOnlyDictionary<string, string> templates);

    /// <summary>Cancels the incident: what was not pushed yet is not pushed, nothing more is deflected.</summary>
    [Alias("CancelAsync")]
    Task<IncidentView> CancelAsync();

    /// <summary>The incident and its progress; <see cref="ProactiveRuleException"/> (not_found) when it was never opened.</summary>
    [AlwaysInterleave]
    [Alias("GetAsync")]
    Task<IncidentView> GetAsync();

    /// <summary>A delivery receipt of one of its pushes (from the conversation); a failure moves the customer to the next channel.</summary>
    [OneWay]
    [Alias("ReceiptAsync")]
    Task ReceiptAsync(string customerId, int messageNo, string outboundId, ChannelEventType type);

    /// <summary>
    /// A delivery receipt quoting a push's outbound id (<see cref="PushOutboundIds"/>, from the integrator through the
    /// edge): moves the delivery on, a failure to the next channel. False when the incident has no such push (the edge
    /// answers NOT_FOUND).
    /// </summary>
    [Alias("PushReceiptAsync")]
    Task<bool> PushReceiptAsync(string outboundId, ChannelEventType type);

    /// <summary>An affected customer wrote in while it was open: deflected by the bot, or escalated to a person.</summary>
    [OneWay]
    [Alias("ContactedAsync")]
    Task ContactedAsync(string customerId, string outcome);
}

/// <summary>A tenant's incidents (key: tenant): for lists, and for the bot's deflection while one is open.</summary>
[Alias("grid.IIncidentRegistryGrain")]
public interface IIncidentRegistryGrain : IGrainWithStringKey
{
    /// <summary>Records an incident's summary (added or replaced).</summary>
    [Alias("UpsertAsync")]
    Task UpsertAsync(IncidentSummary summary);

    /// <summary>The tenant's incidents, the most recently opened first (<paramref name="openOnly"/>: those open).</summary>
    [AlwaysInterleave]
    [Alias("ListAsync")]
    Task<IReadOnlyList<IncidentSummary>> ListAsync(bool openOnly);
}

/// <summary>A tenant's customer tags and audiences (key: tenant; stateless worker: the tags are a table).</summary>
[Alias("grid.IAudienceGrain")]
public interface IAudienceGrain : IGrainWithStringKey
{
    /// <summary>Sets tags of a customer (key=value, a key holds one value) and removes others (by key).</summary>
    [Alias("SetTagsAsync")]
    Task<IReadOnlyList<string>> SetTagsAsync(string customerId, IReadOnlyList<string> set, IReadOnlyList<string> removeKeys);

    /// <summary>An audience's size and its first <paramref name="sample"/> customers; <see cref="ProactiveRuleException"/> for bad syntax.</summary>
    [Alias("PreviewAsync")]
    Task<AudiencePreview> PreviewAsync(string audience, int sample);
}
