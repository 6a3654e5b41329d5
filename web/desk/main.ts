// The agent desk: sign-in, presence, offers (sound, countdown, context package), conversations side by side, the
// supervisor's view, FR/EN. Every server text goes into the page as text (see ../shared/dom.ts).

import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import { button, clear, el, pickLanguage } from "../shared/dom";
import { ConversationView, type Mode } from "./conversation";
import { SupervisorView, type SupervisorAction } from "./supervisor";
import type { Agent, Alert, Claims, Conversation, Entry, Offer, Watch } from "./types";
import { beep, channelIcon, errorText, isMissingMethod, notify, ui } from "./ui";
import "./desk.css";

const tokenKey = "grid.desk.token";
const langKey = "grid.desk.lang";
const watchedKey = "grid.desk.watched";
const presenceKey = "grid.desk.presence";
const app = document.getElementById("app")!;

ui.lang = pickLanguage(langKey);
document.documentElement.lang = ui.lang;

interface DeskConfig { devSignIn: boolean; tenant: string | null }

function readClaims(token: string): Claims | null {
  try {
    const payload = token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as Partial<Claims>;
    if (typeof claims.sub !== "string" || typeof claims.tenant !== "string" || typeof claims.exp !== "number") return null;
    if (claims.exp * 1000 < Date.now()) return null;
    return { sub: claims.sub, tenant: claims.tenant, name: claims.name ?? claims.sub, role: claims.role ?? "agent", exp: claims.exp };
  } catch {
    return null;
  }
}

function start(): void {
  // An identity provider may redirect here with #token=…: take it and remove it from the address bar.
  const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
  if (fromHash) {
    sessionStorage.setItem(tokenKey, fromHash);
    history.replaceState(null, "", location.pathname + location.search);
  }
  const token = sessionStorage.getItem(tokenKey);
  const claims = token ? readClaims(token) : null;
  if (token && claims) void new Desk(token, claims).run();
  else void signIn(token ? ui.t.badToken : null);
}

async function signIn(problem: string | null): Promise<void> {
  const t = ui.t;
  document.title = t.title;
  clear(app);
  let config: DeskConfig = { devSignIn: false, tenant: null };
  try {
    const response = await fetch("/desk/config", { headers: { accept: "application/json" } });
    if (response.ok) config = (await response.json()) as DeskConfig;
  } catch {
    // the paste form still works
  }
  const box = el("main", { class: "signin" }, el("h1", {}, t.title), languageSwitch());
  if (problem) box.append(el("p", { class: "error", role: "alert" }, problem));
  if (config.devSignIn) {
    const tenant = el("input", { name: "tenant", required: true, value: config.tenant ?? "demo", pattern: "[a-z0-9][a-z0-9._\\-]{0,62}" });
    const agent = el("input", { name: "agentId", required: true, value: "alice", pattern: "[a-z0-9][a-z0-9._\\-]{0,62}" });
    const name = el("input", { name: "displayName", value: "Alice" });
    const role = el("select", { name: "role" }, el("option", { value: "agent" }, t.roleAgent), el("option", { value: "supervisor" }, t.roleSupervisor));
    const form = el("form", { class: "dev-signin" }, el("h2", {}, t.devSignIn),
      el("label", {}, t.tenant, tenant), el("label", {}, t.agentId, agent), el("label", {}, t.displayName, name), el("label", {}, t.role, role),
      el("button", { type: "submit", class: "primary" }, t.signIn));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const response = await fetch("/desk/dev-token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tenant: tenant.value.trim(), agentId: agent.value.trim(), displayName: name.value.trim() || agent.value.trim(), role: role.value }),
      });
      if (!response.ok) {
        void signIn(t.devRefused + (await response.text()).slice(0, 300));
        return;
      }
      const { token } = (await response.json()) as { token: string };
      sessionStorage.setItem(tokenKey, token);
      start();
    });
    box.append(form);
  }
  const pasted = el("textarea", { name: "token", rows: "4", required: true, "aria-label": t.token });
  const paste = el("form", { class: "paste" }, el("h2", {}, t.pasteToken), pasted, el("button", { type: "submit" }, t.useToken));
  paste.addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(tokenKey, pasted.value.trim());
    start();
  });
  box.append(paste);
  app.append(box);
}

function languageSwitch(): HTMLElement {
  const select = el("select", { "aria-label": ui.t.language }, el("option", { value: "en" }, "English"), el("option", { value: "fr" }, "Français"));
  select.value = ui.lang;
  select.addEventListener("change", () => {
    localStorage.setItem(langKey, select.value);
    location.reload(); // the simplest way to redraw every word; the state is restored like after a reconnect
  });
  return select;
}

class Desk {
  private readonly hub: HubConnection;
  private readonly offers = new Map<string, { offer: Offer; node: HTMLElement; countdown: HTMLElement }>();
  private readonly views = new Map<string, ConversationView>();
  private readonly offerList = el("ul", { class: "offers" });
  private readonly columns = el("div", { class: "columns" });
  private readonly state = el("span", { class: "conn" });
  private readonly supervisor: SupervisorView | null;
  private readonly presence = el("select", { "aria-label": ui.t.presence });
  private readonly reason = el("input", { placeholder: ui.t.reason, "aria-label": ui.t.reason, size: "12" });
  private stopped = false;

  constructor(private readonly token: string, private readonly claims: Claims) {
    this.hub = new HubConnectionBuilder()
      .withUrl("/hubs/agent", { accessTokenFactory: () => this.token })
      // Retry for ever, backing off to 30 s: an agent's desk stays open for hours.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (r) => Math.min(30_000, 1000 * 2 ** Math.min(r.previousRetryCount, 5)) })
      .configureLogging(LogLevel.Warning)
      .build();
    this.supervisor = claims.role === "supervisor" ? new SupervisorView(this.hub, (a, id) => void this.supervise(a, id)) : null;
  }

  async run(): Promise<void> {
    const t = ui.t;
    document.title = `${t.title} — ${this.claims.name}`;
    clear(app);
    for (const p of ["Available", "Busy", "Away", "Offline"]) this.presence.append(el("option", { value: p }, (t as Record<string, string>)[p] ?? p));
    this.presence.value = "Offline";
    this.presence.addEventListener("change", () => void this.setPresence());
    this.reason.addEventListener("change", () => void this.setPresence());
    const header = el("header", { class: "top" },
      el("h1", {}, t.title),
      el("span", { class: "who" }, `${this.claims.name} (${this.claims.tenant}/${this.claims.sub})`),
      el("label", {}, `${t.presence} `, this.presence), this.reason,
      this.supervisor ? button(t.supervisor, () => this.supervisor!.show(this.supervisor!.root.hidden)) : null,
      languageSwitch(), this.state,
      button(t.signOut, () => {
        this.stopped = true;
        for (const key of [tokenKey, presenceKey, watchedKey]) sessionStorage.removeItem(key);
        void this.hub.stop().finally(() => start());
      }));
    const side = el("aside", { class: "side" }, el("h2", {}, t.offers), this.offerList);
    this.columns.append(el("p", { class: "muted empty" }, t.noConversations));
    app.append(header, el("div", { id: "notices" }), el("div", { class: "body" }, side, el("main", {}, this.supervisor?.root ?? null, this.columns)));
    this.renderOffers();
    this.wire();
    window.setInterval(() => this.tick(), 1000);
    await this.connect();
  }

  private wire(): void {
    const hub = this.hub;
    hub.on("ReceiveOffer", (offer: Offer) => {
      this.offers.get(offer.offerId)?.node.remove();
      const countdown = el("span", { class: "countdown" });
      const c = offer.conversation;
      const ctx = offer.context;
      const node = el("li", { class: "offer", "data-offer": offer.offerId },
        el("div", {}, channelIcon(c.channel), " ", el("strong", {}, c.conversationId), " ", countdown),
        el("div", { class: "meta" }, `${ui.t.queue}: ${c.queue} · ${ui.t.priority}: ${c.priority}`),
        ctx?.escalationReason ? el("div", {}, ctx.escalationReason) : null,
        ctx?.transferNote ? el("div", { class: "transfer-note" }, ctx.transferNote) : null,
        el("div", { class: "preview" }, lastCustomerText(offer.history)),
        el("div", { class: "row" },
          button(ui.t.accept, () => void this.accept(offer), { class: "primary" }),
          button(ui.t.decline, () => void this.decline(offer))));
      this.offers.set(offer.offerId, { offer, node, countdown });
      this.renderOffers();
      this.tick();
      beep();
    });
    hub.on("OfferWithdrawn", (_conversationId: string, offerId: string) => {
      this.offers.delete(offerId);
      this.renderOffers();
    });
    hub.on("ReceiveEntry", (entry: Entry) => this.views.get(entry.conversationId)?.addEntry(entry));
    hub.on("CustomerTyping", (conversationId: string) => this.views.get(conversationId)?.showTyping());
    hub.on("ConversationUpdated", (c: Conversation) => {
      const view = this.views.get(c.conversationId);
      if (view) view.update(c);
      else if (c.assignedAgent === this.claims.sub && c.status === "WithAgent") void this.open(c.conversationId, "work");
    });
    hub.on("PresenceChanged", (a: Agent) => this.showAgent(a));
    hub.on("Alert", (alert: Alert) => {
      notify(`${ui.t.alert}: ${alert.kind} — ${alert.conversation.conversationId}`, "alert");
      beep();
    });
    hub.onreconnecting(() => this.showState(ui.t.reconnecting, "warn"));
    hub.onreconnected(() => void this.restore());
    hub.onclose(() => {
      if (this.stopped) return;
      this.showState(ui.t.disconnected, "bad");
      window.setTimeout(() => void this.connect(), 5000);
    });
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.hub.state !== HubConnectionState.Disconnected) return;
    try {
      await this.hub.start();
      await this.restore();
    } catch (e) {
      const text = errorText(e);
      if (text.includes("401")) {
        sessionStorage.removeItem(tokenKey);
        void signIn(ui.t.badToken);
        return;
      }
      this.showState(ui.t.reconnecting, "warn");
      window.setTimeout(() => void this.connect(), 3000);
    }
  }

  /** After a (re)connect: the agent's state, the conversations they hold and their history, the watches again. */
  private async restore(): Promise<void> {
    this.showState(ui.t.connected, "ok");
    try {
      const me = await this.hub.invoke<Agent>("GetMe");
      this.showAgent(me);
      // An agent whose last connection closed went offline: the presence they chose is set again.
      const wanted = sessionStorage.getItem(presenceKey);
      if (wanted && wanted !== me.presence && !(wanted === "Busy" && me.presence === "Away")) {
        this.presence.value = wanted;
        await this.setPresence();
      }
      for (const id of me.conversations) {
        const view = this.views.get(id);
        if (view) await view.reload();
        else await this.open(id, "work");
      }
      for (const id of JSON.parse(sessionStorage.getItem(watchedKey) ?? "[]") as string[]) {
        if (!me.conversations.includes(id)) await this.supervise("Watch", id);
      }
      for (const view of this.views.values()) {
        if (view.mode !== "watch" && !me.conversations.includes(view.id)) await view.reload().catch(() => undefined);
      }
    } catch (e) {
      notify(errorText(e), "error");
    }
  }

  private showAgent(a: Agent): void {
    if (document.activeElement !== this.presence) this.presence.value = a.presence;
  }

  private async setPresence(): Promise<void> {
    const presence = this.presence.value;
    sessionStorage.setItem(presenceKey, presence);
    if (this.hub.state !== HubConnectionState.Connected) {
      return; // kept: restore() sets it once the connection is up
    }

    try {
      try {
        this.showAgent(await this.hub.invoke<Agent>("SetStatus", presence, this.reason.value.trim() || null));
      } catch (e) {
        if (!isMissingMethod(e)) throw e;
        // A server without SetStatus knows Available, Away and Offline only: Busy is shown as Away.
        this.showAgent(await this.hub.invoke<Agent>("SetPresence", presence === "Busy" ? "Away" : presence));
      }
    } catch (e) {
      notify(errorText(e), "error");
    }
  }

  private async accept(offer: Offer): Promise<void> {
    try {
      const conversation = await this.hub.invoke<Conversation>("Accept", offer.conversation.conversationId);
      this.offers.delete(offer.offerId);
      this.renderOffers();
      const view = this.column(conversation, "work");
      view.showContext(offer.context);
      view.addEntries(offer.history, offer.historyTruncated);
    } catch (e) {
      notify(errorText(e), "error");
    }
  }

  private async decline(offer: Offer): Promise<void> {
    this.offers.delete(offer.offerId);
    this.renderOffers();
    await this.hub.invoke("Decline", offer.conversation.conversationId).catch((e) => notify(errorText(e), "error"));
  }

  private async supervise(action: SupervisorAction, id: string): Promise<void> {
    try {
      if (action === "Watch") {
        const watch = await this.hub.invoke<Watch>("Watch", id);
        const view = this.column(watch.conversation, "watch");
        view.showContext(watch.context);
        const watched = new Set(JSON.parse(sessionStorage.getItem(watchedKey) ?? "[]") as string[]).add(id);
        sessionStorage.setItem(watchedKey, JSON.stringify([...watched]));
        return;
      }
      const conversation = await this.hub.invoke<Conversation>(action, id);
      this.views.get(id)?.root.remove();
      this.views.delete(id);
      const view = this.column(conversation, action === "Join" ? "join" : "work");
      await view.reload();
      view.showContext(await this.hub.invoke("GetContext", id));
    } catch (e) {
      notify(errorText(e), "error");
    }
  }

  private async open(id: string, mode: Mode): Promise<void> {
    const conversation = await this.hub.invoke<Conversation>("GetConversation", id);
    const view = this.column(conversation, mode);
    await view.reload();
    view.showContext(await this.hub.invoke("GetContext", id).catch(() => null));
  }

  private column(conversation: Conversation, mode: Mode): ConversationView {
    const existing = this.views.get(conversation.conversationId);
    if (existing) {
      existing.mode = mode;
      existing.update(conversation);
      return existing;
    }
    const view = new ConversationView(this.hub, conversation, mode, (id) => this.closeColumn(id));
    this.views.set(view.id, view);
    this.columns.querySelector(".empty")?.remove();
    this.columns.append(view.root);
    return view;
  }

  private closeColumn(id: string): void {
    const view = this.views.get(id);
    if (!view) return;
    if (view.mode === "watch") {
      void this.hub.invoke("Unwatch", id).catch(() => undefined);
      const watched = (JSON.parse(sessionStorage.getItem(watchedKey) ?? "[]") as string[]).filter((w) => w !== id);
      sessionStorage.setItem(watchedKey, JSON.stringify(watched));
    }
    view.root.remove();
    this.views.delete(id);
  }

  private renderOffers(): void {
    clear(this.offerList);
    if (this.offers.size === 0) this.offerList.append(el("li", { class: "muted" }, ui.t.noOffers));
    for (const { node } of this.offers.values()) this.offerList.append(node);
  }

  /** Every second: offers' countdowns. */
  private tick(): void {
    for (const { offer, countdown } of this.offers.values()) {
      if (!offer.expiresAt) continue;
      const left = Math.round((new Date(offer.expiresAt).getTime() - Date.now()) / 1000);
      countdown.textContent = left > 0 ? `${ui.t.expiresIn} ${left} s` : ui.t.expired;
      countdown.classList.toggle("urgent", left <= 10);
    }
  }

  private showState(text: string, kind: string): void {
    this.state.textContent = text;
    this.state.className = `conn ${kind}`;
  }
}

function lastCustomerText(history: Entry[]): string {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.kind === "CustomerMessage" && e.text) return e.text.length > 160 ? `${e.text.slice(0, 160)}…` : e.text;
  }
  return "";
}

start();
