using Grid.Conversations.Events;
using Grid.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Conversations.Effects;

/// <summary>
/// A resolved conversation closes after the reopen window: a durable reminder wakes it even if nobody writes.
/// The reminder is dropped when the conversation closes.
/// </summary>
internal sealed class CloseReminderEffect(IOptions<GridRuntimeOptions> options) : IConversationEffect
{
    public const string ReminderName = "close-after-resolution";

    public async ValueTask OnCommittedAsync(CommittedUnit unit)
    {
        foreach (var (_, e) in unit.Events)
        {
            switch (e)
            {
                case Resolved:
                    var window = options.Value.Conversations.ReopenWindow;
                    await unit.Grain.RegisterOrUpdateReminder(ReminderName, window, window < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : window);
                    break;
                case Closed when unit.StatusBefore == ConversationStatus.Resolved:
                    if (await unit.Grain.GetReminder(ReminderName) is { } reminder)
                    {
                        await unit.Grain.UnregisterReminder(reminder);
                    }

                    break;
            }
        }
    }
}
