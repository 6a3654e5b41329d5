namespace Grid.Routing;

/// <summary>
/// What routing knows of an agent, set by an admin: skills with levels, languages, how many conversations of each channel
/// at once (1 voice, 4 chats, 3 emails). An agent without a profile speaks any language, has no skills and takes
/// Grid:Routing:DefaultCapacity conversations at once on any channel.
/// </summary>
/// <param name="AgentId">The agent's id (the sub of their token).</param>
/// <param name="DisplayName">The name shown to supervisors (and to customers when the token has none).</param>
/// <param name="Skills">Skills with levels 1 to 10; at most 50.</param>
/// <param name="Languages">Languages spoken; empty: any.</param>
/// <param name="Capacity">Conversations at once per channel; a channel absent takes none.</param>
[GenerateSerializer, Immutable, Alias("grid.AgentProfile")]
public sealed record AgentProfile(
    [property: Id(0)] string AgentId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] IReadOnlyList<SkillLevel> Skills,
    [property: Id(3)] IReadOnlyList<string> Languages,
    [property: Id(4)] IReadOnlyDictionary<Channel, int> Capacity);
