using Grid.Bot;
using Grid.Conversations.Events;
using Grid.Pipeline.Steps;

namespace Grid.Conversations.Effects;

/// <summary>
/// Sends the tenant's <see cref="IUnansweredQuestionsGrain"/> each customer message the bot could not answer, without
/// waiting (one-way: the report may miss one, the conversation never waits for it). A miss is a unit with the
/// customer's message and either the bot's request to put it another way (<see cref="EscalationStep.RephrasePurpose"/>)
/// or the escalation after the tenant's limit of misses in a row (<see cref="EscalationStep.NoMatchLimitReason"/>);
/// both are decided only while the bot holds the conversation and when the tenant has a knowledge base.
/// </summary>
/// <remarks>
/// Not misses, by what marks them: an answer, a flow's turn or a clarification (the base has entries close to the
/// question: the customer is asked to pick one), a greeting or thanks (answered in kind), a request for a person
/// (<c>asked-for-human</c>), a conversation the screening sent to a person (tier, sentiment: the bot did not run), a
/// tenant without a knowledge base (<c>no-bot-answer</c>: there is no bot to miss), a satisfaction rating (journaled
/// as <c>CsatRecorded</c> without the pipeline), and every message while a person holds the conversation (neither
/// the bot nor the escalation step runs then; checked here too).
/// </remarks>
internal sealed class UnansweredQuestionEffect : IConversationEffect
{
    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        if (unit.AssignedBefore is not null)
        {
            return;
        }

        CustomerWrote? message = null;
        var missed = false;
        foreach (var (_, e) in unit.Events)
        {
            switch (e)
            {
                case CustomerWrote wrote:
                    message = wrote;
                    break;
                case BotAnswered { Purpose: EscalationStep.RephrasePurpose }:
                case Escalated { Reason: EscalationStep.NoMatchLimitReason }:
                    missed = true;
                    break;
            }
        }

        if (message is null || !missed || string.IsNullOrWhiteSpace(message.Text))
        {
            return;
        }

        var miss = new UnansweredQuestion(UnansweredQuestionsGrain.Clip(message.Text), message.Language, message.At, unit.ConversationId);
        await unit.Grains.GetGrain<IUnansweredQuestionsGrain>(unit.Tenant).RecordAsync(miss);
    }
}
