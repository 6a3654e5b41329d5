namespace Grid.Conversations.Events;

/// <summary>
/// An agent (or supervisor) linked an address to the conversation's customer after the customer proved who they are:
/// their messages from it join this conversation, and replies may go there. The address is kept as the journal keeps
/// customers' sender addresses (<see cref="CustomerWrote.SenderAddress"/>): the agent needs it to see what was linked.
/// <see cref="MergedCustomerId"/> names the customer the address belonged to, merged into this one by the link.
/// </summary>
[GenerateSerializer, Immutable, Alias("grid.ev.AddressLinked")]
public sealed record AddressLinked(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] Channel AddressChannel,
    [property: Id(2)] string Address,
    [property: Id(3)] string AgentId,
    [property: Id(4)] string? MergedCustomerId = null) : ConversationEvent;
