namespace Grid;

/// <summary>A customer-facing channel. Values are part of the wire format: never renumber.</summary>
[GenerateSerializer]
public enum Channel
{
    Unspecified = 0,
    Sms = 1,
    Email = 2,
    WhatsApp = 3,
    WebChat = 4,
    Voice = 5,
    Messenger = 6,
}
