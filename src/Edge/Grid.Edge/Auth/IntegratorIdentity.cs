namespace Grid.Edge.Auth;

/// <summary>Who is calling: an integrator of one tenant, established from its API key.</summary>
public sealed record IntegratorIdentity(string Name, string Tenant);
