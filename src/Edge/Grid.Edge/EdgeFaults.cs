namespace Grid.Edge;

/// <summary>What the edge's background loops wait out and retry: the cluster or its storage unavailable for a while.</summary>
internal static class EdgeFaults
{
    public static bool IsTransient(Exception exception) =>
        exception is OrleansException or TimeoutException or StorageFaultException { Transient: true };
}
