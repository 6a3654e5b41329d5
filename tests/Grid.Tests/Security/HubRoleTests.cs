using System.Reflection;
using Grid.Edge.Agents;
using Grid.Edge.Auth;
using Grid.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Security;

/// <summary>
/// The roles of agents' tokens (agent, supervisor, admin) on the hub: every method SignalR can invoke carries a role
/// rule (a new method without one fails here), and a call by a lower role is refused with <c>forbidden</c> before any
/// conversation is looked at, the same for an existing and an unknown id; higher roles may call what lower ones may.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HubRoleTests(SecurityGridFixture fixture)
{
    /// <summary>What only supervisors (and admins) may call; everything else is open to agents.</summary>
    private static readonly string[] SupervisorMethods = ["Join", "ListAgents", "ListConversations", "ListQueues", "TakeOver", "Unwatch", "Watch"];

    [Fact]
    public void Every_hub_method_has_a_role_rule()
    {
        Assert.True(HubCalls.Methods.Count >= 30, $"reflection found only {HubCalls.Methods.Count} hub methods");
        var unruled = HubCalls.Methods.Where(m => m.GetCustomAttribute<HubRoleAttribute>() is null).Select(m => m.Name).ToList();
        Assert.True(unruled.Count == 0, $"AgentHub methods without [HubRole]: {string.Join(", ", unruled)}");
        Assert.Equal(SupervisorMethods, HubCalls.Methods.Where(m => m.GetCustomAttribute<HubRoleAttribute>()!.Minimum >= AgentRole.Supervisor).Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Calls_by_a_role_below_the_methods_are_refused_and_higher_roles_may_call_them()
    {
        const string Tenant = SecurityGridFixture.TenantRoles;
        var grid = fixture.Grid;
        await using var integrator = fixture.Integrator($"{Tenant}-all");
        var existing = (await integrator.PostSmsAsync("+33761000001", "roles-1", "Bonjour")).ConversationId;
        var unknown = "cnv_" + Guid.NewGuid().ToString("N");
        var connections = new Dictionary<string, AgentConnection>();
        try
        {
            foreach (var role in new[] { "agent", "expert", "made-up", "supervisor", "admin" })
            {
                connections[role] = await AgentConnection.ConnectAsync(grid.HttpPort, fixture.Keys.Token(Tenant, "role-" + role, role: role));
            }

            // Below the rule: forbidden, the same sentence for any id, naming the role needed.
            foreach (var method in HubCalls.Methods)
            {
                var minimum = method.GetCustomAttribute<HubRoleAttribute>()!.Minimum;
                foreach (var (role, connection) in connections)
                {
                    var level = role switch { "admin" => AgentRole.Admin, "supervisor" => AgentRole.Supervisor, _ => AgentRole.Agent };
                    var onExisting = await HubCalls.AnswerAsync(connection.Hub, method.Name, HubCalls.Arguments(method, existing));
                    var onUnknown = await HubCalls.AnswerAsync(connection.Hub, method.Name, HubCalls.Arguments(method, unknown));
                    if (level < minimum)
                    {
                        Assert.Equal($"forbidden: Only a supervisor (or an admin) can call {method.Name}: your token's role is agent.", onExisting);
                        Assert.Equal(onExisting, onUnknown);
                    }
                    else
                    {
                        Assert.False(onExisting.StartsWith("forbidden: Only", StringComparison.Ordinal), $"{role} refused {method.Name}: {onExisting}");
                    }
                }
            }

            // An admin acts as a supervisor: it sees the tenant's queues and may watch any conversation of it.
            existing = (await integrator.PostSmsAsync("+33761000002", "roles-2", "Bonjour")).ConversationId;
            var queues = await connections["admin"].Hub.InvokeAsync<IReadOnlyList<QueueSummaryDto>>("ListQueues");
            Assert.Contains(queues, q => q.Queue == "default");
            var watch = await connections["admin"].Hub.InvokeAsync<WatchDto>("Watch", existing);
            Assert.Equal(existing, watch.Conversation.ConversationId);
            await connections["admin"].Hub.InvokeAsync("Unwatch", existing);
        }
        finally
        {
            foreach (var connection in connections.Values)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
