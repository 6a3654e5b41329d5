using Grid.Bot;
using Grid.Edge.Auth;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Grid.Edge.Grpc;

/// <summary>
/// For Grid's integrator services: authenticates the API key (UNAUTHENTICATED otherwise), checks that the key has the
/// scope the service needs (PERMISSION_DENIED otherwise, see <see cref="ApiScopes"/>) and maps grain
/// failures to status codes with a message a person can act on. Refusals (bad input, unknown ids, rule violations,
/// idempotency conflicts) are expected: each is logged at Debug, and at Information with the method, status and client
/// address at most once per address per <see cref="RefusalLog.Window"/>. A missing or unknown API key is a Warning with
/// the client's address (never the key), rate-limited the same way. Only faults are logged with their exception.
/// </summary>
public sealed class GridServerInterceptor(
    ApiKeyAuthenticator authenticator, RefusalLog refusals, CallRateLimits limits, IGrainFactory grains, Shutdown.EdgeDrain drain,
    ILogger<GridServerInterceptor> logger) : Interceptor
{
    private const string IdentityKey = "grid.integrator";

    /// <summary>The integrator authenticated for this call.</summary>
    public static IntegratorIdentity Integrator(ServerCallContext context) =>
        (IntegratorIdentity)context.UserState[IdentityKey];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Enter(context);
        try
        {
            var scope = Authenticate(context);
            var response = await continuation(request, context);
            EdgeMetrics.CountCall(context.Method, StatusCode.OK);
            if (AdminAudit.IsAudited(context.Method, scope))
            {
                await AuditAsync(request, response, context);
            }

            return response;
        }
        catch (Exception ex) when (Map(ex, context) is { } mapped)
        {
            EdgeMetrics.CountCall(context.Method, mapped.StatusCode);
            throw mapped;
        }
        catch (RpcException refused)
        {
            EdgeMetrics.CountCall(context.Method, refused.StatusCode);
            throw;
        }
        finally
        {
            drain.Exit();
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Enter(context);
        try
        {
            Authenticate(context);
            await continuation(request, responseStream, context);
            EdgeMetrics.CountCall(context.Method, StatusCode.OK);
        }
        catch (Exception ex) when (Map(ex, context) is { } mapped)
        {
            EdgeMetrics.CountCall(context.Method, mapped.StatusCode);
            throw mapped;
        }
        catch (RpcException refused)
        {
            EdgeMetrics.CountCall(context.Method, refused.StatusCode);
            throw;
        }
        finally
        {
            drain.Exit();
        }
    }

    /// <summary>Counts the call in flight, or refuses it with UNAVAILABLE once the edge is shutting down (<see cref="Shutdown.EdgeDrain"/>).</summary>
    private void Enter(ServerCallContext context)
    {
        if (!drain.TryEnter())
        {
            EdgeMetrics.CountCall(context.Method, StatusCode.Unavailable);
            throw new RpcException(new Status(StatusCode.Unavailable, "This Grid edge is shutting down: call again (another edge answers); retries with the same idempotency key are safe."));
        }
    }

    /// <summary>
    /// Records a successful admin call in the tenant's audit log (<see cref="AdminAudit"/>: who, what, the ids, the counts).
    /// The change is made by then: a failure to record it is logged as an error, and the caller still gets its answer
    /// (failing the call would have it retry a change that is done).
    /// </summary>
    private async Task AuditAsync(object request, object response, ServerCallContext context)
    {
        var integrator = Integrator(context);
        try
        {
            await grains.GetGrain<Privacy.IAuditLogGrain>(integrator.Tenant)
                .RecordAsync(integrator.Name, AdminAudit.Action(context.Method), AdminAudit.Targets(request), AdminAudit.Details(response));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Call {Method} of integrator {Integrator} succeeded but could not be recorded in the audit log", context.Method, integrator.Name);
        }
    }

    /// <summary>Authenticates the call and checks its scope; returns the scope the method needs.</summary>
    private string Authenticate(ServerCallContext context)
    {
        var key = context.RequestHeaders.GetValue(ApiKeyAuthenticator.Header);
        if (string.IsNullOrEmpty(key))
        {
            LogRefusedKey(context, "missing");
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"Missing API key: send it in the '{ApiKeyAuthenticator.Header}' metadata header."));
        }

        if (authenticator.Authenticate(key, out var bucket) is not { } identity)
        {
            LogRefusedKey(context, "unknown");
            throw new RpcException(new Status(StatusCode.Unauthenticated, "Unknown API key: check the key configured for this integrator."));
        }

        var (service, scope) = ApiScopes.Required(context.Method);
        if (scope is null)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{service} is not open to API keys."));
        }

        if (!ApiScopes.Allows(identity, service, scope))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"this key lacks the '{scope}' scope that {service} needs; add '{scope}' to Grid:Integrators:{identity.Name}:Scopes, or call with a key that has it."));
        }

        if (!limits.TryKeyCall(bucket, out var retryAfter))
        {
            var wait = (long)Math.Ceiling(retryAfter.TotalMilliseconds);
            throw new RpcException(
                new Status(StatusCode.ResourceExhausted, $"this API key of integrator '{identity.Name}' is over its rate limit (Grid:RateLimits:IntegratorPerSecond, per key); retry in {wait} ms"),
                new Metadata { { "retry-after-ms", wait.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        }

        context.UserState[IdentityKey] = identity;
        return scope;
    }

    private RpcException? Map(Exception exception, ServerCallContext context)
    {
        if (RuleStatus(exception) is { } refusal)
        {
            LogRefusal(context, refusal);
            return new RpcException(new Status(refusal, exception.Message));
        }

        switch (exception)
        {
            case RpcException { StatusCode: StatusCode.Unauthenticated }:
                return null; // logged by Authenticate, with the client's address
            case RpcException refused:
                LogRefusal(context, refused.StatusCode);
                return null;
            case StorageFaultException { Transient: true } storage:
                logger.LogWarning("Call {Method} failed: storage unavailable", context.Method);
                return new RpcException(new Status(StatusCode.Unavailable, "Grid could not complete the call (" + storage.Message + ")."));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled by the client."));
            case TimeoutException or OrleansException or System.Data.Common.DbException:
                logger.LogWarning(exception, "Call {Method} failed: storage or cluster unavailable", context.Method);
                return new RpcException(new Status(StatusCode.Unavailable,
                    "Grid could not complete the call (cluster or storage unavailable); retry with the same idempotency key."));
            default:
                logger.LogError(exception, "Call {Method} failed", context.Method);
                return new RpcException(new Status(StatusCode.Internal, "Grid failed to process the call; retry with the same idempotency key."));
        }
    }

    /// <summary>
    /// The status of a refusal by one of Grid's rules — input or state that retrying cannot fix, whose message says what
    /// to change — or null for any other exception.
    /// </summary>
    private static StatusCode? RuleStatus(Exception exception) => exception switch
    {
        IdempotencyConflictException or ConversationRuleException => StatusCode.FailedPrecondition,
        KnowledgeRuleException { Code: KnowledgeErrorCodes.NotFound } => StatusCode.NotFound,
        KnowledgeRuleException { Code: KnowledgeErrorCodes.AlreadyExists } => StatusCode.AlreadyExists,
        KnowledgeRuleException { Code: KnowledgeErrorCodes.LimitReached } => StatusCode.ResourceExhausted,
        KnowledgeRuleException { Code: KnowledgeErrorCodes.Unavailable } => StatusCode.Unavailable,
        Triage.TriageRuleException { Code: Triage.TriageErrorCodes.NoModel } => StatusCode.FailedPrecondition,
        Triage.TriageRuleException { Code: Triage.TriageErrorCodes.LimitReached } => StatusCode.ResourceExhausted,
        CustomerDirectory.DirectoryRuleException { Code: CustomerDirectory.DirectoryRuleException.NotFound } => StatusCode.NotFound,
        CustomerDirectory.DirectoryRuleException { Code: CustomerDirectory.DirectoryRuleException.LimitReached } => StatusCode.ResourceExhausted,
        Privacy.PrivacyRuleException { Code: Privacy.PrivacyRuleException.NotFound } => StatusCode.NotFound,
        Privacy.PrivacyRuleException { Code: Privacy.PrivacyRuleException.NoPolicy } => StatusCode.FailedPrecondition,
        Proactive.ProactiveRuleException { Code: Proactive.ProactiveRuleException.NotFound } => StatusCode.NotFound,
        Proactive.ProactiveRuleException { Code: Proactive.ProactiveRuleException.Conflict or Proactive.ProactiveRuleException.WrongState } => StatusCode.FailedPrecondition,
        Escalation.PolicyRuleException { Code: Escalation.PolicyRuleException.NotFound } => StatusCode.NotFound,
        KnowledgeRuleException or Triage.TriageRuleException or CustomerDirectory.DirectoryRuleException or Privacy.PrivacyRuleException
            or Proactive.ProactiveRuleException or Escalation.PolicyRuleException or StorageFaultException { Transient: false } => StatusCode.InvalidArgument,
        _ => null,
    };

    /// <summary>
    /// An expected refusal: the method, status and client address only. The status's message goes to the caller, not to
    /// the log: it may quote ids the caller sent. Each at Debug; at Information rate-limited per client address.
    /// </summary>
    private void LogRefusal(ServerCallContext context, StatusCode status)
    {
        if (status == StatusCode.Cancelled)
        {
            return;
        }

        var address = RemoteAddress(context);
        logger.LogDebug("Call {Method} from {RemoteAddress} refused with {StatusCode}", context.Method, address, status);
        if (refusals.ShouldLog("grpc", address, out var suppressed))
        {
            if (suppressed == 0)
            {
                logger.LogInformation("Call {Method} from {RemoteAddress} refused with {StatusCode}", context.Method, address, status);
            }
            else
            {
                logger.LogInformation("Call {Method} from {RemoteAddress} refused with {StatusCode}; {Suppressed} more refusals from this address not logged",
                    context.Method, address, status, suppressed);
            }
        }
    }

    /// <summary>
    /// A missing or unknown API key: a Warning (someone may be guessing keys) with the client's address and never the key,
    /// at most once per address per <see cref="RefusalLog.Window"/> with the count of those not logged since; each at Debug.
    /// </summary>
    private void LogRefusedKey(ServerCallContext context, string reason)
    {
        var address = RemoteAddress(context);
        logger.LogDebug("Call {Method} from {RemoteAddress} refused: {Reason} API key", context.Method, address, reason);
        if (refusals.ShouldLog("api-key", address, out var suppressed))
        {
            if (suppressed == 0)
            {
                logger.LogWarning("Call {Method} from {RemoteAddress} refused: {Reason} API key", context.Method, address, reason);
            }
            else
            {
                logger.LogWarning("Call {Method} from {RemoteAddress} refused: {Reason} API key; {Suppressed} more calls from this address refused for their API key and not logged",
                    context.Method, address, reason, suppressed);
            }
        }
    }

    private static string RemoteAddress(ServerCallContext context) =>
        RefusalLog.Address(context.GetHttpContext()?.Connection.RemoteIpAddress);
}
