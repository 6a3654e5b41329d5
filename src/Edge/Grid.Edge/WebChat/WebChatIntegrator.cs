using Grid.Edge.Auth;

namespace Grid.Edge.WebChat;

/// <summary>
/// The web chat posts as a built-in integrator of each tenant with widgets: its messages take the integrators' ingest path,
/// and replies to its visitors are rows of its outbox (tenant/webchat), delivered by <see cref="WebChatDelivery"/>.
/// </summary>
public static class WebChatIntegrator
{
    public const string Name = "webchat";

    /// <summary>The integrator a tenant's widgets post as. No API key: nothing outside the edge acts as it.</summary>
    public static IntegratorIdentity For(string tenant) => new(Name, tenant, new HashSet<string>(StringComparer.Ordinal) { ApiScopes.Ingest });
}
