namespace Grid;

/// <summary>The idempotency sources of the journal: who chose the key.</summary>
internal static class InboundKeys
{
    /// <summary>Inbound messages: the integrator's external message id.</summary>
    public static string Source(string integrator) => "in:" + integrator;

    /// <summary>Agent replies: the client message id the agent's client chose.</summary>
    public static string AgentSource(string agentId) => "agent:" + agentId;

    /// <summary>Channel events (receipts, calls): the integrator's external event id.</summary>
    public static string EventSource(string integrator) => "evt:" + integrator;
}
