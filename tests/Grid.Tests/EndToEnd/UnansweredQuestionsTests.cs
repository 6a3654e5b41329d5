using Google.Protobuf.WellKnownTypes;
using Grid.Protos.V1;
using Grid.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.Tests.EndToEnd;

using ConversationStatus = Grid.Protos.V1.ConversationStatus;
using EntryKind = Grid.Protos.V1.EntryKind;
using KnowledgeEntry = Grid.Protos.V1.KnowledgeEntry;
using KnowledgeSettings = Grid.Protos.V1.KnowledgeSettings;

/// <summary>
/// KnowledgeService.ListUnansweredQuestions through a real gRPC client on the embedded host: customers' messages go
/// through the real pipeline, the bot's misses are recorded and grouped. The test has its own tenant ("unanswered"),
/// so that no other test's misses are counted.
/// </summary>
[Collection(EmbeddedCollection.Name)]
public sealed class UnansweredQuestionsTests(EmbeddedGridFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmbeddedGrid Grid => fixture.Grid;

    [Fact]
    public async Task The_questions_the_bot_could_not_answer_are_listed_grouped_most_frequent_first()
    {
        var started = DateTimeOffset.UtcNow;
        await using var integrator = Grid.IntegratorOf("unanswered");
        var (k, h) = (integrator.Knowledge, integrator.Headers);
        var hours = new KnowledgeEntry { Id = "opening-hours" };
        hours.Questions["fr"] = new Phrasings { Texts = { "Quels sont vos horaires d'ouverture ?", "Vous êtes ouverts quand ?", "À quelle heure ouvrez-vous ?" } };
        hours.Questions["en"] = new Phrasings { Texts = { "What are your opening hours?", "When are you open?" } };
        hours.Answers["fr"] = "Du lundi au vendredi, de 8h à 19h.";
        hours.Answers["en"] = "Monday to Friday, 8am to 7pm.";
        await k.ImportEntriesAsync(new ImportEntriesRequest { Document = "[]", ReplaceAll = true }, h);
        await k.CreateEntryAsync(new CreateEntryRequest { Entry = hours }, h);
        var settings = new KnowledgeSettings { Threshold = 0.5, DefaultLanguage = "fr" };
        settings.Synonyms.Add(new SynonymGroup { Words = { "arrivée", "reçu", "arrived" } });
        settings.Synonyms.Add(new SynonymGroup { Words = { "commande", "colis", "parcel", "order" } });
        await k.SetSettingsAsync(new SetSettingsRequest { Settings = settings }, h);
        await integrator.Escalation.SetPolicyAsync(new SetPolicyRequest { Policy = new EscalationPolicy { NoMatchLimit = 2, Queue = "default" } }, h);
        await integrator.BotReadyAsync();

        string[] unanswerable = ["ma commande n'est pas arrivée", "commande tjr pas arrivee", "toujours pas reçu ma commande", "comment changer mon mot de passe", "my parcel has not arrived"];
        foreach (var text in unanswerable)
        {
            var evaluation = await k.EvaluateAsync(new EvaluateRequest { Text = text }, h);
            Assert.True(evaluation.Kind == BotDecisionKind.NoMatch, $"the bot must not know \"{text}\": {evaluation}");
        }

        Assert.Equal(BotDecisionKind.Answer, (await k.EvaluateAsync(new EvaluateRequest { Text = "quels sont vos horaires d'ouverture ?" }, h)).Kind);

        // Missed twice in a row: asked to rephrase, then handed to a person; what the customer writes while queued is not the bot's miss.
        var phone = MessagePathTests.UniquePhone();
        var first = await integrator.PostSmsAsync(phone, "ua-1-" + Guid.NewGuid(), "ma commande n'est pas arrivée");
        await integrator.PostSmsAsync(phone, "ua-2-" + Guid.NewGuid(), "commande tjr pas arrivee");
        var queued = await integrator.GetConversationAsync(first.ConversationId);
        Assert.Equal((ConversationStatus.Queued, "no-match-limit"), (queued.Status, queued.StatusReason));
        await integrator.PostSmsAsync(phone, "ua-3-" + Guid.NewGuid(), "toujours rien ??? c'est inadmissible");

        await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "ua-4-" + Guid.NewGuid(), "toujours pas reçu ma commande");

        // A greeting, an answer and a request for a person are not misses.
        var other = MessagePathTests.UniquePhone();
        await integrator.PostSmsAsync(other, "ua-5-" + Guid.NewGuid(), "bonjour");
        await integrator.PostSmsAsync(other, "ua-6-" + Guid.NewGuid(), "comment changer mon mot de passe");
        await integrator.PostSmsAsync(other, "ua-7-" + Guid.NewGuid(), "quels sont vos horaires d'ouverture ?");
        var answered = await integrator.ListAllAsync((await integrator.PostSmsAsync(other, "ua-8-" + Guid.NewGuid(), "merci")).ConversationId);
        Assert.Equal(["greeting", "rephrase", "answer", "thanks"], answered.Where(e => e.Kind == EntryKind.BotMessage).Select(e => e.Metadata["purpose"]));
        await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "ua-9-" + Guid.NewGuid(), "je veux parler à un conseiller");

        await integrator.PostSmsAsync(MessagePathTests.UniquePhone(), "ua-10-" + Guid.NewGuid(), "my parcel has not arrived");

        // Misses are recorded one-way: the report has them within moments.
        var report = await ReportAsync(integrator, new ListUnansweredQuestionsRequest(), total: 5);

        Assert.Equal([4, 1], report.Groups.Select(g => g.Count));
        var delivery = report.Groups[0];
        Assert.Equal(
            ["commande tjr pas arrivee", "ma commande n'est pas arrivée", "my parcel has not arrived", "toujours pas reçu ma commande"],
            delivery.Examples.Prepend(delivery.Representative).Order(StringComparer.Ordinal));
        Assert.Equal(["en", "fr"], delivery.Languages);
        Assert.InRange(delivery.FirstSeen.ToDateTimeOffset(), started.AddSeconds(-5), delivery.LastSeen.ToDateTimeOffset());
        Assert.InRange(delivery.LastSeen.ToDateTimeOffset(), delivery.FirstSeen.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(("comment changer mon mot de passe", 0), (report.Groups[1].Representative, report.Groups[1].Examples.Count));

        var english = await k.ListUnansweredQuestionsAsync(new ListUnansweredQuestionsRequest { Language = "en" }, h);
        Assert.Equal((1, "my parcel has not arrived", 1), (english.TotalMisses, english.Groups.Single().Representative, english.Groups.Single().Count));
        var top = await k.ListUnansweredQuestionsAsync(new ListUnansweredQuestionsRequest { Limit = 1 }, h);
        Assert.Equal((5, 1, 4), (top.TotalMisses, top.Groups.Count, top.Groups[0].Count));
        var before = await k.ListUnansweredQuestionsAsync(new ListUnansweredQuestionsRequest { Until = Timestamp.FromDateTimeOffset(started.AddMinutes(-1)) }, h);
        Assert.Equal((0, 0), (before.TotalMisses, before.Groups.Count));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_message_that_says_what_to_fix_and_other_scopes_are_denied()
    {
        await using var integrator = Grid.IntegratorOf("unanswered");
        var now = DateTimeOffset.UtcNow;
        var cases = new (ListUnansweredQuestionsRequest Request, string Message)[]
        {
            (new() { Since = Timestamp.FromDateTimeOffset(now), Until = Timestamp.FromDateTimeOffset(now.AddDays(-1)) }, "is after until"),
            (new() { Limit = 500 }, "limit must be from 1 to 200, or 0 for the default 20 (it is 500)"),
            (new() { Language = "klingon" }, "language 'klingon' is not supported: the languages are fr, en, de, es, it, nl, pt"),
            (new() { Since = new Timestamp { Seconds = -62135596801 } }, "since is not a valid timestamp"),
        };
        foreach (var (request, message) in cases)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => integrator.Knowledge.ListUnansweredQuestionsAsync(request, integrator.Headers).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains(message, refused.Status.Detail);
        }

        await using var noAdmin = Grid.Integrator();
        var denied = await Assert.ThrowsAsync<RpcException>(() => noAdmin.Knowledge.ListUnansweredQuestionsAsync(new ListUnansweredQuestionsRequest(), noAdmin.Headers).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    /// <summary>The report once it counts <paramref name="total"/> misses (recorded one-way), or a failure naming what it counted.</summary>
    private static async Task<ListUnansweredQuestionsResponse> ReportAsync(IntegratorClient integrator, ListUnansweredQuestionsRequest request, int total)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var report = await integrator.Knowledge.ListUnansweredQuestionsAsync(request, integrator.Headers);
            if (report.TotalMisses >= total || DateTime.UtcNow > deadline)
            {
                Assert.True(report.TotalMisses == total, $"expected {total} misses, the report counts {report.TotalMisses}: {report}");
                return report;
            }

            await Task.Delay(100);
        }
    }
}
