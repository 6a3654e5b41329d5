using Grid.Conversations.Events;

namespace Grid.Conversations;

/// <summary>
/// What Grid tells the customer by itself at each step of a handoff, in their language (French, else English), on the
/// channel they last used: a person joined (with their name), the bot takes back, the conversation is resolved (with
/// the satisfaction question), thanks for the rating.
/// </summary>
internal static class CustomerNotices
{
    public static string AgentJoined(string language, string name) => language == "fr"
        ? $"{name} a rejoint la conversation et prend votre demande en charge."
        : $"{name} has joined the conversation and is taking care of your request.";

    public static string QueuePosition(string language, int position, TimeSpan? wait)
    {
        var french = language == "fr";
        var place = position <= 1
            ? (french ? "Vous êtes le prochain à être pris en charge." : "You are next in line.")
            : (french ? $"Vous êtes en position {position} dans la file d'attente." : $"You are number {position} in the queue.");
        if (wait is not { } expected)
        {
            return place;
        }

        var minutes = Math.Max(1, (int)Math.Ceiling(expected.TotalMinutes));
        var estimate = minutes < 60
            ? (french ? $"environ {minutes} min" : $"about {minutes} min")
            : (french ? $"environ {Math.Ceiling(minutes / 60.0)} h" : $"about {Math.Ceiling(minutes / 60.0)} h");
        return french ? $"{place} Attente estimée : {estimate}." : $"{place} Expected wait: {estimate}.";
    }

    public static string HandedBack(string language) => language == "fr"
        ? "Notre assistant automatique reprend la conversation. Posez-lui vos questions ; vous pouvez à tout moment demander à parler à un conseiller."
        : "Our automated assistant is taking the conversation back. Ask it your questions; you can ask to talk to an adviser at any time.";

    public static string Resolved(string language) => language == "fr"
        ? "Votre demande est résolue. Êtes-vous satisfait de notre aide ? Répondez par une note de 1 (pas du tout satisfait) à 5 (très satisfait), avec un commentaire si vous le souhaitez."
        : "Your request is resolved. How satisfied are you with our help? Reply with a rating from 1 (not at all satisfied) to 5 (very satisfied), and a comment if you like.";

    public static string CsatThanks(string language, bool reopened) => (language == "fr", reopened) switch
    {
        (true, false) => "Merci pour votre réponse !",
        (true, true) => "Merci pour votre réponse. Nous sommes désolés : un conseiller va reprendre votre demande.",
        (false, false) => "Thank you for your answer!",
        (false, true) => "Thank you for your answer. We're sorry: an adviser will pick your request up again.",
    };

    /// <summary>A notice to the customer's current route, or null when there is none yet.</summary>
    public static CustomerNotified? To(ConversationState s, string text, string purpose, DateTimeOffset now) =>
        s.ReplyTo is not { } route
            ? null
            : new CustomerNotified(text, purpose, ConversationDecider.DeliveryTo(route, s.LastEmail)) { At = now, Channel = route.Channel };
}
