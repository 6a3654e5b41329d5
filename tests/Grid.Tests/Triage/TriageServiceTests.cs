using Google.Protobuf;
using Grid.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Grid.Tests.Triage;

/// <summary>TriageService with a real gRPC client against the embedded host: upload, classify, versions, refusals.</summary>
[Collection(TriageCollection.Name)]
public sealed class TriageServiceTests(TriageFixture fixture)
{
    private const string Outage = "Subject: Plus de chauffage\n\nBonjour, la chaudière est en panne depuis hier soir et les résidents ont froid, envoyez un technicien en urgence.";

    private (TriageService.TriageServiceClient Client, Metadata Headers) Client(string name)
    {
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{fixture.Grid.GrpcPort}", new GrpcChannelOptions { MaxSendMessageSize = 32 * 1024 * 1024 });
        return (new TriageService.TriageServiceClient(channel), new Metadata { { "x-api-key", fixture.Key(name) } });
    }

    private UploadModelRequest Upload(string tenant = "triage", byte[]? model = null)
    {
        var request = new UploadModelRequest
        {
            Tenant = tenant,
            Model = ByteString.CopyFrom(model ?? fixture.Result.Model),
            Trainer = fixture.Result.Trainer,
            Metrics = new TriageMetrics { Accuracy = fixture.Result.Scores.Accuracy, EvaluatedOn = fixture.Result.EvalCount },
            TrainingSeconds = fixture.Result.TrainingTime.TotalSeconds,
        };
        request.Categories.AddRange(fixture.Result.Classifier.Categories);
        return request;
    }

    private static async Task<RpcException> RefusedAsync<T>(AsyncUnaryCall<T> call) => await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

    [Fact]
    public async Task An_uploaded_model_classifies_at_once_and_a_refused_one_leaves_it_in_use()
    {
        var (admin, adminHeaders) = Client("all");
        var (reader, readHeaders) = Client("read");
        var before = (await reader.GetModelAsync(new GetModelRequest(), readHeaders)).Version;

        var first = await admin.UploadModelAsync(Upload(), adminHeaders);
        Assert.Equal(before + 1, first.Version);
        var classified = await reader.ClassifyAsync(new ClassifyRequest { Text = Outage }, readHeaders);
        Assert.Equal(("outage", first.Version, "fr"), (classified.Category, classified.ModelVersion, classified.Language));
        Assert.InRange(classified.Probability, 0.3, 1);
        Assert.Equal(3, classified.Alternatives.Count);
        Assert.Equal("outage", classified.Alternatives[0].Category);
        Assert.Contains(classified.Sentiment, new[] { "negative", "neutral" });
        Assert.Empty(classified.References);
        Assert.Null(classified.Customer);

        // The admin key may classify too; subject given apart.
        var english = await admin.ClassifyAsync(new ClassifyRequest
        {
            Subject = "Password reset",
            Text = "Hi, I am locked out of the customer portal and the reset link never arrives. Can you unlock my login?",
            Channel = Protos.V1.Channel.Email,
        }, adminHeaders);
        Assert.Equal(("account-access", "en"), (english.Category, english.Language));

        // A corrupt model is refused: nothing stored, the previous one still classifies.
        var corrupt = await RefusedAsync(admin.UploadModelAsync(Upload(model: [1, 2, 3, 4]), adminHeaders));
        Assert.Equal(StatusCode.InvalidArgument, corrupt.StatusCode);
        Assert.Contains("the model does not load", corrupt.Status.Detail);
        var wrongCategories = Upload();
        wrongCategories.Categories.Add("refunds");
        Assert.Contains("differs from the model's own", (await RefusedAsync(admin.UploadModelAsync(wrongCategories, adminHeaders))).Status.Detail);
        Assert.Equal(first.Version, (await reader.ClassifyAsync(new ClassifyRequest { Text = Outage }, readHeaders)).ModelVersion);

        // A new version is used by the next call.
        var second = await admin.UploadModelAsync(Upload(), adminHeaders);
        Assert.Equal(first.Version + 1, second.Version);
        Assert.Equal(second.Version, (await reader.ClassifyAsync(new ClassifyRequest { Text = Outage }, readHeaders)).ModelVersion);
        var info = await reader.GetModelAsync(new GetModelRequest(), readHeaders);
        Assert.Equal((second.Version, fixture.Result.Trainer, fixture.Result.Model.Length), (info.Version, info.Trainer, info.SizeBytes));
        Assert.Equal(fixture.Result.Classifier.Categories, info.Categories);
    }

    [Fact]
    public async Task A_stored_model_survives_a_restart()
    {
        var (admin, adminHeaders) = Client("all");
        var stored = await admin.UploadModelAsync(Upload(), adminHeaders);
        await fixture.RestartAsync();

        var (reader, readHeaders) = Client("read");
        // The state is JSON with each collection's type: this read fails if the info holds a caller's collection type.
        var classified = await reader.ClassifyAsync(new ClassifyRequest { Text = Outage }, readHeaders);
        Assert.Equal(("outage", stored.Version), (classified.Category, classified.ModelVersion));
        Assert.Equal(fixture.Result.Model.Length, (await reader.GetModelAsync(new GetModelRequest(), readHeaders)).SizeBytes);
    }

    [Fact]
    public async Task An_inbound_email_gets_the_category_as_journaled_facts()
    {
        var (admin, adminHeaders) = Client("all");
        var (reader, readHeaders) = Client("read");
        await admin.UploadModelAsync(Upload(), adminHeaders);
        await reader.ClassifyAsync(new ClassifyRequest { Text = Outage }, readHeaders); // this silo has the new version now

        await using var integrator = new Infrastructure.IntegratorClient(fixture.Grid.GrpcPort, fixture.Key("all"));
        var posted = await integrator.PostAsync(new PostInboundRequest
        {
            Channel = Protos.V1.Channel.Email, Sender = "facilities@residence-example.fr", ExternalId = "triage-facts-1", Text = Outage,
        });
        await using var read = new Infrastructure.IntegratorClient(fixture.Grid.GrpcPort, fixture.Key("read"));
        var entries = await read.ListAllAsync(posted.ConversationId);
        var facts = Assert.Single(entries, e => e.Author == "step:triage");
        Assert.Equal("outage", facts.Metadata["triage.category"]);
        Assert.InRange(double.Parse(facts.Metadata["triage.probability"], System.Globalization.CultureInfo.InvariantCulture), 0.3, 1);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_a_clear_status()
    {
        var (reader, readHeaders) = Client("read");
        var (admin, adminHeaders) = Client("all");
        var (ingest, ingestHeaders) = Client("ingest");
        var (none, noneHeaders) = Client("none");

        var empty = await RefusedAsync(reader.ClassifyAsync(new ClassifyRequest { Text = " " }, readHeaders));
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("text is required", empty.Status.Detail);
        var tooLong = await RefusedAsync(reader.ClassifyAsync(new ClassifyRequest { Text = new string('a', 100_001) }, readHeaders));
        Assert.Contains("the limit is 100000", tooLong.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, (await RefusedAsync(reader.ClassifyAsync(new ClassifyRequest { Text = "a\u0001b" }, readHeaders))).StatusCode);

        var noModel = await RefusedAsync(none.ClassifyAsync(new ClassifyRequest { Text = Outage }, noneHeaders));
        Assert.Equal(StatusCode.FailedPrecondition, noModel.StatusCode);
        Assert.Contains("has no triage model", noModel.Status.Detail);
        Assert.Equal(0, (await none.GetModelAsync(new GetModelRequest(), noneHeaders)).Version);

        Assert.Equal(StatusCode.PermissionDenied, (await RefusedAsync(ingest.ClassifyAsync(new ClassifyRequest { Text = Outage }, ingestHeaders))).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await RefusedAsync(reader.UploadModelAsync(Upload(), readHeaders))).StatusCode);
        var otherTenant = await RefusedAsync(admin.UploadModelAsync(Upload(tenant: "demo"), adminHeaders));
        Assert.Equal(StatusCode.InvalidArgument, otherTenant.StatusCode);
        Assert.Contains("this API key belongs to tenant 'triage'", otherTenant.Status.Detail);
    }

    [Fact]
    public async Task Reference_patterns_set_by_an_admin_are_used_by_classify_and_a_refused_set_changes_nothing()
    {
        var (admin, adminHeaders) = Client("all");
        var (reader, readHeaders) = Client("read");
        await admin.UploadModelAsync(Upload(), adminHeaders);
        var demo = new SetReferencePatternsRequest();
        demo.Patterns.AddRange(global::Grid.Triage.ReferencePatterns.ReadDemo().Select(p => new ReferencePattern
        {
            Kind = p.Kind, Format = p.Format, DetectRegex = p.DetectRegex, Canonical = p.Canonical,
        }));

        var set = await admin.SetReferencePatternsAsync(demo, adminHeaders);
        var classified = await reader.ClassifyAsync(new ClassifyRequest
        {
            Subject = "Facture contestée", Text = "Bonjour, la facture inv 2026 00123 compte deux fois le même passage du technicien.",
        }, readHeaders);
        var reference = Assert.Single(classified.References);
        Assert.Equal(("invoice-number", "INV-2026-00123", "inv 2026 00123"), (reference.Kind, reference.Canonical, reference.Value));

        // A regex that does not compile is refused naming the field; the stored set stays.
        var broken = new SetReferencePatternsRequest();
        broken.Patterns.Add(new ReferencePattern { Kind = "invoice-number", Format = "INV", DetectRegex = "(INV-(\\d+)", Canonical = "INV-{1}" });
        var refused = await RefusedAsync(admin.SetReferencePatternsAsync(broken, adminHeaders));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("patterns[0].detect_regex", refused.Status.Detail);
        var stored = await admin.GetReferencePatternsAsync(new GetReferencePatternsRequest(), adminHeaders);
        Assert.Equal(set.Version, stored.Version);
        Assert.Equal(demo.Patterns, stored.Patterns);

        // Reading and changing the patterns is for admin keys only.
        Assert.Equal(StatusCode.PermissionDenied, (await RefusedAsync(reader.SetReferencePatternsAsync(demo, readHeaders))).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await RefusedAsync(reader.GetReferencePatternsAsync(new GetReferencePatternsRequest(), readHeaders))).StatusCode);
        var (none, noneHeaders) = Client("none");
        Assert.Equal(StatusCode.PermissionDenied, (await RefusedAsync(none.SetReferencePatternsAsync(demo, noneHeaders))).StatusCode);
    }
}
