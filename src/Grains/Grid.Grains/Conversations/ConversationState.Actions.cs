using Grid.Conversations.Events;

namespace Grid.Conversations;

/// <summary>Answers to actionable pushes (docs/architecture.md, "Actionable pushes").</summary>
internal sealed partial class ConversationState
{
    /// <summary>
    /// An answer may open the conversation (the push's closed meanwhile): it is the customer's. Nothing else changes: the
    /// journal's idempotency index, not this state, is what refuses a second answer.
    /// </summary>
    private void ApplyActionAnswered(ActionAnswered answered)
    {
        if (CustomerId.Length == 0)
        {
            CustomerId = answered.CustomerId;
        }

        if (OpenedAt == default)
        {
            OpenedAt = answered.At;
        }
    }
}
