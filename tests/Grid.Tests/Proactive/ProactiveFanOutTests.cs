using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using static Grid.Tests.Proactive.ProactiveDocs;

namespace Grid.Tests.Proactive;

using Channel = Grid.Protos.V1.Channel;
using OutboundMessage = Grid.Protos.V1.OutboundMessage;

/// <summary>
/// An incident over a 1,000-customer audience imported through the directory, with mixed consent, channels, languages
/// and time zones, against the embedded host through real gRPC clients: everyone eligible gets exactly one push (one
/// outbox row, one outbound id) on the right channel and in their language, inside a conversation linked to the incident;
/// the rest are skipped or deferred with the right reason; customers outside the audience get nothing; the same alert
/// twice is one incident; the same dedupe key with another payload is refused; the resolution goes to the same people.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class ProactiveFanOutTests(EmbeddedGridFixture fixture)
{
    private const string Tenant = "pro-fanout";
    private const int Size = 1000;

    [Fact]
    public async Task An_incident_reaches_every_eligible_customer_exactly_once_and_skips_or_defers_the_rest_with_the_reason()
    {
        await using var client = fixture.Grid.IntegratorOf(Tenant);
        var integrator = Tenant + "-all";

        // Quiet hours of two hours around now in UTC: customers in UTC are in them, customers in Tokyo (UTC+9) are not.
        var minute = (DateTime.UtcNow.Hour * 60) + DateTime.UtcNow.Minute;
        var (quietStart, quietEnd) = ((minute + 1380) % 1440, (minute + 60) % 1440);

        var customers = Enumerable.Range(0, Size).Select(i =>
        {
            var id = $"F-{i:0000}";
            var email = $"f{i}@fanout.example";
            var phone = "+336" + (10_000_000 + i);
            var language = i % 2 == 0 ? "fr" : "en";
            return (i % 10) switch
            {
                0 => Customer(id, ["building=12"], ["sms"], email, phone, language, "Asia/Tokyo", unsubscribed: true),
                1 => Customer(id, ["building=12"], null, email, phone, language, "Asia/Tokyo"),
                2 => Customer(id, ["building=12"], ["sms", "email"], null, null, language, "Asia/Tokyo"),
                3 => Customer(id, ["building=12"], ["sms"], email, phone, language, "UTC"),
                _ => Customer(id, ["building=12"], ["sms", "email"], email, phone, language, "Asia/Tokyo", preferred: i % 10 >= 7 ? "email" : null),
            };
        }).ToList();
        // Neighbours in another building: not in the audience.
        customers.AddRange(Enumerable.Range(0, 20).Select(i => Customer($"N-{i:00}", ["building=14"], ["sms"], null, "+337" + (10_000_000 + i), "fr", "Asia/Tokyo")));
        Assert.Equal(Size + 20, (await ImportAsync(client, customers)).Customers);

        await using var stream = client.OpenOutbound();
        var request = Incident(Tenant, "elevator-B:2026-12-02", "building=12", (Channel.Sms, integrator), (Channel.Email, integrator));
        request.QuietStartMinute = quietStart;
        request.QuietEndMinute = quietEnd;
        if (quietStart == 0 && quietEnd == 0)
        {
            request.QuietEndMinute = 1; // both 0 would mean none
        }

        var opened = await client.Proactive.OpenIncidentAsync(request, client.Headers);
        Assert.True(opened.Created);
        Assert.Equal(Size, opened.AudienceSize);

        var done = (await DoneAsync(client, opened.IncidentId, 1)).Messages[0];
        Assert.Equal((Size, 600, 100, 0), (done.Targeted, done.Queued + done.Sent + done.Delivered, done.Deferred, done.Failed));
        Assert.Equal(new Dictionary<string, int> { ["unsubscribed"] = 100, ["no-consent"] = 100, ["no-reachable-channel"] = 100 }, done.Skipped.ToDictionary());

        // Exactly once: 600 distinct outbound messages, one per eligible customer, on the channel and in the language expected.
        var pushes = await CollectAsync(client, stream, 600, m => m.Author.StartsWith("incident:", StringComparison.Ordinal));
        var byCustomer = pushes.Values.GroupBy(m => m.CustomerId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(600, byCustomer.Count);
        foreach (var (customerId, messages) in byCustomer)
        {
            var i = int.Parse(customerId[2..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(i % 10, 4, 9);
            var push = Assert.Single(messages);
            Assert.Equal(i % 10 >= 7 ? Channel.Email : Channel.Sms, push.Channel);
            Assert.Equal(i % 10 >= 7 ? $"f{i}@fanout.example" : "+336" + (10_000_000 + i), push.To);
            Assert.Equal(i % 2 == 0 ? "Ascenseur du bâtiment 12 en panne, réparation prévue à 17:00. Inutile d'appeler." : "Building 12 elevator is down, fixed by 17:00. No need to call.", push.Text);
        }

        // Written to the outbox first (the push's own outbound id, no conversation yet), then linked: the push is in the
        // customer's conversation under the same outbound id, linked to the incident.
        Assert.All(pushes.Values, m => Assert.Equal(("", 0L), (m.ConversationId, m.Seq)));
        foreach (var sample in pushes.Values.Take(5))
        {
            Assert.StartsWith("push/" + opened.IncidentId + "/1/", sample.OutboundId, StringComparison.Ordinal);
            var entry = await LinkedEntryAsync(client, sample.CustomerId, sample.OutboundId);
            Assert.Equal((opened.IncidentId, sample.Text), (entry.Metadata["incident"], entry.Text));
            Assert.Single(await client.ListAllAsync(entry.ConversationId), e => e.OutboundId == sample.OutboundId);
        }

        // The same alert again is the same incident, and pushes nothing more; the same key with another payload is refused.
        var again = await client.Proactive.OpenIncidentAsync(request, client.Headers);
        Assert.Equal((opened.IncidentId, false), (again.IncidentId, again.Created));
        var changed = request.Clone();
        changed.AlertPayload = "{\"device\":\"elevator-B\",\"state\":\"fire\"}";
        var conflict = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.OpenIncidentAsync(changed, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, conflict.StatusCode);
        Assert.Contains("another payload", conflict.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain((await stream.DrainAsync(TimeSpan.FromSeconds(1))), id => !pushes.ContainsKey(id));

        // The resolution goes to the same people (the customers in quiet hours are deferred again).
        var resolve = new ResolveIncidentRequest { IncidentId = opened.IncidentId };
        resolve.Templates.Add(new Dictionary<string, string> { ["fr"] = "Ascenseur du bâtiment {building} réparé.", ["en"] = "Building {building} elevator fixed." });
        Assert.Equal("resolved", (await client.Proactive.ResolveIncidentAsync(resolve, client.Headers)).Status);
        var closing = (await DoneAsync(client, opened.IncidentId, 2)).Messages[1];
        Assert.Equal(("resolved", Size, 600, 100), (closing.Kind, closing.Targeted, closing.Queued + closing.Sent + closing.Delivered, closing.Deferred));
        var resolved = await CollectAsync(client, stream, 600, m => m.Author.StartsWith("incident:", StringComparison.Ordinal) && !pushes.ContainsKey(m.OutboundId));
        Assert.Equal(byCustomer.Keys.Order(), resolved.Values.Select(m => m.CustomerId).Distinct().Order());
        Assert.Equal("resolved", Assert.Single((await client.Proactive.ListIncidentsAsync(new ListIncidentsRequest(), client.Headers)).Incidents).Status);

        var metrics = await new HttpClient().GetStringAsync($"http://127.0.0.1:{fixture.Grid.HttpPort}/metrics");
        Assert.Contains("grid_proactive_deliveries_total{state=\"skipped\",reason=\"no-consent\"}", metrics, StringComparison.Ordinal);
    }
}
