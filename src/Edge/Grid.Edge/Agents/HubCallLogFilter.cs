using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Grid.Edge.Agents;

/// <summary>
/// Logs agents' hub calls that do not succeed. A <see cref="HubException"/> is an expected refusal (an action out of
/// turn, bad input), logged by the hub itself (rate-limited, see <see cref="RefusalLog"/>) and here at Debug with the
/// method only; anything else is a fault, logged at Error with its exception. SignalR's own log of failed invocations, which logs every refusal as an error with its stack
/// trace, is turned down in <see cref="GridEdgeExtensions.AddGridEdge"/>.
/// </summary>
public sealed class HubCallLogFilter(ILogger<HubCallLogFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException)
        {
            logger.LogDebug("Hub method {HubMethod} refused", invocationContext.HubMethodName);
            throw;
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub method {HubMethod} failed", invocationContext.HubMethodName);
            throw;
        }
    }
}
