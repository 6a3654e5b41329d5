using Grid.Bot;
using Grid.Conversations;
using Grid.Escalation;

namespace Grid.Pipeline.Steps;

/// <summary>
/// Books callbacks (pipeline step "callback", before the bot), while no person holds the conversation: an integrator's
/// callback request (a web form), or a customer who asks in words to be called back ("rappelez-moi demain à 10h",
/// "call me back tomorrow morning") and names a time (<see cref="CallbackTime"/>) or writes outside opening hours.
/// The time moves to the next opening when people do not answer then. The customer is told when they will be called,
/// and at that time the conversation goes to a person as a callback task (<see cref="ConversationClock"/>). A request in
/// words without a time during opening hours is left to the bot's person-request rule: someone answers now.
/// </summary>
internal sealed class CallbackStep(ITenantPolicies policies) : IInboundStep
{
    private static readonly HumanRequestDetector Requests = new();
    private static readonly TextNormalizer Normalizer = new();

    public string Name => "callback";

    public async ValueTask DecideAsync(InboundContext context, CancellationToken cancellationToken)
    {
        var message = context.Message;
        if (context.Status is ConversationStatus.WithAgent or ConversationStatus.Closed)
        {
            return;
        }

        if (message.Callback is null && !IsCallbackRequest(message.Text, context.Language))
        {
            return;
        }

        var policy = await policies.GetAsync(message.Tenant, EscalationStep.PolicyAge);
        var zone = policy.Schedule?.Zone ?? TimeZoneInfo.Utc;
        var now = context.Now;
        DateTimeOffset? wanted;
        string source;
        if (message.Callback is { } request)
        {
            (wanted, source) = (request.At is { } at && at > now ? at : now, "request");
        }
        else
        {
            var closed = policy.Schedule is { } schedule && !schedule.IsOpen(now);
            wanted = CallbackTime.Parse(message.Text, now, zone) ?? (closed ? now : null);
            source = "message";
        }

        if (wanted is not { } time || (policy.Schedule is { } hours ? hours.NextOpening(time) : time) is not { } due)
        {
            return;
        }

        var number = message.Callback?.Number ?? (Addresses.KindOf(message.Channel) == AddressKind.Phone ? message.SenderAddress : CallbackTime.PhoneIn(message.Text));
        context.BookCallback(Name, due, number, source);
        var local = AcknowledgeStep.Format(TimeZoneInfo.ConvertTime(due, zone), context.Language == "fr");
        context.Reply(Name, CustomerNotices.CallbackScheduled(context.Language, local, policy.Wording), EntryKind.SystemMessage, NoticePurposes.CallbackScheduled);
    }

    private static bool IsCallbackRequest(string text, string language) =>
        text.Length > 0 && Requests.IsCallbackRequest(Normalizer.Normalize(text, language));
}
