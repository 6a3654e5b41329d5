// The web chat's words, in English and French (from the browser).

const en = {
  title: "Chat with us",
  placeholder: "Write your message…",
  send: "Send",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  offline: "Offline: your messages will be sent when the connection is back.",
  agentTyping: "typing…",
  agent: "Agent",
  bot: "Assistant",
  you: "You",
  callback: "Ask for a callback",
  phone: "Phone number",
  when: "When (optional)",
  request: "Request",
  cancel: "Cancel",
  callbackAsked: "Callback requested.",
  csat: "How satisfied are you with our help? (1 = not at all, 5 = very)",
  thanks: "Thank you!",
  noWidget: "This chat is not configured.",
  error: "Something went wrong: ",
  status_queued: "Waiting for an agent…",
  status_agent: "You are talking with",
  status_bot: "Our assistant answers you",
  status_resolved: "Conversation resolved",
};

export type Words = typeof en;

const fr: Words = {
  title: "Discutons",
  placeholder: "Écrivez votre message…",
  send: "Envoyer",
  connecting: "Connexion…",
  reconnecting: "Reconnexion…",
  offline: "Hors ligne : vos messages partiront au retour de la connexion.",
  agentTyping: "écrit…",
  agent: "Conseiller",
  bot: "Assistant",
  you: "Vous",
  callback: "Être rappelé",
  phone: "Numéro de téléphone",
  when: "Quand (facultatif)",
  request: "Demander",
  cancel: "Annuler",
  callbackAsked: "Demande de rappel envoyée.",
  csat: "Êtes-vous satisfait de notre aide ? (1 = pas du tout, 5 = très)",
  thanks: "Merci !",
  noWidget: "Ce chat n’est pas configuré.",
  error: "Un problème est survenu : ",
  status_queued: "En attente d’un conseiller…",
  status_agent: "Vous échangez avec",
  status_bot: "Notre assistant vous répond",
  status_resolved: "Conversation résolue",
};

export const dictionaries = { en, fr };
