namespace Grid;

/// <summary>An agent's presence. Values are stored: never renumber.</summary>
[GenerateSerializer]
public enum AgentPresence
{
    Offline = 0,
    Available = 1,
    Away = 2,

    /// <summary>Connected and working, taking no new offers (in a call, after-call work).</summary>
    Busy = 3,
}
