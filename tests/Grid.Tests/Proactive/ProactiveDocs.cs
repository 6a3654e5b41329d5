using System.Text.Json;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.Proactive;

using Channel = Grid.Protos.V1.Channel;
using OutboundMessage = Grid.Protos.V1.OutboundMessage;

/// <summary>Shared helpers of the proactive end-to-end tests: directory documents, incidents, waiting on progress.</summary>
internal static class ProactiveDocs
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>A directory customer as JSON (a contact with the email and phone given, when given).</summary>
    public static Dictionary<string, object?> Customer(string id, string[] tags, string[]? consent = null, string? email = null, string? phone = null,
        string language = "fr", string? zone = null, string? preferred = null, bool unsubscribed = false)
    {
        var customer = new Dictionary<string, object?>
        {
            ["id"] = id, ["name"] = "Tenant " + id, ["tags"] = tags, ["language"] = language, ["unsubscribed"] = unsubscribed,
        };
        if (consent is not null)
        {
            customer["consent"] = consent;
        }

        if (zone is not null)
        {
            customer["time_zone"] = zone;
        }

        if (preferred is not null)
        {
            customer["preferred_channel"] = preferred;
        }

        if (email is not null || phone is not null)
        {
            customer["contacts"] = new[] { new Dictionary<string, string?> { ["name"] = "Tenant", ["email"] = email, ["phone"] = phone } };
        }

        return customer;
    }

    public static Task<ImportDirectoryResponse> ImportAsync(IntegratorClient admin, IEnumerable<Dictionary<string, object?>> customers) =>
        admin.Directory.ImportDirectoryAsync(new ImportDirectoryRequest { Format = "json", Document = JsonSerializer.Serialize(new { customers }) }, admin.Headers).ResponseAsync;

    public static OpenIncidentRequest Incident(string tenant, string dedupe, string audience, params (Channel Channel, string Integrator)[] channels)
    {
        var request = new OpenIncidentRequest
        {
            DedupeKey = dedupe, Title = "Elevator B out of order", AlertPayload = "{\"device\":\"elevator-B\",\"state\":\"down\"}", Audience = audience,
            Templates = { ["fr"] = "Ascenseur du bâtiment {building} en panne, réparation prévue à {eta}. Inutile d'appeler.", ["en"] = "Building {building} elevator is down, fixed by {eta}. No need to call." },
            Variables = { ["building"] = "12", ["eta"] = "17:00" },
        };
        request.Channels.AddRange((channels.Length == 0 ? [(Channel.Sms, tenant + "-all")] : channels).Select(c => new ChannelRoute { Channel = c.Channel, Integrator = c.Integrator }));
        return request;
    }

    /// <summary>Watches the incident (WatchIncident) until message <paramref name="messageNo"/> went through its audience.</summary>
    public static async Task<Incident> DoneAsync(IntegratorClient client, string incidentId, int messageNo)
    {
        using var cts = new CancellationTokenSource(Wait);
        using var watch = client.Proactive.WatchIncident(new GetIncidentRequest { IncidentId = incidentId }, client.Headers, cancellationToken: cts.Token);
        Incident? last = null;
        while (await watch.ResponseStream.MoveNext(cts.Token))
        {
            last = watch.ResponseStream.Current;
            if (last.Messages.Count >= messageNo && last.Messages[messageNo - 1].Done)
            {
                return last;
            }
        }

        throw new TimeoutException($"Message {messageNo} of incident {incidentId} did not finish; last seen: {last}");
    }

    /// <summary>Reads the integrator's outbound stream until <paramref name="count"/> distinct messages came (acked as they come), then a short settle for extras.</summary>
    public static async Task<Dictionary<string, OutboundMessage>> CollectAsync(IntegratorClient client, OutboundStream stream, int count, Func<OutboundMessage, bool> which)
    {
        var seen = new Dictionary<string, OutboundMessage>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + Wait;
        while (seen.Count < count)
        {
            var message = await stream.NextAsync(deadline - DateTime.UtcNow);
            if (which(message) && seen.TryAdd(message.OutboundId, message))
            {
                await client.AckAsync(message.OutboundId);
            }
        }

        return seen;
    }

    /// <summary>Reads the customer's timeline until the entry of <paramref name="outboundId"/> is there (the linker recorded the push).</summary>
    public static async Task<Entry> LinkedEntryAsync(IntegratorClient client, string customerId, string outboundId)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var timeline = await client.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = customerId, Limit = 500 }, client.Headers);
            if (timeline.Entries.FirstOrDefault(e => e.OutboundId == outboundId) is { } entry)
            {
                return entry;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The push {outboundId} did not reach customer {customerId}'s conversation; timeline: {timeline}");
            }

            await Task.Delay(100);
        }
    }
}
