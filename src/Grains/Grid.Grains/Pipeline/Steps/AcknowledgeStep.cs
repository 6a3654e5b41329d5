using Grid.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Pipeline.Steps;

/// <summary>
/// Acknowledges receipt when a new conversation goes to a human, in the customer's language, so the customer knows
/// the message arrived and someone will answer.
/// </summary>
internal sealed class AcknowledgeStep(IOptions<GridRuntimeOptions> options) : IInboundStep
{
    public string Name => "acknowledge";

    public ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        var acknowledgement = options.Value.Conversations.Acknowledgement;
        if (acknowledgement.Enabled && context.Status == ConversationStatus.New && context.Escalation is not null)
        {
            var text = context.Language == "fr" ? acknowledgement.French : acknowledgement.English;
            context.Reply(Name, text, EntryKind.SystemMessage, "acknowledgement");
        }

        return ValueTask.CompletedTask;
    }
}
