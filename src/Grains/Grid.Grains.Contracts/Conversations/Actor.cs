namespace Grid;

/// <summary>Who acts on a conversation: an agent with the role of their token (and the name the customer is told).</summary>
[GenerateSerializer, Immutable, Alias("grid.Actor")]
public sealed record Actor(
    [property: Id(0)] string AgentId,
    [property: Id(1)] ActorRole Role = ActorRole.Agent,
    [property: Id(2)] string? DisplayName = null);

/// <summary>Roles carried by agents' tokens. Values are part of the wire format: never renumber.</summary>
[GenerateSerializer]
public enum ActorRole
{
    Agent = 0,
    Expert = 1,
    Supervisor = 2,
}
