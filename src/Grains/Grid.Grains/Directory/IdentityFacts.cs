using Grid.Pipeline;

namespace Grid.CustomerDirectory;

/// <summary>
/// The facts a conversation keeps about who its customer is (docs/triage.md, "Identification"): journaled by the
/// "identify" step from the identification of an unknown address's first message, and when an agent confirms or an
/// admin undoes it. They show in the agent's offer and on the desk with the conversation's other facts.
/// </summary>
internal static class IdentityFacts
{
    /// <summary>The customer identified (or suggested).</summary>
    public const string Customer = "identity.customer";

    /// <summary>"linked" (confident, the address now resolves to it), "suggested" (an agent may confirm), "confirmed", "unlinked".</summary>
    public const string Status = "identity.status";

    public const string Confidence = "identity.confidence";

    public const string Evidence = "identity.evidence";

    public const string ConfirmedBy = "identity.confirmed_by";

    public const string UnlinkedBy = "identity.unlinked_by";

    public static Dictionary<string, string> Of(CustomerIdentification match) => new(StringComparer.Ordinal)
    {
        [Customer] = match.CustomerId,
        [Status] = match.Confident ? "linked" : "suggested",
        [Confidence] = CustomerIdentifier.Format(match.Confidence),
        [Evidence] = match.Evidence,
    };
}

/// <summary>
/// Pipeline step "identify": journals who the first message of an unknown address identified (set on the message by the
/// ingest grain) as facts of the conversation.
/// </summary>
internal sealed class IdentifyStep : IInboundStep
{
    public string Name => "identify";

    public ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        if (context.Message.Identification is { } match)
        {
            context.SetFacts(Name, IdentityFacts.Of(match));
        }

        return ValueTask.CompletedTask;
    }
}
