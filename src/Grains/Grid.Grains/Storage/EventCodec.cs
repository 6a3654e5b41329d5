using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Grid.Conversations.Events;

namespace Grid.Storage;

/// <summary>
/// The one mapping between typed conversation events and journal rows: each event type has a stable name (stored in
/// the row's JSON as "event", shown to clients as the entry's event type) and an entry kind (the row's kind column).
/// Names are never changed or reused: rows written years ago must still read.
/// </summary>
internal static class EventCodec
{
    private static readonly (Type Type, string Name, EntryKind Kind)[] Table =
    [
        (typeof(CustomerWrote), "customer-wrote", EntryKind.CustomerMessage),
        (typeof(AgentReplied), "agent-replied", EntryKind.AgentMessage),
        (typeof(BotAnswered), "bot-answered", EntryKind.BotMessage),
        (typeof(CustomerNotified), "customer-notified", EntryKind.SystemMessage),
        (typeof(Escalated), "escalated", EntryKind.Event),
        (typeof(Offered), "offered", EntryKind.Event),
        (typeof(OfferWithdrawn), "offer-withdrawn", EntryKind.Event),
        (typeof(Accepted), "accepted", EntryKind.Event),
        (typeof(Declined), "declined", EntryKind.Event),
        (typeof(OfferExpired), "offer-expired", EntryKind.Event),
        (typeof(Resolved), "resolved", EntryKind.Event),
        (typeof(Reopened), "reopened", EntryKind.Event),
        (typeof(Closed), "closed", EntryKind.Event),
        (typeof(ChannelEventRecorded), "channel-event", EntryKind.Event),
        (typeof(StepStateChanged), "step-state", EntryKind.Event),
        (typeof(FactsSet), "facts-set", EntryKind.Event),
        (typeof(NoteAdded), "note-added", EntryKind.InternalNote),
        (typeof(Transferred), "transferred", EntryKind.Event),
        (typeof(HandedBack), "handed-back", EntryKind.Event),
        (typeof(ParticipantJoined), "participant-joined", EntryKind.Event),
        (typeof(TakenOver), "taken-over", EntryKind.Event),
        (typeof(CsatRecorded), "csat", EntryKind.Event),
        (typeof(SlaBreached), "sla-breached", EntryKind.Event),
        (typeof(CallbackScheduled), "callback-scheduled", EntryKind.Event),
        (typeof(CallbackDue), "callback-due", EntryKind.Event),
        (typeof(AddressLinked), "address-linked", EntryKind.Event),
        (typeof(CustomersMerged), "customers-merged", EntryKind.Event),
        (typeof(SenderJoined), "sender-joined", EntryKind.Event),
        (typeof(ConversationsMerged), "conversations-merged", EntryKind.Event),
        (typeof(ConversationSplit), "conversation-split", EntryKind.Event),
        (typeof(IncidentPushed), "incident-pushed", EntryKind.SystemMessage),
        (typeof(ActionAnswered), "action-answered", EntryKind.Event),
    ];

    private static readonly FrozenDictionary<Type, (string Name, EntryKind Kind)> ByType =
        Table.ToFrozenDictionary(t => t.Type, t => (t.Name, t.Kind));

    private static readonly JsonSerializerOptions Options = new(JournalJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { Polymorphism } },
    };

    /// <summary>The stable name of an event's type.</summary>
    public static string NameOf(ConversationEvent e) => ByType[e.GetType()].Name;

    /// <summary>The entry kind of an event's row.</summary>
    public static EntryKind KindOf(ConversationEvent e) => ByType[e.GetType()].Kind;

    public static string Serialize(ConversationEvent e) => JsonSerializer.Serialize(e, Options);

    public static ConversationEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<ConversationEvent>(json, Options) ?? throw new FormatException("A stored conversation event is empty.");

    private static void Polymorphism(JsonTypeInfo info)
    {
        if (info.Type != typeof(ConversationEvent))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "event",
            UnknownDerivedTypeHandling = System.Text.Json.Serialization.JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var (type, name, _) in Table)
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, name));
        }
    }
}
