using System.Reflection;
using Grid.Edge.Agents;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Grid.Tests.Security;

/// <summary>
/// The agents' hub's methods as SignalR finds them (public instance methods declared by <see cref="AgentHub"/>), and
/// arguments for each that pass the hub's own checks, chosen by parameter name: a new method with a parameter this
/// table does not know fails the tests that use it until it is added here.
/// </summary>
public static class HubCalls
{
    /// <summary>Every method an agent's desk can invoke.</summary>
    public static IReadOnlyList<MethodInfo> Methods { get; } =
    [
        .. typeof(AgentHub).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType == typeof(AgentHub) && !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(AgentHub))
            .OrderBy(m => m.Name, StringComparer.Ordinal),
    ];

    /// <summary>The methods that name a conversation (a parameter <c>conversationId</c>).</summary>
    public static IReadOnlyList<MethodInfo> ConversationMethods { get; } =
        [.. Methods.Where(m => m.GetParameters().Any(p => p.Name == "conversationId"))];

    /// <summary>Arguments for <paramref name="method"/> naming <paramref name="conversationId"/> (and <paramref name="otherConversationId"/>).</summary>
    public static object?[] Arguments(MethodInfo method, string conversationId, string? otherConversationId = null) =>
    [
        .. method.GetParameters().Select(p => p.Name switch
        {
            "conversationId" => conversationId,
            "otherConversationId" => otherConversationId ?? "cnv_" + Guid.NewGuid().ToString("N"),
            "clientMessageId" or "clientNoteId" => "c-" + Guid.NewGuid().ToString("N"),
            "text" => "hello",
            "note" => null,
            "reason" => "the bot knows",
            "presence" => "Available",
            "channel" => "Sms",
            "address" => "+33611112222",
            "queue" => "default",
            "toAgent" or "agent" or "status" or "after" => null,
            "agentId" => "someone",
            "canReply" => false,
            "otherCustomerId" or "customerId" => "cus-someone",
            "afterSeq" => 0L,
            "fromSeq" => 1L,
            "seqs" => null,
            "limit" => 10,
            _ => (object?)Unknown(method, p),
        }),
    ];

    /// <summary>The hub's answer to a call: "ok" or the refusal's message (SignalR's prefix stripped).</summary>
    public static async Task<string> AnswerAsync(HubConnection hub, string method, object?[] args)
    {
        try
        {
            await hub.InvokeCoreAsync<object>(method, args);
            return "ok";
        }
        catch (HubException refused)
        {
            var message = refused.Message;
            var code = message.IndexOf("HubException: ", StringComparison.Ordinal);
            return code < 0 ? message : message[(code + "HubException: ".Length)..];
        }
    }

    private static object Unknown(MethodInfo method, ParameterInfo parameter) =>
        throw new InvalidOperationException($"AgentHub.{method.Name}({parameter.Name}): add an argument for '{parameter.Name}' to HubCalls.Arguments.");
}
