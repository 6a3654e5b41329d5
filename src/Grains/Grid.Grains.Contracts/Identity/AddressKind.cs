namespace Grid;

/// <summary>
/// The address space a channel address belongs to. SMS, WhatsApp and voice share phone numbers,
/// so one phone number is one identity whichever of those channels it writes from.
/// </summary>
[GenerateSerializer]
public enum AddressKind
{
    Phone = 0,
    Email = 1,
    WebVisitor = 2,
    Messenger = 3,
}
