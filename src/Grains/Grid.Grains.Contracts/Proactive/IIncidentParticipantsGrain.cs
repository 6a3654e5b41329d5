namespace Grid.Proactive;

/// <summary>
/// An incident's internal participants (docs/architecture.md, "Internal participants"). Key: tenant/incidentId, as the
/// incident's. Tells each one of the incident by an internal message on an integrator's outbound stream and keeps
/// their updates as the incident's progress; relays an update to customers only when asked, through the incident.
/// </summary>
[Alias("grid.IIncidentParticipantsGrain")]
public interface IIncidentParticipantsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds a participant and sends their notice; the same definition again changes nothing. Refused
    /// (<see cref="ProactiveRuleException"/>): no such incident (not_found), a closed one (wrong_state), another
    /// definition under the same participant id (conflict), bad content (invalid).
    /// </summary>
    [Alias("AddAsync")]
    Task<IReadOnlyList<ParticipantView>> AddAsync(ParticipantDefinition participant);

    /// <summary>Records a participant's update (safe to retry with its id) and, when given templates, posts them to the incident's customers.</summary>
    [Alias("PostUpdateAsync")]
    Task<IReadOnlyList<ParticipantView>> PostUpdateAsync(ParticipantUpdate update);

    /// <summary>The participants and their latest update (empty when none was added).</summary>
    [Alias("ListAsync")]
    Task<IReadOnlyList<ParticipantView>> ListAsync();
}

/// <summary>A participant of an incident: who (id, role, name), how to reach them, in which language, and their notice's text (empty: a default).</summary>
[GenerateSerializer, Immutable, Alias("grid.ParticipantDefinition")]
public sealed record ParticipantDefinition(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Name,
    [property: Id(3)] ChannelRoute Route,
    [property: Id(4)] string Address,
    [property: Id(5)] string? Language,
    [property: Id(6)] string? Text);

/// <summary>A participant's update: a status and their words (never sent to customers), and optional templates to relay to customers.</summary>
[GenerateSerializer, Immutable, Alias("grid.ParticipantUpdate")]
public sealed record ParticipantUpdate(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string UpdateId,
    [property: Id(2)] string Status,
    [property: Id(3)] string? Text,
    [property: Id(4)] IReadOnlyDictionary<string, string> RelayTemplates,
    [property: Id(5)] bool RelayOnlyContacted);

/// <summary>A participant as integrators read it: their notice and their latest update.</summary>
[GenerateSerializer, Immutable, Alias("grid.ParticipantView")]
public sealed record ParticipantView(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Name,
    [property: Id(3)] Channel Channel,
    [property: Id(4)] string Integrator,
    [property: Id(5)] string NoticeOutboundId,
    [property: Id(6)] DateTimeOffset NotifiedAt,
    [property: Id(7)] string? LastStatus,
    [property: Id(8)] string? LastText,
    [property: Id(9)] DateTimeOffset? LastUpdateAt,
    [property: Id(10)] int Updates);
