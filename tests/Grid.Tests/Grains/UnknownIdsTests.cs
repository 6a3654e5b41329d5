using Orleans.Runtime;

namespace Grid.Tests.Grains;

/// <summary>
/// Reads of ids nobody has (a scan of random conversation or customer ids) answer "unknown" and leave no activation
/// behind, so they cannot fill a silo's memory; the conversation metric counts only conversations that exist.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UnknownIdsTests(ClusterFixture fixture)
{
    private readonly string tenant = "u" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Reads_of_unknown_customers_and_conversations_keep_no_activation()
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        // The counts are real: a customer that exists is one activation more.
        var known = fixture.Grains.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, "cus_known"));
        var withoutIt = await ActivationsAsync(management, "CustomerGrain");
        await known.ReceiveInboundAsync(new InboundMessage(tenant, "gw", Channel.Sms, "+33600000001", "known-1", DateTimeOffset.UtcNow, "bonjour", null, [],
            new Dictionary<string, string>(), DateTimeOffset.UtcNow, "h"), null);
        Assert.True(await ActivationsAsync(management, "CustomerGrain") > withoutIt, "the statistics do not see customer activations");
        var customersBefore = await ActivationsAsync(management, "CustomerGrain");
        var conversationsBefore = await ActivationsAsync(management, "ConversationGrain");

        for (var i = 0; i < 200; i++)
        {
            Assert.Null(await fixture.Grains.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, "cus_" + Guid.NewGuid().ToString("N"))).GetAsync());
            var unknown = await Assert.ThrowsAsync<ConversationRuleException>(() =>
                fixture.Grains.GetGrain<IConversationGrain>(GridKeys.Of(tenant, "cnv_" + Guid.NewGuid().ToString("N"))).GetForAsync(new Actor("probe")));
            Assert.Equal(RuleCodes.NotFound, unknown.Code);
        }

        // Deactivation on idle happens right after each call; give the silos a moment to finish them.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline
            && (await ActivationsAsync(management, "CustomerGrain") > customersBefore + 5 || await ActivationsAsync(management, "ConversationGrain") > conversationsBefore + 5))
        {
            await Task.Delay(200);
        }

        Assert.InRange(await ActivationsAsync(management, "CustomerGrain"), 0, customersBefore + 5);
        Assert.InRange(await ActivationsAsync(management, "ConversationGrain"), 0, conversationsBefore + 5);
    }

    private static async Task<int> ActivationsAsync(IManagementGrain management, string grainClass) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("." + grainClass + ",", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}
