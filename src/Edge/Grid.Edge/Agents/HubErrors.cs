using Microsoft.AspNetCore.SignalR;

namespace Grid.Edge.Agents;

/// <summary>
/// Hub errors carry a machine-readable code before the sentence: "not_found: Conversation 'x' not found.". Codes:
/// <c>not_found</c>, <c>not_yours</c>, <c>wrong_state</c>, <c>invalid</c>, <c>forbidden</c> (a supervisor's action by an
/// agent), <c>conflict</c> (an idempotency key reused).
/// </summary>
public static class HubErrors
{
    public const string Conflict = "conflict";

    public static HubException Of(string code, string message) => new($"{code}: {message}");

    public static HubException Invalid(string message) => Of(RuleCodes.Invalid, message);

    public static HubException NotFound(string conversationId) => Of(RuleCodes.NotFound, $"Conversation '{conversationId}' not found.");
}
