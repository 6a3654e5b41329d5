using Grid.Conversations.Events;

namespace Grid.Conversations;

/// <summary>
/// What Grid tells the customer by itself at each step of a handoff, in their language (French, else English), on the
/// channel they last used: a person joined (with their name), their place in the queue, that they are still waited
/// for, the bot takes back, the conversation is resolved (with the satisfaction question) or closed for silence,
/// thanks for the rating, a callback is booked. Each text is Grid's own unless the tenant worded it
/// (<see cref="NoticeWording"/>).
/// </summary>
internal static class CustomerNotices
{
    public static string AgentJoined(string language, string name, NoticeWording? wording = null) =>
        (wording ?? NoticeWording.Default).Text(NoticePurposes.AgentJoined, language, language == "fr"
            ? "{agent} a rejoint la conversation et prend votre demande en charge."
            : "{agent} has joined the conversation and is taking care of your request.", ("agent", name));

    public static string QueuePosition(string language, int position, TimeSpan? wait, NoticeWording? wording = null)
    {
        var french = language == "fr";
        var place = position <= 1
            ? (french ? "Vous êtes le prochain à être pris en charge." : "You are next in line.")
            : (french ? "Vous êtes en position {position} dans la file d'attente." : "You are number {position} in the queue.");
        var text = wait is null ? place : place + (french ? " Attente estimée : {wait}." : " Expected wait: {wait}.");
        return (wording ?? NoticeWording.Default).Text(NoticePurposes.QueuePosition, language, text, Values(language, position, wait));
    }

    /// <summary>
    /// A status update while the customer waits for a person. Two phrasings take turns (<paramref name="variant"/>), so
    /// two updates in a row never read the same even when the place in the queue has not moved.
    /// </summary>
    public static string StillWaiting(string language, int? position, TimeSpan? wait, int variant, NoticeWording? wording = null)
    {
        var french = language == "fr";
        var opening = (variant % 2, french) switch
        {
            (0, true) => "Nous n'oublions pas votre demande : un conseiller vous répondra dès que possible.",
            (0, false) => "We haven't forgotten your request: an adviser will answer you as soon as possible.",
            (_, true) => "Merci de votre patience, votre demande est toujours en attente d'un conseiller.",
            (_, false) => "Thank you for your patience, your request is still waiting for an adviser.",
        };
        var text = opening;
        if (position is { } place)
        {
            text += place <= 1
                ? (french ? " Vous êtes le prochain." : " You are next.")
                : (french ? " Vous êtes en position {position}." : " You are number {position}.");
        }

        if (wait is not null)
        {
            text += french ? " Attente estimée : {wait}." : " Expected wait: {wait}.";
        }

        return (wording ?? NoticeWording.Default).Text(NoticePurposes.WaitingUpdate, language, text, Values(language, position ?? 0, wait));
    }

    public static string HandedBack(string language, NoticeWording? wording = null) =>
        (wording ?? NoticeWording.Default).Text(NoticePurposes.HandedBack, language, language == "fr"
            ? "Notre assistant automatique reprend la conversation. Posez-lui vos questions ; vous pouvez à tout moment demander à parler à un conseiller."
            : "Our automated assistant is taking the conversation back. Ask it your questions; you can ask to talk to an adviser at any time.");

    public static string Resolved(string language, NoticeWording? wording = null) =>
        (wording ?? NoticeWording.Default).Text(NoticePurposes.Resolved, language, language == "fr"
            ? "Votre demande est résolue. Êtes-vous satisfait de notre aide ? Répondez par une note de 1 (pas du tout satisfait) à 5 (très satisfait), avec un commentaire si vous le souhaitez."
            : "Your request is resolved. How satisfied are you with our help? Reply with a rating from 1 (not at all satisfied) to 5 (very satisfied), and a comment if you like.");

    public static string AutoResolved(string language, NoticeWording? wording = null) =>
        (wording ?? NoticeWording.Default).Text(NoticePurposes.AutoResolved, language, language == "fr"
            ? "Sans nouvelles de votre part, nous considérons votre demande comme résolue. Si ce n'est pas le cas, répondez simplement à ce message."
            : "As we haven't heard back from you, we consider your request resolved. If it isn't, just reply to this message.");

    public static string CsatThanks(string language, bool reopened, NoticeWording? wording = null) =>
        (wording ?? NoticeWording.Default).Text(reopened ? NoticePurposes.CsatReopened : NoticePurposes.CsatThanks, language, (language == "fr", reopened) switch
        {
            (true, false) => "Merci pour votre réponse !",
            (true, true) => "Merci pour votre réponse. Nous sommes désolés : un conseiller va reprendre votre demande.",
            (false, false) => "Thank you for your answer!",
            (false, true) => "Thank you for your answer. We're sorry: an adviser will pick your request up again.",
        });

    /// <summary>A callback is booked for <paramref name="localTime"/> (already written in the customer's language).</summary>
    public static string CallbackScheduled(string language, string localTime, NoticeWording? wording = null) =>
        (wording ?? NoticeWording.Default).Text(NoticePurposes.CallbackScheduled, language, language == "fr"
            ? "C'est noté : un conseiller vous rappellera {at}."
            : "Noted: an adviser will call you back {at}.", ("at", localTime));

    /// <summary>"environ 8 min" / "about 3 h".</summary>
    public static string Wait(string language, TimeSpan expected)
    {
        var french = language == "fr";
        var minutes = Math.Max(1, (int)Math.Ceiling(expected.TotalMinutes));
        return minutes < 60
            ? (french ? $"environ {minutes} min" : $"about {minutes} min")
            : (french ? $"environ {Math.Ceiling(minutes / 60.0)} h" : $"about {Math.Ceiling(minutes / 60.0)} h");
    }

    /// <summary>Whether <paramref name="text"/> is the last notice the customer got: never the same notice twice in a row.</summary>
    public static bool RepeatsLast(ConversationState s, string text) =>
        s.Recent.LastOrDefault(e => e.Kind == EntryKind.SystemMessage)?.Text == text;

    /// <summary>A notice to the customer's current route, or null when there is none yet.</summary>
    public static CustomerNotified? To(ConversationState s, string text, string purpose, DateTimeOffset now) =>
        s.ReplyTo is not { } route
            ? null
            : new CustomerNotified(text, purpose, ConversationDecider.DeliveryTo(route, s.LastEmail)) { At = now, Channel = route.Channel };

    private static (string, string)[] Values(string language, int position, TimeSpan? wait) =>
        [("position", position.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("wait", wait is { } w ? Wait(language, w) : "")];
}
