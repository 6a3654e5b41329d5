using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grid.Edge.Grpc.Validation;
using Grid.Triage;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// The caller's tenant's category model: classification on the local silo's <see cref="ITriageClassifierGrain"/>, the
/// model's info and uploads to the tenant's <see cref="ITriageModelGrain"/>, the tenant's reference patterns in its
/// <see cref="IReferencePatternsGrain"/>. Classify and GetModel need the read or the admin scope, UploadModel and the
/// reference patterns' calls admin (checked by <see cref="GridServerInterceptor"/>).
/// </summary>
[BindServiceMethod(typeof(TriageGrpcService), nameof(BindService))]
public sealed class TriageGrpcService(IGrainFactory grains) : P.TriageService.TriageServiceBase
{
    /// <summary>A model of at most 16 MiB and the request around it.</summary>
    public const int MaxReceiveMessageSize = TriageLimits.MaxModelBytes + 1024 * 1024;

    /// <summary>Binds the generated methods with request marshallers that refuse unparseable requests (see <see cref="GuardedServiceBinder"/>).</summary>
    public static void BindService(ServiceBinderBase binder, P.TriageService.TriageServiceBase? service) =>
        P.TriageService.BindService(new GuardedServiceBinder(binder), service);

    /// <summary>The service's descriptor, for gRPC reflection.</summary>
    public static ServiceDescriptor Descriptor => P.TriageService.Descriptor;

    public override async Task<P.ClassifyResponse> Classify(P.ClassifyRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.Text, "text", TriageLimits.MaxTextChars, "the message to classify")
            ?? TextRules.MaxLength(request.Subject, "subject", TriageLimits.MaxSubjectChars)
            ?? TextRules.Characters(request.Text, "text")
            ?? TextRules.Characters(request.Subject, "subject")
            ?? TextRules.MaxLength(request.Sender, "sender", 320));
        var channel = ProtoMap.FromProto(request.Channel) ?? Channel.Email;
        var result = await grains.GetGrain<ITriageClassifierGrain>(Tenant(context))
            .ClassifyAsync(new TriageRequest(request.Text, request.Subject.Length == 0 ? null : request.Subject, channel, request.Sender.Length == 0 ? null : request.Sender));
        return ToProto(result);
    }

    public override async Task<P.TriageModel> GetModel(P.GetModelRequest request, ServerCallContext context) =>
        ToProto(await grains.GetGrain<ITriageModelGrain>(Tenant(context)).GetInfoAsync());

    public override async Task<P.UploadModelResponse> UploadModel(P.UploadModelRequest request, ServerCallContext context)
    {
        var tenant = Tenant(context);
        if (request.Tenant != tenant)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"tenant is '{request.Tenant}' but this API key belongs to tenant '{tenant}': use a key of the tenant the model is for"));
        }

        var metrics = request.Metrics ?? new P.TriageMetrics();
        var upload = new TriageModelUpload(
            request.Model.ToByteArray(),
            [.. request.Categories],
            request.Trainer,
            new TriageMetrics(metrics.Accuracy, metrics.MacroF1, metrics.BaselineAccuracy, metrics.BaselineMacroF1,
                metrics.PerClassF1.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), metrics.EvaluatedOn),
            request.TrainedAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow,
            request.TrainingSeconds);
        return new P.UploadModelResponse { Version = await grains.GetGrain<ITriageModelGrain>(tenant).StoreAsync(upload) };
    }

    public override async Task<P.SetReferencePatternsResponse> SetReferencePatterns(P.SetReferencePatternsRequest request, ServerCallContext context)
    {
        List<ReferencePattern> patterns = [.. request.Patterns.Select(p => new ReferencePattern(p.Kind, p.Format, p.DetectRegex, p.Canonical))];
        return new P.SetReferencePatternsResponse { Version = await grains.GetGrain<IReferencePatternsGrain>(Tenant(context)).SetAsync(patterns) };
    }

    public override async Task<P.ReferencePatterns> GetReferencePatterns(P.GetReferencePatternsRequest request, ServerCallContext context) =>
        ToProto(await grains.GetGrain<IReferencePatternsGrain>(Tenant(context)).GetAsync());

    internal static P.ReferencePatterns ToProto(ReferencePatternSet set)
    {
        var result = new P.ReferencePatterns { Version = set.Version };
        result.Patterns.AddRange(set.Patterns.Select(p => new P.ReferencePattern
        {
            Kind = p.Kind, Format = p.Format, DetectRegex = p.DetectRegex, Canonical = p.Canonical,
        }));
        return result;
    }

    internal static P.ClassifyResponse ToProto(TriageClassification result)
    {
        var response = new P.ClassifyResponse
        {
            Category = result.Category,
            Probability = result.Probability,
            Sentiment = result.SentimentLabel,
            SentimentScore = result.SentimentScore,
            Language = result.Language,
            ModelVersion = result.ModelVersion,
        };
        response.Alternatives.AddRange(result.Alternatives.Select(a => new P.CategoryProbability { Category = a.Category, Probability = a.Probability }));
        response.References.AddRange(result.References.Select(r => new P.Reference { Kind = r.Kind, Value = r.Value, Canonical = r.Canonical }));
        if (result.Customer is { } customer)
        {
            response.Customer = new P.CustomerMatch { CustomerId = customer.CustomerId, Confidence = customer.Confidence, Evidence = customer.Evidence, Kind = customer.Kind };
        }

        return response;
    }

    internal static P.TriageModel ToProto(TriageModelInfo info)
    {
        var model = new P.TriageModel
        {
            Version = info.Version,
            Trainer = info.Trainer,
            SizeBytes = info.SizeBytes,
            TrainingSeconds = info.TrainingSeconds,
            Metrics = new P.TriageMetrics
            {
                Accuracy = info.Metrics.Accuracy,
                MacroF1 = info.Metrics.MacroF1,
                BaselineAccuracy = info.Metrics.BaselineAccuracy,
                BaselineMacroF1 = info.Metrics.BaselineMacroF1,
                EvaluatedOn = info.Metrics.EvaluatedOn,
            },
        };
        model.Categories.AddRange(info.Categories);
        foreach (var (category, f1) in info.Metrics.PerClassF1)
        {
            model.Metrics.PerClassF1[category] = f1;
        }

        if (info.Version != 0)
        {
            model.TrainedAt = Timestamp.FromDateTimeOffset(info.TrainedAt);
        }

        return model;
    }

    private static void Check(ValidationError? error)
    {
        if (error is not null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, error.Message));
        }
    }

    private static string Tenant(ServerCallContext context) => GridServerInterceptor.Integrator(context).Tenant;
}
