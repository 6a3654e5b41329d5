using Google.Protobuf.Reflection;
using Grid.Bot;
using Grid.Edge.Grpc.Validation;
using Grpc.Core;
using Microsoft.Extensions.Options;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// Administers the caller's tenant's knowledge base: maps requests to the knowledge-base grain (which validates every
/// change as a whole), evaluation to the bot evaluator, and the report of what the bot could not answer to the tenant's
/// <see cref="IUnansweredQuestionsGrain"/>. Needs the admin scope (checked by <see cref="GridServerInterceptor"/>).
/// </summary>
[BindServiceMethod(typeof(KnowledgeGrpcService), nameof(BindService))]
public sealed class KnowledgeGrpcService(IGrainFactory grains, IOptions<EdgeOptions> options, TimeProvider clock) : P.KnowledgeService.KnowledgeServiceBase
{
    /// <summary>Import documents are up to 4 MB; the request around one is a little larger.</summary>
    public const int MaxReceiveMessageSize = KnowledgeLimits.MaxDocumentBytes + 256 * 1024;

    /// <summary>Binds the generated methods with request marshallers that refuse unparseable requests (see <see cref="GuardedServiceBinder"/>).</summary>
    public static void BindService(ServiceBinderBase binder, P.KnowledgeService.KnowledgeServiceBase? service) =>
        P.KnowledgeService.BindService(new GuardedServiceBinder(binder), service);

    /// <summary>The service's descriptor, for gRPC reflection (found through the <c>[BindServiceMethod]</c> attribute).</summary>
    public static ServiceDescriptor Descriptor => P.KnowledgeService.Descriptor;

    public override async Task<P.EntryChange> CreateEntry(P.CreateEntryRequest request, ServerCallContext context)
    {
        var entry = Valid(KnowledgeProtoMap.FromProto(request.Entry));
        var version = await KnowledgeBase(context).CreateAsync(entry);
        return new P.EntryChange { Entry = KnowledgeProtoMap.ToProto(entry), Version = version };
    }

    public override async Task<P.EntryChange> UpdateEntry(P.UpdateEntryRequest request, ServerCallContext context)
    {
        var entry = Valid(KnowledgeProtoMap.FromProto(request.Entry));
        var version = await KnowledgeBase(context).UpdateAsync(entry);
        return new P.EntryChange { Entry = KnowledgeProtoMap.ToProto(entry), Version = version };
    }

    public override async Task<P.DeleteEntryResponse> DeleteEntry(P.DeleteEntryRequest request, ServerCallContext context) =>
        new() { Version = await KnowledgeBase(context).DeleteAsync(request.Id) };

    public override async Task<P.KnowledgeEntry> GetEntry(P.GetEntryRequest request, ServerCallContext context)
    {
        var entry = await KnowledgeBase(context).GetAsync(request.Id)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"entry '{request.Id}' not found in this tenant's knowledge base"));
        return KnowledgeProtoMap.ToProto(entry);
    }

    public override async Task<P.ListEntriesResponse> ListEntries(P.ListEntriesRequest request, ServerCallContext context)
    {
        var page = await KnowledgeBase(context).ListAsync(Optional(request.AfterId), Limit(request.Limit), Optional(request.Tag));
        var response = new P.ListEntriesResponse
        {
            NextAfterId = page.NextAfterId ?? "",
            HasMore = page.HasMore,
            Total = page.Total,
            Version = page.Version,
        };
        response.Entries.AddRange(page.Entries.Select(KnowledgeProtoMap.ToProto));
        return response;
    }

    public override async Task<P.ImportEntriesResponse> ImportEntries(P.ImportEntriesRequest request, ServerCallContext context)
    {
        var result = await KnowledgeBase(context).ImportAsync(request.Document, request.ReplaceAll);
        return new P.ImportEntriesResponse
        {
            Created = result.Created,
            Updated = result.Updated,
            Deleted = result.Deleted,
            Total = result.Total,
            Version = result.Version,
        };
    }

    public override async Task<P.ExportEntriesResponse> ExportEntries(P.ExportEntriesRequest request, ServerCallContext context)
    {
        var export = await KnowledgeBase(context).ExportAsync();
        return new P.ExportEntriesResponse { Document = export.Document, Count = export.Count, Version = export.Version };
    }

    public override async Task<P.SettingsResponse> GetSettings(P.GetSettingsRequest request, ServerCallContext context)
    {
        var settings = await KnowledgeBase(context).GetSettingsAsync();
        return new P.SettingsResponse { Settings = KnowledgeProtoMap.ToProto(settings.Settings), Version = settings.Version };
    }

    public override async Task<P.SettingsResponse> SetSettings(P.SetSettingsRequest request, ServerCallContext context)
    {
        var settings = Valid(KnowledgeProtoMap.FromProto(request.Settings));
        var version = await KnowledgeBase(context).SetSettingsAsync(settings);
        return new P.SettingsResponse { Settings = KnowledgeProtoMap.ToProto(settings), Version = version };
    }

    public override async Task<P.EvaluateResponse> Evaluate(P.EvaluateRequest request, ServerCallContext context)
    {
        var maxLength = options.Value.Limits.MaxTextLength;
        if ((TextRules.Require(request.Text, "text", maxLength, "the customer's words to evaluate") ?? TextRules.Characters(request.Text, "text")) is { } badText)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, badText.Message));
        }

        var tenant = GridServerInterceptor.Integrator(context).Tenant;
        var evaluation = await grains.GetGrain<IBotEvaluatorGrain>(tenant).EvaluateAsync(request.Text, Optional(request.Language));
        return KnowledgeProtoMap.ToProto(evaluation);
    }

    public override async Task<P.ListUnansweredQuestionsResponse> ListUnansweredQuestions(P.ListUnansweredQuestionsRequest request, ServerCallContext context)
    {
        var query = Valid(UnansweredQuestionsValidator.Validate(request, clock.GetUtcNow()));
        var tenant = GridServerInterceptor.Integrator(context).Tenant;
        var report = await grains.GetGrain<IUnansweredQuestionsGrain>(tenant).ListAsync(query);
        var response = new P.ListUnansweredQuestionsResponse { TotalMisses = report.TotalMisses };
        response.Groups.AddRange(report.Groups.Select(KnowledgeProtoMap.ToProto));
        return response;
    }

    private IKnowledgeBaseGrain KnowledgeBase(ServerCallContext context) =>
        grains.GetGrain<IKnowledgeBaseGrain>(GridServerInterceptor.Integrator(context).Tenant);

    private static T Valid<T>(Validated<T> result)
        where T : class =>
        result.IsValid ? result.Value : throw new RpcException(new Status(StatusCode.InvalidArgument, result.Error.Message));

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    private static int Limit(int requested) => requested switch
    {
        <= 0 => 100,
        > 500 => 500,
        _ => requested,
    };
}
