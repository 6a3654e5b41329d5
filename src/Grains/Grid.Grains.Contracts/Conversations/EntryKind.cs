namespace Grid;

/// <summary>What a journal entry is. Values are stored: never renumber.</summary>
[GenerateSerializer]
public enum EntryKind
{
    CustomerMessage = 0,
    AgentMessage = 1,
    BotMessage = 2,
    SystemMessage = 3,
    Event = 4,
    InternalNote = 5,
}
