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
        await integrator.BotReadyAsync();
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

    [Fact]
    public async Task An_sms_asking_for_a_copy_of_an_invoice_gets_the_number_asked_a_malformed_one_refused_and_a_good_one_confirmed()
    {
        await using var integrator = Grid.IntegratorOf(Grid.Keys.BotTenant);
        await integrator.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = global::Grid.Bot.DemoKnowledgeBase.Document(), ReplaceAll = true }, integrator.Headers);
        await integrator.BotReadyAsync();
        await using var outbound = integrator.OpenOutbound();
        var phone = MessagePathTests.UniquePhone();

        var asked = await integrator.PostSmsAsync(phone, "flow-1-" + Guid.NewGuid(), "slt je voudrais une copie de ma facture stp");
        var prompt = await outbound.NextForAsync(asked.ConversationId, Wait, EntryKind.BotMessage);
        Assert.Contains("numéro de la facture", prompt.Text);
        Assert.Equal(Channel.Sms, prompt.Channel);

        var malformed = await integrator.PostSmsAsync(phone, "flow-2-" + Guid.NewGuid(), "c'est la 2024-123");
        Assert.Equal(asked.ConversationId, malformed.ConversationId);
        var refusal = await outbound.NextForAsync(asked.ConversationId, Wait, EntryKind.BotMessage);
        Assert.Contains("ne semble pas valide", refusal.Text);
        Assert.Contains("numéro de la facture", refusal.Text);

        await integrator.PostSmsAsync(phone, "flow-3-" + Guid.NewGuid(), "pardon c inv 2024 00871");
        var confirmation = await outbound.NextForAsync(asked.ConversationId, Wait, EntryKind.BotMessage);
        Assert.Contains("copie de la facture INV-2024-00871", confirmation.Text);

        var entries = await integrator.ListAllAsync(asked.ConversationId);
        Assert.Equal(
            ["flow-start", "flow-invalid", "flow-end"],
            entries.Where(e => e.Kind == EntryKind.BotMessage).Select(e => e.Metadata["purpose"]));
        Assert.All(entries.Where(e => e.Kind == EntryKind.BotMessage), e => Assert.Equal("invoice-copy", e.Metadata["entry"]));
        var facts = Assert.Single(entries, e => e.EventType == "facts-set" && e.Author == "step:bot");
        Assert.Equal("INV-2024-00871", facts.Metadata["flow.invoice"]);
        Assert.Equal(ConversationStatus.Bot, (await integrator.GetConversationAsync(asked.ConversationId)).Status);
    }

    [Fact]
    public async Task A_breakdown_report_collects_the_address_and_the_equipment_and_goes_to_the_technical_queue()
    {
        await using var integrator = Grid.IntegratorOf(Grid.Keys.BotTenant);
        await integrator.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = global::Grid.Bot.DemoKnowledgeBase.Document(), ReplaceAll = true }, integrator.Headers);
        await integrator.BotReadyAsync();
        await using var outbound = integrator.OpenOutbound();
        var phone = MessagePathTests.UniquePhone();

        var report = await integrator.PostSmsAsync(phone, "breakdown-1-" + Guid.NewGuid(), "hi, the elevator in my building is out of order");
        Assert.Contains("address", (await outbound.NextForAsync(report.ConversationId, Wait, EntryKind.BotMessage)).Text);
        await integrator.PostSmsAsync(phone, "breakdown-2-" + Guid.NewGuid(), "12 Baker Street, London, building B");
        Assert.Contains("equipment", (await outbound.NextForAsync(report.ConversationId, Wait, EntryKind.BotMessage)).Text);
        await integrator.PostSmsAsync(phone, "breakdown-3-" + Guid.NewGuid(), "lift stuck at the 3rd floor since this morning");
        var handover = await outbound.NextForAsync(report.ConversationId, Wait, EntryKind.BotMessage);
        Assert.Contains("lift stuck at the 3rd floor since this morning, 12 Baker Street, London, building B", handover.Text);

        var conversation = await integrator.GetConversationAsync(report.ConversationId);
        Assert.Equal((ConversationStatus.Queued, "flow:report-breakdown", "technical"), (conversation.Status, conversation.StatusReason, conversation.Queue));
        var facts = Assert.Single(await integrator.ListAllAsync(report.ConversationId), e => e.EventType == "facts-set" && e.Author == "step:bot");
        Assert.Equal("12 Baker Street, London, building B", facts.Metadata["flow.address"]);
    }

    [Fact]
    public async Task A_customer_in_a_flow_who_asks_for_a_person_goes_to_the_queue_with_what_the_flow_had()
    {
        await using var integrator = Grid.IntegratorOf(Grid.Keys.BotTenant);
        await integrator.Knowledge.ImportEntriesAsync(new ImportEntriesRequest { Document = global::Grid.Bot.DemoKnowledgeBase.Document(), ReplaceAll = true }, integrator.Headers);
        await integrator.BotReadyAsync();
        await using var outbound = integrator.OpenOutbound();
        var phone = MessagePathTests.UniquePhone();

        var report = await integrator.PostSmsAsync(phone, "leave-1-" + Guid.NewGuid(), "l'ascenseur de mon immeuble est en panne");
        await outbound.NextForAsync(report.ConversationId, Wait, EntryKind.BotMessage);
        await integrator.PostSmsAsync(phone, "leave-2-" + Guid.NewGuid(), "3 rue des Lilas, Lyon");
        await outbound.NextForAsync(report.ConversationId, Wait, EntryKind.BotMessage);
        await integrator.PostSmsAsync(phone, "leave-3-" + Guid.NewGuid(), "non mais je veux parler a un humain la");

        var conversation = await integrator.GetConversationAsync(report.ConversationId);
        Assert.Equal((ConversationStatus.Queued, "asked-for-human"), (conversation.Status, conversation.StatusReason));
        var facts = Assert.Single(await integrator.ListAllAsync(report.ConversationId), e => e.EventType == "facts-set" && e.Author == "step:bot");
        Assert.Equal("3 rue des Lilas, Lyon", facts.Metadata["flow.address"]);
    }
}
