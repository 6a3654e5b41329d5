namespace Grid.Routing;

/// <summary>A skill and a level (1 to 10): an agent's, or the minimum a queue requires.</summary>
[GenerateSerializer, Immutable, Alias("grid.SkillLevel")]
public sealed record SkillLevel([property: Id(0)] string Skill, [property: Id(1)] int Level);
