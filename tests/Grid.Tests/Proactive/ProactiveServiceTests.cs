using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using static Grid.Tests.Proactive.ProactiveDocs;

namespace Grid.Tests.Proactive;

using Channel = Grid.Protos.V1.Channel;
using ChannelEventType = Grid.Protos.V1.ChannelEventType;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>
/// ProactiveService through real gRPC clients against the embedded host: tags from the directory (JSON and CSV) and set
/// by an integrator resolve audiences with a preview; a failed SMS falls back to email; deflection of an affected
/// customer's message and the escalation carrying the incident, counted in the incident's report; bad audiences,
/// templates and ids get clear errors.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class ProactiveServiceTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private EmbeddedGrid Grid => fixture.Grid;

    private static async Task<PreviewAudienceResponse> PreviewAsync(IntegratorClient client, string audience) =>
        await client.Proactive.PreviewAudienceAsync(new PreviewAudienceRequest { Audience = audience, Sample = 10 }, client.Headers);

    [Fact]
    public async Task Tags_from_the_directory_and_from_an_integrator_resolve_audiences_with_a_preview()
    {
        await using var client = Grid.IntegratorOf("pro-tags");
        await ImportAsync(client, [
            Customer("T-A", ["building=12", "elevator=B", "plan=gold"]), Customer("T-B", ["building=12", "elevator=B", "plan=bronze"]),
            Customer("T-C", ["building=12", "elevator=A"]), Customer("T-D", ["building=14", "vip"]),
        ]);
        await client.Directory.ImportDirectoryAsync(new ImportDirectoryRequest
        {
            Format = "csv",
            Document = "record,customer_id,name,tags,consent,preferred_channel,time_zone\ncustomer,T-E,Eve,building=12;elevator=b,sms|email,email,Europe/Paris\n",
        }, client.Headers);
        var csv = await client.Directory.GetDirectoryCustomerAsync(new GetDirectoryCustomerRequest { CustomerId = "T-E" }, client.Headers);
        Assert.Equal(["building=12", "elevator=b"], csv.Tags);

        var lift = await PreviewAsync(client, "building=12 AND elevator=b");
        Assert.Equal(3, lift.Size);
        Assert.Equal(["T-A", "T-B", "T-E"], lift.SampleCustomerIds);
        Assert.Equal(["T-A", "T-C", "T-E"], (await PreviewAsync(client, "building=12 AND NOT plan=bronze")).SampleCustomerIds);
        Assert.Equal(["T-C", "T-D"], (await PreviewAsync(client, "elevator=a OR vip")).SampleCustomerIds);

        // An integrator moves T-C to elevator B and takes T-A's plan away.
        var set = await client.Proactive.SetCustomerTagsAsync(new SetCustomerTagsRequest { CustomerId = "T-C", Set = { "elevator=B" } }, client.Headers);
        Assert.Equal(["building=12", "elevator=b"], set.Tags);
        await client.Proactive.SetCustomerTagsAsync(new SetCustomerTagsRequest { CustomerId = "T-B", RemoveKeys = { "plan" } }, client.Headers);
        Assert.Equal(4, (await PreviewAsync(client, "building=12 AND elevator=b")).Size);
        Assert.Equal(["T-A", "T-B", "T-C", "T-E"], (await PreviewAsync(client, "building=12 AND NOT plan=bronze")).SampleCustomerIds);

        var bad = await Assert.ThrowsAsync<RpcException>(() => PreviewAsync(client, "building=12 AND NOT"));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("a tag is expected after it", bad.Status.Detail, StringComparison.Ordinal);
        var badTag = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.SetCustomerTagsAsync(
            new SetCustomerTagsRequest { CustomerId = "T-A", Set = { "building 12" } }, client.Headers).ResponseAsync);
        Assert.Contains("not a tag", badTag.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_sms_falls_back_to_email_and_receipts_count_as_delivered()
    {
        await using var client = Grid.IntegratorOf("pro-fallback");
        var integrator = "pro-fallback-all";
        await ImportAsync(client, [Customer("FB-1", ["street=rivoli"], ["sms", "email"], "fb1@rivoli.example", "+33698765001", "fr", "Europe/Paris", preferred: "sms")]);
        await using var stream = client.OpenOutbound();
        var opened = await client.Proactive.OpenIncidentAsync(Incident("pro-fallback", "water-cut:rivoli", "street=rivoli", (Channel.Sms, integrator), (Channel.Email, integrator)), client.Headers);
        await DoneAsync(client, opened.IncidentId, 1);

        var sms = (await CollectAsync(client, stream, 1, m => m.CustomerId == "FB-1")).Values.Single();
        Assert.Equal((Channel.Sms, "+33698765001"), (sms.Channel, sms.To));
        await client.Ingest.PostChannelEventAsync(new PostChannelEventRequest
        {
            Type = ChannelEventType.Failed, ExternalId = "rcpt-" + sms.OutboundId, OutboundId = sms.OutboundId, Channel = Channel.Sms, Detail = "unreachable",
        }, client.Headers);

        var email = (await CollectAsync(client, stream, 1, m => m.CustomerId == "FB-1" && m.OutboundId != sms.OutboundId)).Values.Single();
        Assert.Equal((Channel.Email, "fb1@rivoli.example", sms.Text), (email.Channel, email.To, email.Text));
        await client.Ingest.PostChannelEventAsync(new PostChannelEventRequest
        {
            Type = ChannelEventType.Delivered, ExternalId = "rcpt-" + email.OutboundId, OutboundId = email.OutboundId, Channel = Channel.Email,
        }, client.Headers);

        var progress = await PollAsync(client, opened.IncidentId, i => i.Messages[0].Delivered == 1);
        Assert.Equal((1, 0, 0), (progress.Messages[0].Targeted, progress.Messages[0].Queued, progress.Messages[0].Failed));
    }

    [Fact]
    public async Task An_affected_customer_is_answered_with_the_incident_and_escalated_with_it_when_they_insist()
    {
        await using var client = Grid.IntegratorOf("pro-deflect");
        var phone = "+33698765101";
        await ImportAsync(client, [Customer("DF-1", ["building=3"], ["sms"], null, phone), Customer("DF-2", ["building=3"], ["sms"], null, "+33698765102")]);
        await using var stream = client.OpenOutbound();
        var opened = await client.Proactive.OpenIncidentAsync(Incident("pro-deflect", "elevator-3", "building=3"), client.Headers);
        await DoneAsync(client, opened.IncidentId, 1);
        await CollectAsync(client, stream, 2, m => m.Author.StartsWith("incident:", StringComparison.Ordinal));

        // Silos read a tenant's open incidents at most Grid:Proactive:IncidentCacheAge (1 s) old: a message in the first
        // second after the opening may not be deflected. This test writes after that bound.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var first = await client.PostSmsAsync(phone, "df-1", "Bonjour, l'ascenseur ne marche plus ?");
        var answer = await stream.NextForAsync(first.ConversationId, Wait, EntryKind.BotMessage);
        Assert.Equal("Ascenseur du bâtiment 12 en panne, réparation prévue à 17:00. Inutile d'appeler.", answer.Text);
        Assert.Equal(1, (await PollAsync(client, opened.IncidentId, i => i.Deflected == 1)).Deflected);

        var second = await client.PostSmsAsync(phone, "df-2", "Je veux parler à un conseiller");
        Assert.Equal(first.ConversationId, second.ConversationId);
        var report = await PollAsync(client, opened.IncidentId, i => i.Escalated == 1);
        Assert.Equal((0, 1, 2), (report.Deflected, report.Escalated, report.AudienceSize));
        var entries = await client.ListAllAsync(first.ConversationId);
        Assert.Contains(entries, e => e.EventType == "escalated" && e.Reason == "incident:" + opened.IncidentId);
        Assert.Contains(entries, e => e.EventType == "facts-set" && e.Metadata.TryGetValue("incident.id", out var id) && id == opened.IncidentId);
    }

    [Fact]
    public async Task Bad_audiences_templates_and_ids_are_refused_with_what_to_fix()
    {
        await using var client = Grid.IntegratorOf("pro-errors");
        await ImportAsync(client, [Customer("ER-1", ["zone=1"], ["sms"], null, "+33698765201", "fr"), Customer("ER-2", ["zone=1"], ["sms"], null, "+33698765202", "en")]);

        async Task<RpcException> Refused(OpenIncidentRequest request) =>
            await Assert.ThrowsAsync<RpcException>(() => client.Proactive.OpenIncidentAsync(request, client.Headers).ResponseAsync);

        var empty = await Refused(Incident("pro-errors", "e1", "zone=2"));
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("matches no customer", empty.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("AND or OR is expected", (await Refused(Incident("pro-errors", "e2", "zone=1 zone=2"))).Status.Detail, StringComparison.Ordinal);

        var frenchOnly = Incident("pro-errors", "e3", "zone=1");
        frenchOnly.Templates.Remove("en");
        Assert.Contains("no template for 'en' (1 customers of the audience)", (await Refused(frenchOnly)).Status.Detail, StringComparison.Ordinal);
        var oversize = Incident("pro-errors", "e4", "zone=1");
        oversize.Templates["en"] = new string('x', 1601);
        Assert.Contains("templates[en]: 1601 characters", (await Refused(oversize)).Status.Detail, StringComparison.Ordinal);
        var unknownVariable = Incident("pro-errors", "e5", "zone=1");
        unknownVariable.Templates["fr"] = "Coupure, rue {street}";
        Assert.Contains("uses {street} but no variable 'street'", (await Refused(unknownVariable)).Status.Detail, StringComparison.Ordinal);
        Assert.Contains("not a time zone", (await Refused(new OpenIncidentRequest(Incident("pro-errors", "e6", "zone=1")) { DefaultTimeZone = "Mars/Olympus" })).Status.Detail, StringComparison.Ordinal);

        var badId = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.GetIncidentAsync(new GetIncidentRequest { IncidentId = "nope" }, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.GetIncidentAsync(new GetIncidentRequest { IncidentId = "inc_" + new string('0', 24) }, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        // A cancelled incident takes no update; nothing refused above was stored.
        var opened = await client.Proactive.OpenIncidentAsync(Incident("pro-errors", "e7", "zone=1"), client.Headers);
        await client.Proactive.CancelIncidentAsync(new CancelIncidentRequest { IncidentId = opened.IncidentId }, client.Headers);
        var update = new PostIncidentUpdateRequest { IncidentId = opened.IncidentId, UpdateId = "u1", Templates = { ["fr"] = "x", ["en"] = "x" } };
        var late = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.PostIncidentUpdateAsync(update, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Equal([opened.IncidentId], (await client.Proactive.ListIncidentsAsync(new ListIncidentsRequest(), client.Headers)).Incidents.Select(i => i.IncidentId));

        // Another scope's key is refused.
        await using var ingestOnly = Grid.Integrator(Grid.Keys.IngestOnlyApiKey);
        var denied = await Assert.ThrowsAsync<RpcException>(() => ingestOnly.Proactive.PreviewAudienceAsync(new PreviewAudienceRequest { Audience = "zone=1" }, ingestOnly.Headers).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    private static Task<Incident> PollAsync(IntegratorClient client, string incidentId, Func<Incident, bool> until) =>
        ScheduledPushDocs.UntilAsync(async () => await client.Proactive.GetIncidentAsync(new GetIncidentRequest { IncidentId = incidentId }, client.Headers), until);
}
