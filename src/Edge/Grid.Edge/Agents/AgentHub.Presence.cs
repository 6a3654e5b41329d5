using Grid.Edge.Auth;

namespace Grid.Edge.Agents;

/// <summary>The agent's own presence and state.</summary>
public sealed partial class AgentHub
{
    /// <summary>Sets presence: "Available", "Busy", "Away" or "Offline" (see <see cref="SetStatus"/> to give a reason).</summary>
    [HubRole(AgentRole.Agent)]
    public async Task<AgentDto> SetPresence(string presence)
    {
        if (!Enum.TryParse<AgentPresence>(presence, ignoreCase: true, out var value) || !Enum.IsDefined(value))
        {
            throw Refuse(HubErrors.Invalid($"Unknown presence '{presence}': use Available, Busy, Away or Offline."));
        }

        var agent = Agent();
        return AgentDto.From(await grains.GetGrain<IAgentGrain>(agent.Key).SetPresenceAsync(value, agent.DisplayName));
    }

    /// <summary>
    /// Sets presence with a reason: <paramref name="presence"/> "Available", "Busy" (connected, no new offers), "Away" or
    /// "Offline"; <paramref name="reason"/> optional (at most 100 characters: "lunch", "training"), shown to supervisors.
    /// </summary>
    [HubRole(AgentRole.Agent)]
    public async Task<AgentDto> SetStatus(string presence, string? reason)
    {
        if (!Enum.TryParse<AgentPresence>(presence, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(presence, out _))
        {
            throw Refuse(HubErrors.Invalid($"Unknown presence '{Shorten(presence ?? "")}': use Available, Busy, Away or Offline."));
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > 100 } || (reason is not null && reason.Any(char.IsControl)))
        {
            throw Refuse(HubErrors.Invalid("reason must be at most 100 characters without control characters."));
        }

        var agent = Agent();
        return AgentDto.From(await grains.GetGrain<IAgentGrain>(agent.Key).SetStatusAsync(value, reason, agent.DisplayName));
    }

    /// <summary>The agent's own state.</summary>
    [HubRole(AgentRole.Agent)]
    public async Task<AgentDto> GetMe() => AgentDto.From(await grains.GetGrain<IAgentGrain>(Agent().Key).GetAsync());
}
