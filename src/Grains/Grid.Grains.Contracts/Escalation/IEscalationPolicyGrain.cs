namespace Grid.Escalation;

/// <summary>
/// A tenant's escalation policy (key: the tenant). A change is validated as a whole and answered once stored; refusals
/// are <see cref="PolicyRuleException"/>s.
/// </summary>
[Alias("grid.IEscalationPolicyGrain")]
public interface IEscalationPolicyGrain : IGrainWithStringKey
{
    /// <summary>The policy (the defaults until set) and its version.</summary>
    [Alias("GetAsync"), ReadOnly]
    Task<VersionedEscalationPolicy> GetAsync();

    /// <summary>Replaces the policy; returns the new version.</summary>
    [Alias("SetAsync")]
    Task<long> SetAsync(EscalationPolicy policy);

    /// <summary>The version only (cheap: silos check it before using their copy).</summary>
    [Alias("GetVersionAsync"), ReadOnly]
    Task<long> GetVersionAsync();
}
