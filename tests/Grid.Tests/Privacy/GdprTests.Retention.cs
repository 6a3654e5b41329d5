using Grid.Edge.Agents;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Privacy;

using ConversationStatus = Grid.Protos.V1.ConversationStatus;

/// <summary>The retention policy: set and read, run on demand with an explicit time, and run by its reminder.</summary>
public sealed partial class GdprTests
{
    [Fact]
    public async Task Retention_purges_conversations_closed_longer_ago_than_the_policy_and_runs_on_its_own()
    {
        await using var integrator = Grid.IntegratorOf("gdpr-retention");
        var refused = await Assert.ThrowsAsync<RpcException>(() => integrator.Gdpr.RunRetentionAsync(new RunRetentionRequest(), integrator.Headers).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, (await Assert.ThrowsAsync<RpcException>(() =>
            integrator.Gdpr.SetRetentionPolicyAsync(new SetRetentionPolicyRequest { KeepClosedDays = -1 }, integrator.Headers).ResponseAsync)).StatusCode);

        // A conversation resolved by an agent, closed after the reopen window, and one still open.
        var phone = EndToEnd.MessagePathTests.UniquePhone();
        var closed = await integrator.PostSmsAsync(phone, "ret-1-" + Guid.NewGuid(), "je veux parler à un conseiller");
        await using (var agent = await Grid.AgentAsync("rita", "gdpr-retention"))
        {
            await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Available");
            Assert.Equal(closed.ConversationId, (await agent.NextOfferAsync(TimeSpan.FromSeconds(30))).Conversation.ConversationId);
            await agent.Hub.InvokeAsync<ConversationDto>("Accept", closed.ConversationId);
            await agent.Hub.InvokeAsync("Resolve", closed.ConversationId, "done");
            await agent.Hub.InvokeAsync<AgentDto>("SetPresence", "Away");
        }

        await PersonalData.WaitForStatusAsync(integrator, closed.ConversationId, ConversationStatus.Closed);
        var open = await integrator.PostSmsAsync(EndToEnd.MessagePathTests.UniquePhone(), "ret-2-" + Guid.NewGuid(), "bonjour");

        var policy = await integrator.Gdpr.SetRetentionPolicyAsync(new SetRetentionPolicyRequest { KeepClosedDays = 30 }, integrator.Headers);
        Assert.Equal((30, 1L), (policy.KeepClosedDays, policy.Version));

        // Now: closed seconds ago, kept. 31 days from now: purged, and only it.
        var now = await integrator.Gdpr.RunRetentionAsync(new RunRetentionRequest(), integrator.Headers);
        Assert.Empty(now.ConversationIds);
        var later = await integrator.Gdpr.RunRetentionAsync(new RunRetentionRequest
        {
            AsOf = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow.AddDays(31)),
        }, integrator.Headers);
        Assert.Equal([closed.ConversationId], later.ConversationIds);
        Assert.True(later.Rows["grid_journal"] > 0);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => integrator.GetConversationAsync(closed.ConversationId))).StatusCode);
        Assert.NotNull(await integrator.GetConversationAsync(open.ConversationId));
        var timeline = await integrator.Read.GetCustomerTimelineAsync(new GetCustomerTimelineRequest { CustomerId = closed.CustomerId }, integrator.Headers);
        Assert.Empty(timeline.Entries); // the customer stays, without the purged conversation's history

        var log = await integrator.Gdpr.ListAuditLogAsync(new ListAuditLogRequest { Action = "gdpr.retention.run" }, integrator.Headers);
        Assert.Contains(log.Records, r => r.Targets.Contains(closed.ConversationId) && r.Details["conversations"] == "1");
        Assert.Contains((await integrator.Gdpr.ListAuditLogAsync(new ListAuditLogRequest(), integrator.Headers)).Records,
            r => r.Action == "gdpr.retention.set" && r.Details["keep_closed_days"] == "30");

        // The reminder runs the policy every Grid:Privacy:RetentionPeriod (2 s on this host).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var firstRun = (await integrator.Gdpr.GetRetentionPolicyAsync(new GetRetentionPolicyRequest(), integrator.Headers)).LastRunAt.ToDateTimeOffset();
        while ((await integrator.Gdpr.GetRetentionPolicyAsync(new GetRetentionPolicyRequest(), integrator.Headers)).LastRunAt.ToDateTimeOffset() <= firstRun)
        {
            Assert.True(DateTime.UtcNow < deadline, "the retention reminder did not run");
            await Task.Delay(250);
        }
    }
}
