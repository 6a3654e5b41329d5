using Grid.Hosting;

namespace Grid.Routing;

/// <summary>
/// A tenant's routing configuration in one persistent state: queues, entry rules, agents' profiles, and the agents seen
/// connecting. Each change is validated (<see cref="RoutingConfigValidator"/>) before anything is stored and answered once
/// written; a queue's change is sent to that queue one-way. Every list and map is stored as a plain
/// <see cref="List{T}"/> or <see cref="Dictionary{TKey, TValue}"/>: the grain storage writes each value's type with it,
/// and a caller's collection-expression type would not read back after a restart.
/// </summary>
internal sealed class RoutingConfigGrain(
    [PersistentState("routing", GridSiloExtensions.StorageName)] IPersistentState<RoutingConfigState> state) : Grain, IRoutingConfigGrain
{
    private const int MaxSeen = 5_000;

    private RoutingConfigState S => state.State;

    public Task<RoutingConfig> GetAsync() => Task.FromResult(new RoutingConfig(S.Queues, S.Rules, S.Agents, S.Version));

    public Task<long> GetVersionAsync() => Task.FromResult(S.Version);

    public async Task<long> SetQueueAsync(QueueDefinition queue)
    {
        if (RoutingConfigValidator.Check(queue) is { } problem)
        {
            throw problem;
        }

        var index = S.Queues.FindIndex(q => q.Name == queue.Name);
        if (index < 0 && S.Queues.Count >= RoutingConfigValidator.MaxQueues)
        {
            throw new Escalation.PolicyRuleException(Escalation.PolicyRuleException.Invalid, $"a tenant has at most {RoutingConfigValidator.MaxQueues} queues", "queue.name");
        }

        var stored = Storable(queue);
        if (index < 0)
        {
            S.Queues.Add(stored);
        }
        else
        {
            S.Queues[index] = stored;
        }

        await WriteAsync();
        Queue(queue.Name).ConfigureAsync(stored).Ignore();
        return S.Version;
    }

    public async Task<long> SetEntryRulesAsync(IReadOnlyList<EntryRule> rules)
    {
        if (RoutingConfigValidator.Check(rules) is { } problem)
        {
            throw problem;
        }

        S.Rules = rules.ToList();
        await WriteAsync();
        return S.Version;
    }

    public async Task<long> SetAgentAsync(AgentProfile agent)
    {
        if (RoutingConfigValidator.Check(agent) is { } problem)
        {
            throw problem;
        }

        var index = S.Agents.FindIndex(a => a.AgentId == agent.AgentId);
        if (index < 0 && S.Agents.Count >= RoutingConfigValidator.MaxAgents)
        {
            throw new Escalation.PolicyRuleException(Escalation.PolicyRuleException.Invalid, $"a tenant has at most {RoutingConfigValidator.MaxAgents} agent profiles", "agent.agent_id");
        }

        var stored = agent with
        {
            Skills = agent.Skills.ToList(),
            Languages = agent.Languages.ToList(),
            Capacity = agent.Capacity.ToDictionary(c => c.Key, c => c.Value),
        };
        if (index < 0)
        {
            S.Agents.Add(stored);
        }
        else
        {
            S.Agents[index] = stored;
        }

        await WriteAsync();
        return S.Version;
    }

    public async Task SeenAgentAsync(string agentId)
    {
        if (S.Seen.Contains(agentId) || S.Seen.Count >= MaxSeen)
        {
            return;
        }

        S.Seen.Add(agentId);
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<string>> ListAgentIdsAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. S.Agents.Select(a => a.AgentId).Union(S.Seen, StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    public Task SendDefinitionAsync(string queue)
    {
        Queue(queue).ConfigureAsync(S.Queues.FirstOrDefault(q => q.Name == queue)).Ignore();
        return Task.CompletedTask;
    }

    private async Task WriteAsync()
    {
        S.Version++;
        await state.WriteOrDeactivateAsync(this);
    }

    private IQueueGrain Queue(string name) => GrainFactory.GetGrain<IQueueGrain>(GridKeys.Of(this.GetPrimaryKeyString(), name));

    private static QueueDefinition Storable(QueueDefinition q) => q with
    {
        Skills = q.Skills.ToList(),
        Languages = q.Languages.ToList(),
        OverflowDropsSkills = q.OverflowDropsSkills?.ToList(),
    };
}

[GenerateSerializer, Alias("grid.RoutingConfigState")]
internal sealed class RoutingConfigState
{
    [Id(0)] public List<QueueDefinition> Queues { get; set; } = [];

    [Id(1)] public List<EntryRule> Rules { get; set; } = [];

    [Id(2)] public List<AgentProfile> Agents { get; set; } = [];

    /// <summary>Agents who connected (supervisors list them even without a profile).</summary>
    [Id(3)] public List<string> Seen { get; set; } = [];

    [Id(4)] public long Version { get; set; }
}
