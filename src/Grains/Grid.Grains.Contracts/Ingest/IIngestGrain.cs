namespace Grid;

/// <summary>
/// The grid's entry for integrators' posts, one call per post: resolves the sender's identity (keyed hash of the
/// normalised address, computed here so edges hold no hash key), threads the message (email headers first, then the
/// customer's open conversation) and returns once it is durable. A stateless worker: it runs on the silo that
/// received the call. Key: the tenant.
/// </summary>
[Alias("grid.IIngestGrain")]
public interface IIngestGrain : IGrainWithStringKey
{
    /// <summary>Stores a customer's message and returns its acknowledgement (see <see cref="ICustomerGrain.ReceiveInboundAsync"/>).</summary>
    [Alias("PostInboundAsync")]
    Task<InboundAck> PostInboundAsync(InboundMessage message);

    /// <summary>
    /// Records a call or typing event of a customer (by sender address) in their open conversation; returns its id,
    /// or null when the address is unknown or the customer has no open conversation.
    /// </summary>
    [Alias("PostCustomerEventAsync")]
    Task<string?> PostCustomerEventAsync(ChannelEvent channelEvent);

    /// <summary>
    /// An admin links an address to an existing customer (who proved who they are): their next message from it joins
    /// the customer's open conversation. Refused (<see cref="Escalation.PolicyRuleException"/>) for an unknown customer
    /// or an address that belongs to another customer (merging customers is not built).
    /// </summary>
    [Alias("LinkAddressAsync")]
    Task LinkAddressAsync(string tenant, string customerId, Channel channel, string address, string integrator);
}
