using System.Security.Cryptography;
using System.Text;

namespace Grid.Tests.Grains;

/// <summary>A customer's open conversations on the Orleans test cluster: several problems at once, and a closed one leaving the list.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OpenConversationsTests(ClusterFixture fixture)
{
    private readonly string tenant = "o" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Two_email_problems_stay_open_side_by_side_and_a_closed_one_leaves_the_list()
    {
        var customer = fixture.Grains.GetGrain<ICustomerGrain>(GridKeys.Of(tenant, "cus_open"));
        var invoice = await customer.ReceiveInboundAsync(Email("e1", "Facture de mars", "Ma facture est fausse."), null);
        var move = await customer.ReceiveInboundAsync(Email("e2", "Déménagement", "Je déménage."), null);
        var chat = await customer.ReceiveInboundAsync(Email("e3", "Re: Facture de mars", "Toujours fausse.") with { Channel = Channel.Sms, Email = null, SenderAddress = "+33600000000" }, null);
        Assert.NotEqual(invoice.ConversationId, move.ConversationId);
        Assert.Equal(move.ConversationId, chat.ConversationId); // chat goes on with the most recent open conversation

        var view = await customer.GetAsync();
        Assert.Equal(move.ConversationId, view!.OpenConversationId);
        Assert.Equal([move.ConversationId, invoice.ConversationId], view.OpenConversationIds);

        // A supervisor closes the most recent one: the conversation tells its customer, which falls back on the other.
        await fixture.Grains.GetGrain<IConversationGrain>(GridKeys.Of(tenant, move.ConversationId)).CloseAsync(new Actor("sup", ActorRole.Supervisor), "duplicate");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await customer.GetAsync())!.OpenConversationIds.Contains(move.ConversationId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        view = await customer.GetAsync();
        Assert.Equal([invoice.ConversationId], view!.OpenConversationIds);
        Assert.Equal(invoice.ConversationId, view.OpenConversationId);
        var reply = await customer.ReceiveInboundAsync(Email("e4", "RE: Déménagement", "Et maintenant ?"), null);
        Assert.NotEqual(move.ConversationId, reply.ConversationId);
        Assert.NotEqual(invoice.ConversationId, reply.ConversationId);
    }

    private InboundMessage Email(string externalId, string subject, string text) => new(
        tenant, "gw", Channel.Email, "claire@example.fr", externalId, DateTimeOffset.UtcNow, text, new EmailHeaders(subject, $"<{externalId}@example.fr>", null, []), [],
        new Dictionary<string, string>(), DateTimeOffset.UtcNow, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
}
