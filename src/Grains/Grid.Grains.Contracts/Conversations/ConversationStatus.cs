namespace Grid;

/// <summary>The states of DESIGN §4. Values are stored: never renumber.</summary>
[GenerateSerializer]
public enum ConversationStatus
{
    New = 0,
    Bot = 1,
    Queued = 2,
    Offered = 3,
    WithAgent = 4,
    Resolved = 5,
    Closed = 6,
}
