// The customer's web chat: connects to /hubs/chat as a visitor of a widget, shows the conversation live (bot, agent,
// "an agent has joined", typing), asks for a callback, and offers the CSAT question at the end. Every text from the
// server goes into the page as text (see ../shared/dom.ts).

import { HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { button, el, pickLanguage, randomId, timeOf } from "../shared/dom";
import { dictionaries } from "./i18n";
import "./chat.css";

/** A message as the chat hub sends it (the web-chat contract). */
interface ChatEntry { seq: number; author: "customer" | "bot" | "agent" | "system" | string; displayName: string | null; text: string; at: string; purpose: string | null }
interface Started { conversationId: string; entries: ChatEntry[] }
interface ChatStatus { status: string; agentName: string | null }

const lang = pickLanguage("grid.chat.lang");
const t = dictionaries[lang];
document.documentElement.lang = lang;
document.title = t.title;
const app = document.getElementById("app")!;

function visitorId(): string {
  const key = "grid.chat.visitor";
  let id = localStorage.getItem(key);
  if (!id || !/^v_[A-Za-z0-9_-]{22}$/.test(id)) {
    id = `v_${randomId(22)}`;
    localStorage.setItem(key, id);
  }
  return id;
}

async function widgetKey(): Promise<string | null> {
  const fromUrl = new URLSearchParams(location.search).get("widget");
  if (fromUrl) return fromUrl;
  try {
    const response = await fetch("/chat/config", { headers: { accept: "application/json" } });
    if (!response.ok) return null;
    const config = (await response.json()) as { widgetKey?: string };
    return config.widgetKey ?? null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const key = await widgetKey();
  if (!key) {
    app.replaceChildren(el("p", { class: "error" }, t.noWidget));
    return;
  }
  const status = el("div", { class: "status", role: "status" }, t.connecting);
  const list = el("ol", { class: "messages", "aria-live": "polite" });
  const typing = el("div", { class: "typing", hidden: true });
  const text = el("textarea", { rows: "2", placeholder: t.placeholder, "aria-label": t.placeholder, maxlength: "4000" });
  const send = el("button", { type: "submit", class: "primary" }, t.send);
  const form = el("form", { class: "compose" }, text, send);
  const callbackHost = el("div", { class: "callback" });
  app.replaceChildren(el("header", {}, el("h1", {}, t.title), status), list, typing, callbackHost, form);

  const seen = new Map<number, HTMLElement>();
  let typingTimer = 0;
  let lastTyping = 0;

  const hub = new HubConnectionBuilder()
    .withUrl(`/hubs/chat?widget=${encodeURIComponent(key)}&visitor=${encodeURIComponent(visitorId())}`)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (r) => Math.min(30_000, 1000 * 2 ** Math.min(r.previousRetryCount, 5)) })
    .configureLogging(LogLevel.Warning)
    .build();

  const show = (entry: ChatEntry) => {
    if (seen.has(entry.seq)) return;
    const who = entry.author === "customer" ? t.you : entry.author === "agent" ? entry.displayName ?? t.agent : entry.author === "bot" ? t.bot : "";
    const item = entry.author === "system"
      ? el("li", { class: `system ${entry.purpose ?? ""}`, "data-seq": String(entry.seq) }, entry.text)
      : el("li", { class: `msg ${entry.author}`, "data-seq": String(entry.seq) },
        el("div", { class: "meta" }, who, " · ", timeOf(entry.at, lang)),
        el("div", { class: "text" }, entry.text));
    if (entry.purpose === "resolved") item.append(csat());
    let before: HTMLElement | null = null;
    for (const [seq, node] of seen) if (seq > entry.seq && (!before || seq < Number(before.dataset.seq))) before = node;
    seen.set(entry.seq, item);
    list.insertBefore(item, before);
    if (entry.author === "agent") showTyping(false);
    list.scrollTop = list.scrollHeight;
  };

  const csat = () => {
    const box = el("div", { class: "csat" }, el("p", {}, t.csat));
    const buttons = el("div", { class: "row" });
    for (let score = 1; score <= 5; score++) {
      buttons.append(button(String(score), () => {
        void sendText(String(score)).then(() => box.replaceChildren(el("p", {}, t.thanks)));
      }, { "aria-label": `${score}/5` }));
    }
    box.append(buttons);
    return box;
  };

  const showTyping = (on: boolean) => {
    window.clearTimeout(typingTimer);
    typing.hidden = !on;
    typing.textContent = on ? `${t.agent} ${t.agentTyping}` : "";
    if (on) typingTimer = window.setTimeout(() => showTyping(false), 6000);
  };

  const sendText = async (body: string, messageId = `m_${randomId(16)}`) => {
    const result = await hub.invoke<{ conversationId: string; seq: number }>("Send", messageId, body);
    show({ seq: result.seq, author: "customer", displayName: null, text: body, at: new Date().toISOString(), purpose: null });
  };

  // Messages written while the connection is not up (page still connecting, reconnecting, offline) wait here, shown as
  // "sending", and go out in order once connected; each keeps its id, so a retry after a lost answer is not a duplicate.
  const outbox: { id: string; body: string; item: HTMLElement }[] = [];
  let flushing = false;
  const enqueue = (body: string) => {
    const item = el("li", { class: "msg customer pending" },
      el("div", { class: "meta" }, t.you, " · ", t.sending),
      el("div", { class: "text" }, body));
    list.append(item);
    list.scrollTop = list.scrollHeight;
    outbox.push({ id: `m_${randomId(16)}`, body, item });
  };
  const flush = async () => {
    if (flushing) return;
    flushing = true;
    try {
      while (outbox.length > 0 && hub.state === HubConnectionState.Connected) {
        const next = outbox[0];
        await sendText(next.body, next.id);
        next.item.remove();
        outbox.shift();
      }
    } finally {
      flushing = false;
    }
  };

  const started = async () => {
    status.textContent = "";
    const start = await hub.invoke<Started>("Start");
    for (const entry of start.entries) show(entry);
    await flush();
  };

  hub.on("Message", (entry: ChatEntry) => show(entry));
  hub.on("AgentTyping", () => showTyping(true));
  hub.on("Status", (s: ChatStatus) => {
    const key = `status_${s.status}` as keyof typeof t;
    status.textContent = s.status === "agent" && s.agentName ? `${t.status_agent} ${s.agentName}` : (t[key] ?? "");
  });
  hub.onreconnecting(() => { status.textContent = t.reconnecting; });
  hub.onreconnected(() => void started().catch(fail));
  hub.onclose(() => {
    status.textContent = t.offline;
    window.setTimeout(() => void connect(), 5000);
  });

  const fail = (e: unknown) => { status.textContent = t.error + (e instanceof Error ? e.message : String(e)); };

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const body = text.value.trim();
    if (!body) return;
    if (hub.state !== HubConnectionState.Connected || outbox.length > 0) {
      enqueue(body);
      text.value = "";
      return;
    }
    send.disabled = true;
    void sendText(body).then(() => { text.value = ""; }, fail).finally(() => { send.disabled = false; text.focus(); });
  });
  text.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  text.addEventListener("input", () => {
    if (hub.state === HubConnectionState.Connected && Date.now() - lastTyping > 3000) {
      lastTyping = Date.now();
      void hub.invoke("Typing").catch(() => undefined);
    }
  });

  const callbackForm = () => {
    const phone = el("input", { type: "tel", required: true, autocomplete: "tel", "aria-label": t.phone });
    const when = el("input", { type: "datetime-local", "aria-label": t.when });
    const f = el("form", {}, el("label", {}, t.phone, phone), el("label", {}, t.when, when),
      el("div", { class: "row" }, el("button", { type: "submit", class: "primary" }, t.request), button(t.cancel, () => reset())));
    f.addEventListener("submit", (e) => {
      e.preventDefault();
      const at = when.value ? new Date(when.value).toISOString() : null;
      void hub.invoke("RequestCallback", phone.value.trim(), at).then(() => {
        callbackHost.replaceChildren(el("p", {}, t.callbackAsked));
      }, fail);
    });
    callbackHost.replaceChildren(f);
    phone.focus();
  };
  const reset = () => callbackHost.replaceChildren(button(t.callback, callbackForm, { class: "link" }));
  reset();

  const connect = async () => {
    if (hub.state !== HubConnectionState.Disconnected) return;
    try {
      await hub.start();
      await started();
    } catch (e) {
      fail(e);
      window.setTimeout(() => void connect(), 3000);
    }
  };
  await connect();
}

void main();
