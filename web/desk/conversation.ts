// One conversation's column: header, context package, history (paged back), typing, receipts, the reply box with
// canned responses and channel choice, notes, and the actions (transfer, consult, hand back, resolve, close),
// with the customer panel (timeline, past conversations and their CSAT).

import type { HubConnection } from "@microsoft/signalr";
import { append, button, clear, dateTimeOf, el, randomId, safeLink, timeOf } from "../shared/dom";
import { cannedResponses } from "./i18n";
import type { Address, Conversation, Entry, HandoffContext, History } from "./types";
import { askInline, channelIcon, errorText, notify, statusText, ui } from "./ui";

export type Mode = "work" | "watch" | "join";

const pageSize = 100;

export class ConversationView {
  readonly root: HTMLElement;
  private readonly header = el("header", { class: "conv-header" });
  private readonly contextBox = el("details", { class: "context" });
  private readonly customerBox = el("details", { class: "customer" });
  private readonly earlier = el("div", { class: "earlier" });
  private readonly list = el("ol", { class: "history", "aria-live": "polite" });
  private readonly typing = el("div", { class: "typing", hidden: true }, "");
  private readonly actionHost = el("div", { class: "action-host" });
  private readonly compose = el("div", { class: "compose" });
  private readonly entries = new Map<number, HTMLElement>();
  private readonly byOutbound = new Map<string, HTMLElement>();
  private typingTimer = 0;
  private firstSeq = Number.POSITIVE_INFINITY;
  private lastSeq = 0;
  private channels: Address[] = [];

  constructor(
    private readonly hub: HubConnection,
    public conversation: Conversation,
    public mode: Mode,
    private readonly onClose: (id: string) => void,
  ) {
    this.root = el("section", { class: "conversation", "data-conversation": conversation.conversationId });
    this.root.append(this.header, this.contextBox, this.customerBox, this.earlier, this.list, this.typing, this.actionHost, this.compose);
    this.renderHeader();
    this.renderCompose();
  }

  get id(): string {
    return this.conversation.conversationId;
  }

  /** Shows the context package (offer, GetContext or Watch) and the customer panel. */
  showContext(context: HandoffContext | null): void {
    clear(this.contextBox);
    clear(this.customerBox);
    if (!context) return;
    const t = ui.t;
    this.contextBox.append(el("summary", {}, t.escalation));
    append(this.contextBox,
      context.escalationReason ? el("p", {}, `${context.escalationReason} — ${dateTimeOf(context.escalatedAt, ui.lang)}`) : null,
      context.transferNote ? el("p", { class: "transfer-note" }, `${t.transferNote}: `, context.transferNote) : null);
    if (context.botAttempts.length > 0) {
      this.contextBox.append(el("h4", {}, t.botTried), el("ul", {}, ...context.botAttempts.map((a) =>
        el("li", {}, `#${a.seq} ${a.purpose ?? ""} ${a.entryId ?? ""} ${a.confidence !== null ? `(${Math.round(a.confidence * 100)} %)` : ""}`))));
    }
    const known = context.conversation.facts ?? {};
    const facts = Object.entries(known);
    if (facts.length > 0) {
      this.contextBox.append(el("h4", {}, t.facts), el("dl", {}, ...facts.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
    }
    const suggested = known["identity.status"] === "suggested" ? known["identity.customer"] : undefined;
    if (suggested) {
      // A customer of the directory the content points to, not confident enough to be linked by itself.
      const confirm = button(`${t.confirmCustomer} ${suggested}`, () => void this.hub.invoke("ConfirmCustomer", this.id, suggested)
        .then(() => { confirm.remove(); notify(`${t.customerConfirmed} ${suggested}`, "info"); }, (e) => notify(errorText(e), "error")));
      this.contextBox.append(el("p", { class: "suggestion" }, `${t.suggestedCustomer}: ${suggested} — ${known["identity.evidence"] ?? ""} `, confirm));
    }
    this.contextBox.open = true;

    const customer = context.customer;
    this.customerBox.append(el("summary", {}, `${t.customer} ${customer?.displayName ?? customer?.customerId ?? context.conversation.customerId}`));
    if (customer) {
      append(this.customerBox,
        customer.displayName ? el("p", {}, `${customer.customerId}${customer.accountNumber ? ` · ${customer.accountNumber}` : ""}`) : null,
        el("p", {}, `${t.tier}: ${customer.tier ?? t.none}`),
        el("h4", {}, t.addresses),
        el("ul", {}, ...customer.addresses.map((a) => el("li", {}, channelIcon(a.channel), " ", a.address))),
        el("h4", {}, `${t.pastConversations} (${customer.conversationCount})`),
        el("table", { class: "past" },
          el("thead", {}, el("tr", {}, el("th", {}, "id"), el("th", {}, t.status), el("th", {}, t.timeline), el("th", {}, t.csat))),
          el("tbody", {}, ...customer.pastConversations.map((p) => el("tr", {},
            el("td", {}, p.conversationId),
            el("td", {}, `${statusText(p.status)}${p.outcome ? ` (${p.outcome})` : ""}`),
            el("td", {}, `${dateTimeOf(p.openedAt, ui.lang)} → ${dateTimeOf(p.resolvedAt, ui.lang)}`),
            el("td", {}, p.csat === null ? "–" : "★".repeat(p.csat) + "☆".repeat(Math.max(0, 5 - p.csat))))))));
    }
    this.addEntries(context.transcript);
  }

  /** Adds entries (from an offer, a page of history or live): deduplicated by sequence number, kept in order. */
  addEntries(entries: Entry[], truncatedBefore = false): void {
    for (const entry of entries) this.addEntry(entry);
    if (truncatedBefore || this.firstSeq > 1) this.renderEarlier();
  }

  addEntry(entry: Entry): void {
    if (entry.conversationId !== this.id || this.entries.has(entry.seq)) return;
    if (entry.eventType === "delivery" && entry.metadata?.outboundId) {
      // A receipt marks the message it is about rather than taking a line.
      const target = this.byOutbound.get(entry.metadata.outboundId);
      if (target) target.querySelector(".receipt")!.textContent = `✓ ${entry.metadata.type ?? ui.t.receipt}`;
    }
    const node = renderEntry(entry);
    this.entries.set(entry.seq, node);
    if (entry.outboundId) this.byOutbound.set(entry.outboundId, node);
    this.firstSeq = Math.min(this.firstSeq, entry.seq);
    this.lastSeq = Math.max(this.lastSeq, entry.seq);
    // Insert before the first entry with a higher seq: pages of earlier history arrive after later entries.
    let before: HTMLElement | null = null;
    for (const [seq, other] of this.entries) if (seq > entry.seq && (!before || seq < Number(before.dataset.seq))) before = other;
    const stick = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 20;
    this.list.insertBefore(node, before);
    if (entry.kind === "CustomerMessage") this.showTyping(false);
    if (stick && !before) this.list.scrollTop = this.list.scrollHeight;
  }

  /** Reads the whole history again (after a reconnect): the latest pages, earlier ones on demand. */
  async reload(): Promise<void> {
    const conversation = await this.hub.invoke<Conversation>("GetConversation", this.id);
    this.update(conversation);
    const after = Math.max(0, conversation.lastSeq - pageSize);
    const page = await this.hub.invoke<History>("GetHistory", this.id, after, pageSize);
    this.addEntries(page.entries, after > 0);
  }

  update(conversation: Conversation): void {
    this.conversation = conversation;
    this.renderHeader();
  }

  showTyping(on = true): void {
    window.clearTimeout(this.typingTimer);
    this.typing.hidden = !on;
    this.typing.textContent = on ? ui.t.typing : "";
    if (on) this.typingTimer = window.setTimeout(() => this.showTyping(false), 6000);
  }

  private renderEarlier(): void {
    clear(this.earlier);
    if (this.firstSeq <= 1) return;
    this.earlier.append(button(ui.t.olderHistory, () => void this.loadEarlier()));
  }

  private async loadEarlier(): Promise<void> {
    const after = Math.max(0, this.firstSeq - 1 - pageSize);
    try {
      const page = await this.hub.invoke<History>("GetHistory", this.id, after, this.firstSeq - 1 - after);
      const height = this.list.scrollHeight;
      this.addEntries(page.entries);
      this.list.scrollTop += this.list.scrollHeight - height;
      if (after === 0) clear(this.earlier);
    } catch (e) {
      notify(errorText(e), "error");
    }
  }

  private renderHeader(): void {
    const c = this.conversation;
    const t = ui.t;
    clear(this.header);
    append(this.header,
      el("h3", {}, channelIcon(c.channel), " ", c.conversationId),
      el("span", { class: `status status-${c.status}` }, statusText(c.status)),
      el("span", { class: "meta" }, `${t.queue}: ${c.queue} · ${t.priority}: ${c.priority}${c.assignedAgent ? ` · ${t.agent}: ${c.assignedAgent}` : ""}`),
      this.mode === "watch" ? el("span", { class: "badge" }, t.watching) : null,
      button("×", () => this.onClose(this.id), { class: "close-tab", title: t.closeTab, "aria-label": t.closeTab }));
    this.compose.hidden = this.mode === "watch" || c.status === "Closed";
  }

  private renderCompose(): void {
    const t = ui.t;
    const text = el("textarea", { rows: "3", placeholder: t.reply, "aria-label": t.reply });
    const asNote = el("input", { type: "checkbox" });
    const canned = el("select", { "aria-label": t.canned }, el("option", { value: "" }, t.canned),
      ...cannedResponses[ui.lang].map((r) => el("option", { value: r }, r)));
    canned.addEventListener("change", () => {
      if (canned.value) text.value = text.value ? `${text.value} ${canned.value}` : canned.value;
      canned.value = "";
      text.focus();
    });
    const channel = el("select", { "aria-label": t.replyOn }, el("option", { value: "" }, `${t.replyOn}: ${t.currentChannel}`));
    channel.addEventListener("focus", () => void this.loadChannels(channel), { once: true });
    const send = async () => {
      const body = text.value.trim();
      if (!body) return;
      const id = `${asNote.checked ? "n" : "r"}_${randomId(16)}`;
      try {
        if (asNote.checked) await this.hub.invoke("AddNote", this.id, id, body);
        else if (channel.value) await this.hub.invoke("ReplyOn", this.id, id, body, channel.value);
        else await this.hub.invoke("Reply", this.id, id, body);
        text.value = "";
      } catch (e) {
        notify(errorText(e), "error");
      }
    };
    text.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void send();
    });
    const action = (label: string, run: () => Promise<void>) => button(label, () => void run().catch((e) => notify(errorText(e), "error")));
    this.compose.append(
      text,
      el("div", { class: "row" }, canned, channel, el("label", {}, asNote, ` ${t.note}`), button(t.send, () => void send(), { class: "primary" })),
      el("div", { class: "row actions" },
        action(t.transfer, async () => {
          const v = await askInline(this.actionHost, t.transfer, [
            { name: "queue", label: t.transferQueue }, { name: "agent", label: t.transferAgent }, { name: "note", label: t.note, kind: "textarea" }]);
          if (v) await this.hub.invoke("Transfer", this.id, v.queue || null, v.agent || null, v.note || null);
        }),
        action(t.invite, async () => {
          const v = await askInline(this.actionHost, t.invite, [{ name: "agent", label: t.inviteAgent, required: true }, { name: "canReply", label: t.canReply, kind: "checkbox" }]);
          if (v) await this.hub.invoke("Invite", this.id, v.agent, v.canReply === true);
        }),
        action(t.handBack, async () => {
          const v = await askInline(this.actionHost, t.handBack, [{ name: "reason", label: t.handBackReason, required: true }]);
          if (v) await this.hub.invoke("HandBack", this.id, v.reason);
        }),
        action(t.resolve, async () => {
          const v = await askInline(this.actionHost, t.resolve, [{ name: "reason", label: t.reason }]);
          if (v) await this.hub.invoke("Resolve", this.id, v.reason || null);
        }),
        action(t.close, async () => {
          const v = await askInline(this.actionHost, t.close, [{ name: "reason", label: t.reason }]);
          if (v) await this.hub.invoke("Close", this.id, v.reason || null);
        })));
  }

  private async loadChannels(select: HTMLSelectElement): Promise<void> {
    try {
      this.channels = await this.hub.invoke<Address[]>("GetChannels", this.id);
      for (const a of this.channels.slice(1)) select.append(el("option", { value: a.channel }, `${a.channel} — ${a.address}`));
    } catch (e) {
      notify(errorText(e), "error");
    }
  }
}

/** One history line, built with text nodes only. */
function renderEntry(e: Entry): HTMLElement {
  const t = ui.t;
  if (e.kind === "Event" || e.author.startsWith("step:")) {
    const hidden = e.author.startsWith("step:") || e.eventType === "delivery";
    const text = `${e.eventType ?? ""}${e.reason && e.reason !== e.eventType ? `: ${e.reason}` : ""}${e.text ? ` — ${e.text}` : ""}`;
    return el("li", { class: "event", "data-seq": String(e.seq), hidden }, el("span", { class: "time" }, timeOf(e.at, ui.lang)), " ", text);
  }
  const who = e.kind === "CustomerMessage" ? t.customer : e.author;
  const item = el("li", { class: `msg ${e.kind}`, "data-seq": String(e.seq) },
    el("div", { class: "meta" }, channelIcon(e.channel), " ", who, " · ", timeOf(e.sentAt ?? e.at, ui.lang),
      e.kind === "InternalNote" ? el("span", { class: "badge" }, t.noteLabel) : null,
      e.outboundId ? el("span", { class: "receipt" }) : null),
    e.email?.subject ? el("div", { class: "subject" }, `${t.subject}: `, e.email.subject) : null,
    el("div", { class: "text" }, e.text ?? ""));
  if (e.attachments && e.attachments.length > 0) {
    item.append(el("ul", { class: "attachments", "aria-label": t.attachments }, ...e.attachments.map((a) =>
      el("li", {}, "📎 ", safeLink(a.uri, a.fileName ?? a.uri), ` (${a.mediaType}, ${Math.ceil(a.sizeBytes / 1024)} kB)`))));
  }
  return item;
}
