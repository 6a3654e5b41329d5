namespace Grid.Edge.Auth;

/// <summary>
/// The roles of agents' tokens (claim <c>role</c>), lowest first: each may call what the ones below it may. A token
/// without a role, or with another value ("expert"), acts as <see cref="Agent"/>.
/// </summary>
public enum AgentRole
{
    Agent = 0,
    Supervisor = 1,
    Admin = 2,
}

/// <summary>
/// The lowest role that may call an agents' hub method (see <see cref="Agents.HubRoleFilter"/>). Every hub method
/// carries one: a method without it is refused to everyone, and a test fails on it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class HubRoleAttribute(AgentRole minimum) : Attribute
{
    public AgentRole Minimum { get; } = minimum;
}
