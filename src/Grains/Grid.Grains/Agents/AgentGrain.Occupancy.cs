namespace Grid.Agents;

/// <summary>The agents' occupancy gauges (load and, while available, capacity per channel) kept in step with this activation.</summary>
internal sealed partial class AgentGrain
{
    /// <summary>Keeps the occupancy gauges (load and, while available, capacity per channel) in step with this activation.</summary>
    private void Count()
    {
        Uncount();
        var me = Routing();
        var capacity = me.Presence == AgentPresence.Available ? me.Capacity.ToDictionary() : [];
        counted = (me.Load.ToDictionary(), capacity);
        foreach (var (channel, n) in counted.Value.Load)
        {
            GridMetrics.AgentLoad.WithLabels(GridMetrics.Label(channel)).Inc(n);
        }

        foreach (var (channel, n) in counted.Value.Capacity)
        {
            GridMetrics.AgentCapacity.WithLabels(GridMetrics.Label(channel)).Inc(n);
        }
    }

    private void Uncount()
    {
        if (counted is not { } before)
        {
            return;
        }

        foreach (var (channel, n) in before.Load)
        {
            GridMetrics.AgentLoad.WithLabels(GridMetrics.Label(channel)).Dec(n);
        }

        foreach (var (channel, n) in before.Capacity)
        {
            GridMetrics.AgentCapacity.WithLabels(GridMetrics.Label(channel)).Dec(n);
        }

        counted = null;
    }
}
