using Grid.Hosting;
using Orleans.Hosting;

namespace Grid.Silo;

/// <summary>
/// Orleans' Kubernetes hosting (<c>Microsoft.Orleans.Hosting.Kubernetes</c>, docs/architecture.md, "Operations"): a
/// cluster silo running in a pod watches the pods of its cluster (labels orleans/serviceId and orleans/clusterId) and
/// declares the silo of a deleted pod dead at once instead of after the missed probes, and names itself after its pod.
/// Used only in cluster mode, when Kubernetes' variables are there (POD_NAME, or KUBERNETES_SERVICE_HOST that every pod
/// gets) and Grid:Orleans:Kubernetes is not false. Outside Kubernetes nothing changes.
/// </summary>
public static class KubernetesHosting
{
    public const string Switch = "Grid:Orleans:Kubernetes";

    /// <summary>Whether this silo uses Kubernetes hosting: cluster mode, in a pod, not switched off.</summary>
    public static bool Enabled(IConfiguration configuration, GridMode mode, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var inPod = !string.IsNullOrEmpty(environment("POD_NAME")) || !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"));
        return mode == GridMode.Cluster && inPod && (configuration.GetValue<bool?>(Switch) ?? true);
    }

    /// <summary>
    /// Adds Kubernetes hosting when <see cref="Enabled"/>. The package takes the cluster and service ids from
    /// ORLEANS_CLUSTER_ID and ORLEANS_SERVICE_ID when set: they must then be Grid:Orleans:ClusterId and ServiceId, or the
    /// silo would join another cluster than its edges (refused at start, one line).
    /// </summary>
    public static ISiloBuilder UseGridKubernetes(this ISiloBuilder silo, IConfiguration configuration, GridRuntimeOptions runtime)
    {
        if (!Enabled(configuration, runtime.Mode))
        {
            return silo;
        }

        foreach (var (variable, key, value) in new[]
                 {
                     ("ORLEANS_CLUSTER_ID", "Grid:Orleans:ClusterId", runtime.Orleans.ClusterId),
                     ("ORLEANS_SERVICE_ID", "Grid:Orleans:ServiceId", runtime.Orleans.ServiceId),
                 })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } set && set != value)
            {
                throw new GridStartupException($"{variable} is '{set}' but {key} is '{value}': give both the same value (the pod's orleans/ labels too)");
            }
        }

        return silo.UseKubernetesHosting();
    }
}
