namespace Grid.Routing;

/// <summary>
/// A tenant's routing queue: what an agent needs to be offered its conversations, how long an offer lasts, when a
/// conversation overflows to another queue, and how long a returning customer waits for the agent who last helped them.
/// </summary>
/// <param name="Name">The queue's name (a lowercase slug), unique in the tenant.</param>
/// <param name="Skills">Skills an agent needs, each at a minimum level; at most 20.</param>
/// <param name="Languages">Languages the queue serves ("fr", "en"); a conversation in another language is served in the first. Empty: any.</param>
/// <param name="OfferTimeout">How long an agent has to accept an offer; null: Grid:Routing:OfferTimeout.</param>
/// <param name="OverflowQueue">Where a conversation goes after <paramref name="OverflowAfter"/> without being taken; null: none.</param>
/// <param name="OverflowAfter">The wait after which a conversation overflows.</param>
/// <param name="OverflowDropsSkills">Skills no longer required once it overflowed.</param>
/// <param name="StickyWindow">How long a returning customer's conversation is kept for the agent who last helped them, when that agent is available but full; zero: no sticky routing.</param>
[GenerateSerializer, Immutable, Alias("grid.QueueDefinition")]
public sealed record QueueDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<SkillLevel> Skills,
    [property: Id(2)] IReadOnlyList<string> Languages,
    [property: Id(3)] TimeSpan? OfferTimeout = null,
    [property: Id(4)] string? OverflowQueue = null,
    [property: Id(5)] TimeSpan? OverflowAfter = null,
    [property: Id(6)] IReadOnlyList<string>? OverflowDropsSkills = null,
    [property: Id(7)] TimeSpan StickyWindow = default);
