using Grid.Protos.V1;
using Grid.Tests.Infrastructure;

namespace Grid.Tests.EndToEnd;

using Channel = Grid.Protos.V1.Channel;
using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EntryKind = Grid.Protos.V1.EntryKind;

/// <summary>The bot in real conversations, through the real edges: answers in the customer's language, hands over on request.</summary>
[Collection(EmbeddedCollection.Name)]
public sealed class BotConversationTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task The_bot_answers_in_french_and_in_english_and_a_request_for_a_person_goes_to_the_queue()
    {
        await using var integrator = Grid.IntegratorOf(Grid.Keys.BotTenant);
        await integrator.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = global::Grid.Bot.DemoKnowledgeBase.Document(), ReplaceAll = true }, integrator.Headers);
        await using var outbound = integrator.OpenOutbound();

        var french = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "bot-fr-" + Guid.NewGuid(), "bonjour, quels sont vos horaires d'ouverture svp");
        var answer = await outbound.NextForAsync(french.ConversationId, Wait, EntryKind.BotMessage);
        Assert.Contains("lundi au vendredi", answer.Text);
        Assert.Equal((Channel.Sms, "bot"), (answer.Channel, answer.Author));
        var conversation = await integrator.GetConversationAsync(french.ConversationId);
        Assert.Equal(ConversationStatus.Bot, conversation.Status);
        var entries = await integrator.ListAllAsync(french.ConversationId);
        var botEntry = Assert.Single(entries, e => e.Kind == EntryKind.BotMessage);
        Assert.Equal("opening-hours", botEntry.Metadata["entry"]);
        Assert.True(double.Parse(botEntry.Metadata["confidence"], System.Globalization.CultureInfo.InvariantCulture) >= 0.5);

        var english = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "bot-en-" + Guid.NewGuid(), "hi, i forgot my password, how do i reset it?");
        var reply = await outbound.NextForAsync(english.ConversationId, Wait, EntryKind.BotMessage);
        Assert.Contains("Forgot password", reply.Text);

        var person = await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "bot-human-" + Guid.NewGuid(), "je veux parler à un conseiller");
        var queued = await integrator.GetConversationAsync(person.ConversationId);
        Assert.Equal((ConversationStatus.Queued, "asked-for-human"), (queued.Status, queued.StatusReason));
        var acknowledgement = await outbound.NextForAsync(person.ConversationId, Wait, EntryKind.SystemMessage);
        Assert.StartsWith("Merci", acknowledgement.Text);
        Assert.DoesNotContain(await integrator.ListAllAsync(person.ConversationId), e => e.Kind == EntryKind.BotMessage);
    }
}
