using Google.Protobuf.Reflection;
using Grid.CustomerDirectory;
using Grid.Edge.Grpc.Validation;
using Grid.Triage;
using Grpc.Core;
using P = Grid.Protos.V1;

namespace Grid.Edge.Grpc;

/// <summary>
/// The caller's tenant's customer directory (admin scope, checked by <see cref="GridServerInterceptor"/>): imports and
/// reads in its <see cref="IDirectoryGrain"/>, identification without side effect, the reference patterns shared with
/// <see cref="TriageGrpcService"/>, and unlinking an address through the tenant's ingest grain.
/// </summary>
[BindServiceMethod(typeof(DirectoryGrpcService), nameof(BindService))]
public sealed class DirectoryGrpcService(IGrainFactory grains) : P.DirectoryService.DirectoryServiceBase
{
    /// <summary>A document of 16 MiB of characters may take up to 4 bytes each in UTF-8; the request is capped at 20 MiB.</summary>
    public const int MaxReceiveMessageSize = 20 * 1024 * 1024;

    /// <summary>The largest page of ListDirectoryCustomers (the directory grain clamps to the same).</summary>
    public const int MaxPage = 500;

    public static void BindService(ServiceBinderBase binder, P.DirectoryService.DirectoryServiceBase? service) =>
        P.DirectoryService.BindService(new GuardedServiceBinder(binder), service);

    public static ServiceDescriptor Descriptor => P.DirectoryService.Descriptor;

    public override async Task<P.ImportDirectoryResponse> ImportDirectory(P.ImportDirectoryRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.Format, "format", 8, "\"json\" or \"csv\"")
            ?? TextRules.Require(request.Document, "document", int.MaxValue, "the customers to import"));
        var summary = await grains.GetGrain<IDirectoryGrain>(Tenant(context)).ImportAsync(request.Format, request.Document);
        return new P.ImportDirectoryResponse
        {
            Customers = summary.Customers,
            Created = summary.Created,
            Updated = summary.Updated,
            Unchanged = summary.Unchanged,
            AddressesLinked = summary.AddressesLinked,
            CustomersMerged = summary.CustomersMerged,
        };
    }

    public override async Task<P.DirectoryCustomer> GetDirectoryCustomer(P.GetDirectoryCustomerRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.CustomerId, "customer_id", 64, "the customer's id"));
        var customer = await grains.GetGrain<IDirectoryGrain>(Tenant(context)).GetAsync(request.CustomerId)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"customer '{request.CustomerId}' is not in this tenant's directory"));
        return ToProto(customer);
    }

    public override async Task<P.ListDirectoryCustomersResponse> ListDirectoryCustomers(P.ListDirectoryCustomersRequest request, ServerCallContext context)
    {
        if (request.Limit is < 0 or > MaxPage)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"limit: {request.Limit} is out of range; give 1 to {MaxPage} (0 means 100)"));
        }

        var page = await grains.GetGrain<IDirectoryGrain>(Tenant(context)).ListAsync(request.After.Length == 0 ? null : request.After, request.Limit == 0 ? 100 : request.Limit);
        var response = new P.ListDirectoryCustomersResponse { NextAfter = page.NextAfter ?? "" };
        response.Customers.AddRange(page.Customers.Select(ToProto));
        return response;
    }

    public override async Task<P.IdentifyResponse> Identify(P.IdentifyRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.Text, "text", TriageLimits.MaxTextChars, "the message")
            ?? TextRules.MaxLength(request.Subject, "subject", TriageLimits.MaxSubjectChars)
            ?? TextRules.MaxLength(request.Sender, "sender", 320)
            ?? TextRules.Characters(request.Text, "text")
            ?? TextRules.Characters(request.Subject, "subject"));
        var channel = ProtoMap.FromProto(request.Channel) ?? Channel.Email;
        var result = await grains.GetGrain<IDirectoryGrain>(Tenant(context))
            .IdentifyAsync(request.Subject.Length == 0 ? null : request.Subject, request.Text, channel, request.Sender.Length == 0 ? null : request.Sender);
        var response = new P.IdentifyResponse { Unresolved = result.Unresolved ?? "" };
        response.References.AddRange(result.References.Select(r => new P.Reference { Kind = r.Kind, Value = r.Value, Canonical = r.Canonical }));
        if (result.Match is { } match)
        {
            response.Customer = new P.CustomerMatch { CustomerId = match.CustomerId, Confidence = match.Confidence, Evidence = match.Evidence, Kind = match.Kind };
            response.Confident = match.Confident;
        }

        return response;
    }

    public override async Task<P.SetReferencePatternsResponse> SetReferencePatterns(P.SetReferencePatternsRequest request, ServerCallContext context)
    {
        List<ReferencePattern> patterns = [.. request.Patterns.Select(p => new ReferencePattern(p.Kind, p.Format, p.DetectRegex, p.Canonical))];
        return new P.SetReferencePatternsResponse { Version = await grains.GetGrain<IReferencePatternsGrain>(Tenant(context)).SetAsync(patterns) };
    }

    public override async Task<P.ReferencePatterns> GetReferencePatterns(P.GetReferencePatternsRequest request, ServerCallContext context) =>
        TriageGrpcService.ToProto(await grains.GetGrain<IReferencePatternsGrain>(Tenant(context)).GetAsync());

    public override async Task<P.UnlinkAddressResponse> UnlinkAddress(P.UnlinkAddressRequest request, ServerCallContext context)
    {
        Check(TextRules.Require(request.CustomerId, "customer_id", 64, "the customer the address is linked to")
            ?? TextRules.Require(request.Address, "address", 320, "the address to unlink"));
        var channel = ProtoMap.FromProto(request.Channel)
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "channel: required (the channel of the address: CHANNEL_EMAIL, CHANNEL_SMS…)"));

        var integrator = GridServerInterceptor.Integrator(context);
        await grains.GetGrain<IIngestGrain>(integrator.Tenant)
            .UnlinkAddressAsync(integrator.Tenant, request.CustomerId, channel, request.Address, "admin:" + integrator.Name);
        return new P.UnlinkAddressResponse();
    }

    private static P.DirectoryCustomer ToProto(DirectoryCustomer customer)
    {
        var result = new P.DirectoryCustomer
        {
            CustomerId = customer.Id,
            Company = customer.Company ?? "",
            Name = customer.Name ?? "",
            AccountNumber = customer.AccountNumber ?? "",
            Tier = customer.Tier ?? "",
            Language = customer.Language ?? "",
            Country = customer.Country ?? "",
        };
        result.Tags.AddRange(customer.Tags);
        result.EmailDomains.AddRange(customer.EmailDomains);
        result.Contacts.AddRange(customer.Contacts.Select(c => new P.DirectoryContact { Name = c.Name ?? "", Email = c.Email ?? "", Phone = c.Phone ?? "" }));
        result.Invoices.AddRange(customer.Invoices.Select(i => new P.DirectoryInvoice
        {
            Number = i.Number,
            Amount = i.Amount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Currency = i.Currency ?? "",
            Date = i.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        }));
        result.Contracts.AddRange(customer.Contracts);
        result.Orders.AddRange(customer.Orders);
        return result;
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
