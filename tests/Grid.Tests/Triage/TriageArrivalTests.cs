using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.Tests.Triage;

using Channel = Grid.Protos.V1.Channel;

/// <summary>
/// On arrival, with a model in the tenant: the email's category is a fact of the conversation and its acknowledgement
/// gives the reference and the expected response time of that category (the policy's response_times); a category
/// without one falls back on the priority's first-response deadline; the category routes to its queue by the tenant's
/// entry rules. Real gRPC against the triage fixture's host.
/// </summary>
[Collection(TriageCollection.Name)]
public sealed class TriageArrivalTests(TriageFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_acknowledgement_of_an_email_gives_the_expected_response_time_of_its_category()
    {
        await using var integrator = new IntegratorClient(fixture.Grid.GrpcPort, fixture.Key("all"));
        await using var reader = new IntegratorClient(fixture.Grid.GrpcPort, fixture.Key("read"));
        var upload = new UploadModelRequest
        {
            Tenant = "triage", Model = ByteString.CopyFrom(fixture.Result.Model), Trainer = fixture.Result.Trainer,
            Metrics = new TriageMetrics { Accuracy = fixture.Result.Scores.Accuracy, EvaluatedOn = fixture.Result.EvalCount },
        };
        upload.Categories.AddRange(fixture.Result.Classifier.Categories);
        await new TriageService.TriageServiceClient(integrator.Channel).UploadModelAsync(upload, integrator.Headers);

        var policy = new EscalationPolicy
        {
            NoMatchLimit = 2, Queue = "default",
            Sla = { new SlaRule { MinPriority = 0, FirstResponse = Duration.FromTimeSpan(TimeSpan.FromHours(8)) } },
            ResponseTimes = { new CategoryResponseTime { Category = "outage", Within = Duration.FromTimeSpan(TimeSpan.FromHours(4)) } },
        };
        var bad = new EscalationPolicy(policy);
        bad.ResponseTimes.Add(new CategoryResponseTime { Category = "Outage!", Within = Duration.FromTimeSpan(TimeSpan.FromHours(1)) });
        var refused = await Assert.ThrowsAsync<RpcException>(() => integrator.Escalation.SetPolicyAsync(new SetPolicyRequest { Policy = bad }, integrator.Headers).ResponseAsync);
        Assert.Contains("'Outage!' is not a category", refused.Status.Detail);
        var routing = new RoutingService.RoutingServiceClient(integrator.Channel);
        await routing.SetEntryRulesAsync(new SetEntryRulesRequest { Rules = { new EntryRule { Queue = "outages", FactKey = "triage.category", FactValue = "outage" } } }, integrator.Headers);
        var set = await integrator.Escalation.SetPolicyAsync(new SetPolicyRequest { Policy = policy }, integrator.Headers);
        Assert.Equal(TimeSpan.FromHours(4), Assert.Single(set.Policy.ResponseTimes).Within.ToTimeSpan());

        // Silos re-read a tenant's policy at most this often (other tests of this host may have read it just before).
        await Task.Delay(global::Grid.Pipeline.Steps.EscalationStep.PolicyAge + TimeSpan.FromSeconds(1));

        await using var outbound = integrator.OpenOutbound();
        var outage = await Post(integrator, "Panne de chauffage",
            "Bonjour, la chaudière de la résidence est en panne depuis hier soir, les résidents ont froid. Je veux parler à un conseiller.");
        var ack = await outbound.NextForAsync(outage.ConversationId, Wait);
        Assert.Contains(outage.ConversationId, ack.Text);
        Assert.Contains("sous 4 heures", ack.Text);
        Assert.Equal(outage.MessageId, ack.Email.InReplyTo); // threaded as a reply to the customer's email
        Assert.Equal("Re: Panne de chauffage", ack.Email.Subject);
        Assert.Equal("outages", (await reader.Read.GetConversationAsync(new GetConversationRequest { ConversationId = outage.ConversationId }, reader.Headers)).Queue);

        // Another category: the first-response deadline of its priority.
        var password = await Post(integrator, "Password reset",
            "Hi, I am locked out of the customer portal and the reset link never arrives. I want to talk to a person please.");
        var english = await outbound.NextForAsync(password.ConversationId, Wait);
        Assert.Contains("within 8 hours", english.Text);
        Assert.Equal("default", (await reader.Read.GetConversationAsync(new GetConversationRequest { ConversationId = password.ConversationId }, reader.Headers)).Queue);
    }

    private static async Task<(string ConversationId, string MessageId)> Post(IntegratorClient integrator, string subject, string text)
    {
        var messageId = $"<{Guid.NewGuid()}@example.org>";
        var posted = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Channel.Email, Sender = $"arrival.{Guid.NewGuid():N}@example.org", ExternalId = "arrival-" + Guid.NewGuid(), Text = text,
            Email = new Protos.V1.EmailHeaders { Subject = subject, MessageId = messageId },
        });
        return (posted.ConversationId, messageId);
    }
}
