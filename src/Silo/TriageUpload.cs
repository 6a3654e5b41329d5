using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grid.Triage;
using Grpc.Core;
using Grpc.Net.Client;
using P = Grid.Protos.V1;

namespace Grid.Silo;

/// <summary>Where the training command uploads a model: the grid's gRPC address and an admin API key of the tenant.</summary>
internal sealed record TriageUploadTarget(string Address, string? ApiKey);

/// <summary>Uploads a trained model with <c>grid.v1.TriageService.UploadModel</c>.</summary>
internal static class TriageUpload
{
    public static async Task<long> SendAsync(TriageUploadTarget target, IReadOnlyDictionary<string, string> flags, string tenant, TriageTrainingResult result)
    {
        var address = flags.GetValueOrDefault("grid", target.Address);
        var key = flags.GetValueOrDefault("api-key", target.ApiKey ?? "");
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxSendMessageSize = TriageLimits.MaxModelBytes + 1024 * 1024 });
        var client = new P.TriageService.TriageServiceClient(channel);
        var request = new P.UploadModelRequest
        {
            Tenant = tenant,
            Model = ByteString.CopyFrom(result.Model),
            Trainer = result.Trainer,
            Metrics = ToProto(result.Metrics),
            TrainedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            TrainingSeconds = result.TrainingTime.TotalSeconds,
        };
        request.Categories.AddRange(result.Classifier.Categories);
        try
        {
            var response = await client.UploadModelAsync(request, new Metadata { { "x-api-key", key } }, deadline: DateTime.UtcNow.AddMinutes(2));
            return response.Version;
        }
        catch (RpcException ex)
        {
            throw new TriageRuleException(TriageErrorCodes.Invalid,
                $"the upload to {address} failed ({ex.StatusCode}): {ex.Status.Detail} — is the grid running? (--grid URL, --api-key KEY with the admin scope; --dry-run to only train)", "upload");
        }
    }

    internal static P.TriageMetrics ToProto(TriageMetrics metrics)
    {
        var proto = new P.TriageMetrics
        {
            Accuracy = metrics.Accuracy,
            MacroF1 = metrics.MacroF1,
            BaselineAccuracy = metrics.BaselineAccuracy,
            BaselineMacroF1 = metrics.BaselineMacroF1,
            EvaluatedOn = metrics.EvaluatedOn,
        };
        foreach (var (category, f1) in metrics.PerClassF1)
        {
            proto.PerClassF1[category] = f1;
        }
        return proto;
    }
}
