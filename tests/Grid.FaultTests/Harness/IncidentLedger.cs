using System.Text.Json;
using Npgsql;

namespace Grid.FaultTests.Harness;

/// <summary>An outbox row of a tenant as PostgreSQL holds it: its outbound id, integrator, the customer and address it goes to, its author.</summary>
public sealed record StoredPush(string OutboundId, string Integrator, string CustomerId, string To, string Author);

/// <summary>An incident's delivery row: one per message and customer (grid_incident_delivery).</summary>
public sealed record StoredDelivery(int MessageNo, string CustomerId, string State, string? Reason, string? OutboundId);

/// <summary>What the proactive scenarios count with SQL on the cluster's PostgreSQL, read with unpooled connections.</summary>
public static class IncidentLedger
{
    /// <summary>The tenant's outbox rows whose author is the incident (pushes), with the customer and address from the row's body.</summary>
    public static async Task<IReadOnlyList<StoredPush>> PushesAsync(FaultCluster cluster, string tenant, string incidentId)
    {
        var rows = new List<StoredPush>();
        await using var connection = new NpgsqlConnection(cluster.CheckerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT outbound_id, integrator, body FROM grid_outbox WHERE tenant = @tenant", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var body = JsonDocument.Parse(reader.GetString(2));
            var author = body.RootElement.GetProperty("author").GetString() ?? "";
            if (author == "incident:" + incidentId)
            {
                rows.Add(new StoredPush(reader.GetString(0), reader.GetString(1), body.RootElement.GetProperty("customerId").GetString() ?? "",
                    body.RootElement.GetProperty("toAddress").GetString() ?? "", author));
            }
        }

        return rows;
    }

    public static async Task<IReadOnlyList<StoredDelivery>> DeliveriesAsync(FaultCluster cluster, string tenant, string incidentId)
    {
        var rows = new List<StoredDelivery>();
        await using var connection = new NpgsqlConnection(cluster.CheckerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT message_no, customer_id, state, reason, outbound_id FROM grid_incident_delivery WHERE tenant = @tenant AND incident_id = @incident", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("incident", incidentId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredDelivery(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }
}
