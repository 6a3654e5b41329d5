using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using static Grid.Tests.Proactive.ProactiveDocs;

namespace Grid.Tests.Proactive;

using Channel = Grid.Protos.V1.Channel;

/// <summary>
/// An incident's internal participants through real gRPC clients: the technician is told on the integrator's outbound
/// stream by an internal message (no customer, no conversation), once; their updates are the incident's progress in
/// GetIncident; their words never reach customers, who hear of an update only through the integrator's templates.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class IncidentParticipantTests(EmbeddedGridFixture fixture)
{
    private const string Tenant = "pro-part";

    [Fact]
    public async Task A_technician_is_notified_on_the_integrators_stream_and_their_updates_are_the_incidents_progress()
    {
        await using var client = fixture.Grid.IntegratorOf(Tenant);
        await ImportAsync(client, [Customer("P-1", ["lift=7"], ["sms"], null, "+33698766501", "fr", "Asia/Tokyo")]);
        await using var stream = client.OpenOutbound();
        var opened = await client.Proactive.OpenIncidentAsync(Incident(Tenant, "lift-7:down", "lift=7"), client.Headers);
        await DoneAsync(client, opened.IncidentId, 1);
        var customerPush = (await CollectAsync(client, stream, 1, m => m.CustomerId == "P-1")).Values.Single();

        var add = new AddIncidentParticipantRequest
        {
            IncidentId = opened.IncidentId, ParticipantId = "tech-42", Role = "technician", Name = "Marc",
            Route = new ChannelRoute { Channel = Channel.Sms, Integrator = Tenant + "-all" }, Address = "+33 6 98 76 65 99", Language = "fr",
            Text = "Intervention ascenseur 7 : panne signalée, merci de confirmer votre arrivée.",
        };
        var withTech = await client.Proactive.AddIncidentParticipantAsync(add, client.Headers);
        var participant = Assert.Single(withTech.Participants);
        Assert.Equal(("tech-42", "technician", "Marc", Channel.Sms, "", 0), (participant.ParticipantId, participant.Role, participant.Name, participant.Channel, participant.LastStatus, participant.Updates));

        var notice = (await CollectAsync(client, stream, 1, m => m.OutboundId == participant.NoticeOutboundId)).Values.Single();
        Assert.Equal(("+33698766599", add.Text, opened.IncidentId, "", "internal:incident:" + opened.IncidentId),
            (notice.To, notice.Text, notice.ConversationId, notice.CustomerId, notice.Author));

        // A retry is the same participant and sends nothing more; another definition under the id is refused.
        Assert.Single((await client.Proactive.AddIncidentParticipantAsync(add, client.Headers)).Participants);
        var other = add.Clone();
        other.Role = "repairer";
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => client.Proactive.AddIncidentParticipantAsync(other, client.Headers).ResponseAsync)).StatusCode);

        // Their update is progress; customers are not told.
        var onSite = new PostParticipantUpdateRequest { IncidentId = opened.IncidentId, ParticipantId = "tech-42", UpdateId = "u1", Status = "on-site", Text = "Sur place, moteur grillé." };
        await client.Proactive.PostParticipantUpdateAsync(onSite, client.Headers);
        await client.Proactive.PostParticipantUpdateAsync(onSite, client.Headers); // a retry counts once
        var read = await client.Proactive.GetIncidentAsync(new GetIncidentRequest { IncidentId = opened.IncidentId }, client.Headers);
        var progress = Assert.Single(read.Participants);
        Assert.Equal(("on-site", "Sur place, moteur grillé.", 1), (progress.LastStatus, progress.LastText, progress.Updates));
        Assert.True(progress.LastUpdateAtUnixMs >= progress.NotifiedAtUnixMs);
        Assert.Single(read.Messages);
        Assert.Empty(await stream.DrainAsync(TimeSpan.FromSeconds(2)));

        // Relayed only with the integrator's templates: the customer gets those, never the technician's words.
        var fixedUpdate = new PostParticipantUpdateRequest
        {
            IncidentId = opened.IncidentId, ParticipantId = "tech-42", UpdateId = "u2", Status = "fixed", Text = "Moteur changé, testé 3 fois.",
            RelayTemplates = { ["fr"] = "Le technicien a réparé l'ascenseur {building}.", ["en"] = "The technician fixed elevator {building}." },
        };
        var relayed = await client.Proactive.PostParticipantUpdateAsync(fixedUpdate, client.Headers);
        Assert.Equal(("fixed", 2, 2), (relayed.Participants[0].LastStatus, relayed.Participants[0].Updates, relayed.Messages.Count));
        var relay = (await CollectAsync(client, stream, 1, m => m.CustomerId == "P-1" && m.OutboundId != customerPush.OutboundId)).Values.Single();
        Assert.Equal("Le technicien a réparé l'ascenseur 12.", relay.Text);

        // Refusals say what to fix.
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.PostParticipantUpdateAsync(
            new PostParticipantUpdateRequest { IncidentId = opened.IncidentId, ParticipantId = "tech-99", UpdateId = "u1", Status = "on-site" }, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var badAddress = add.Clone();
        (badAddress.ParticipantId, badAddress.Address) = ("tech-43", "not a phone");
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.Proactive.AddIncidentParticipantAsync(badAddress, client.Headers).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.StartsWith("address: ", refused.Status.Detail, StringComparison.Ordinal);
        var noIncident = add.Clone();
        noIncident.IncidentId = "inc_" + new string('0', 24);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => client.Proactive.AddIncidentParticipantAsync(noIncident, client.Headers).ResponseAsync)).StatusCode);
    }
}
