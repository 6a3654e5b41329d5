namespace Grid.Pipeline.Steps;

/// <summary>
/// The last word of the pipeline: a message that no earlier step handled or escalated, in a conversation no human
/// holds yet, goes to a human in the default queue. While no bot step is configured, that is every new or reopened
/// conversation.
/// </summary>
internal sealed class EscalateUnhandledStep : IInboundStep
{
    public string Name => "escalate-unhandled";

    public ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        if (!context.Handled && context.Escalation is null && context.Status is ConversationStatus.New or ConversationStatus.Bot)
        {
            context.Escalate(Name, "default", context.Reopened ? "reopened-by-customer" : "no-bot-answer");
        }

        return ValueTask.CompletedTask;
    }
}
