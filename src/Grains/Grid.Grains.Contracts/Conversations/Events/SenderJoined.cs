namespace Grid.Conversations.Events;

/// <summary>
/// Another address of the conversation's customer (a colleague of the same account, the same person's other mailbox)
/// wrote in it for the first time, grouped here by <see cref="GroupedBy"/> ("thread", "reference", "subject"…): a
/// participant on the customer's side. Replies still go to the address that wrote last, the other senders copied.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.SenderJoined")]
public sealed record SenderJoined(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] Channel AddressChannel,
    [property: Id(2)] string Address,
    [property: Id(3)] string GroupedBy) : ConversationEvent;
