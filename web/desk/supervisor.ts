// The supervisor's view: queues (depth, longest wait), agents (presence, load), the tenant's live conversations with
// Watch, Join and Take over. ListQueues and ListAgents may be missing on an older server: a message says so.

import type { HubConnection } from "@microsoft/signalr";
import { append, button, clear, dateTimeOf, el } from "../shared/dom";
import type { AgentStats, LiveConversation, LiveConversationPage, QueueStats } from "./types";
import { channelIcon, errorText, isMissingMethod, statusText, ui } from "./ui";

export type SupervisorAction = "Watch" | "Join" | "TakeOver";

export class SupervisorView {
  readonly root = el("section", { class: "supervisor", hidden: true });
  private readonly queues = el("div");
  private readonly agents = el("div");
  private readonly live = el("div");
  private timer = 0;
  private next: string | null = null;

  constructor(private readonly hub: HubConnection, private readonly open: (action: SupervisorAction, conversationId: string) => void) {
    const t = ui.t;
    this.root.append(
      el("div", { class: "row" }, el("h2", {}, t.supervisor), button(t.refresh, () => void this.refresh())),
      el("h3", {}, t.queues), this.queues,
      el("h3", {}, t.agents), this.agents,
      el("h3", {}, t.live), this.live);
  }

  show(on: boolean): void {
    this.root.hidden = !on;
    window.clearInterval(this.timer);
    if (on) {
      void this.refresh();
      this.timer = window.setInterval(() => void this.refresh(), 10_000);
    }
  }

  async refresh(): Promise<void> {
    await Promise.all([this.loadQueues(), this.loadAgents(), this.loadLive(false)]);
  }

  private async loadQueues(): Promise<void> {
    const t = ui.t;
    try {
      const queues = await this.hub.invoke<QueueStats[]>("ListQueues");
      clear(this.queues);
      this.queues.append(table([t.queue, t.depth, t.longestWait, t.agentsAvailable],
        queues.map((q) => [q.queue, String(q.depth), duration(q.longestWaitSeconds), String(q.agentsAvailable)])));
    } catch (e) {
      this.queues.replaceChildren(el("p", { class: "muted" }, isMissingMethod(e) ? t.notAvailable : errorText(e)));
    }
  }

  private async loadAgents(): Promise<void> {
    const t = ui.t;
    try {
      const agents = await this.hub.invoke<AgentStats[]>("ListAgents");
      clear(this.agents);
      this.agents.append(table([t.agent, t.presence, t.load, t.idleSince], agents.map((a) => [
        `${a.displayName} (${a.agentId})`,
        `${(ui.t as Record<string, string>)[a.presence] ?? a.presence}${a.reason ? ` — ${a.reason}` : ""}`,
        Object.entries(a.load ?? {}).map(([channel, l]) => `${channel} ${l.used}/${l.capacity}`).join(", "),
        dateTimeOf(a.idleSinceUtc, ui.lang),
      ])));
    } catch (e) {
      this.agents.replaceChildren(el("p", { class: "muted" }, isMissingMethod(e) ? t.notAvailable : errorText(e)));
    }
  }

  private async loadLive(more: boolean): Promise<void> {
    const t = ui.t;
    try {
      const page = await this.hub.invoke<LiveConversationPage>("ListConversations", null, null, null, more ? this.next : null, 50);
      this.next = page.next;
      if (!more) clear(this.live);
      let body = this.live.querySelector("tbody");
      if (!body) {
        const head = el("tr", {}, ...[t.conversations, t.status, t.queue, t.agent, t.priority, ""].map((h) => el("th", {}, h)));
        body = el("tbody");
        this.live.append(el("table", {}, el("thead", {}, head), body));
      }
      for (const c of page.conversations) body.append(this.row(c));
      this.live.querySelector(".more")?.remove();
      if (page.next) this.live.append(button(t.more, () => void this.loadLive(true), { class: "more" }));
    } catch (e) {
      this.live.replaceChildren(el("p", { class: "muted" }, errorText(e)));
    }
  }

  private row(c: LiveConversation): HTMLElement {
    const t = ui.t;
    const act = (label: string, action: SupervisorAction) => button(label, () => this.open(action, c.conversationId));
    const row = el("tr", {},
      el("td", {}, channelIcon(c.channel), " ", c.conversationId),
      el("td", {}, statusText(c.status)),
      el("td", {}, c.queue),
      el("td", {}, c.assignedAgent ?? "–"),
      el("td", {}, String(c.priority)));
    append(row, el("td", {}, act(t.watch, "Watch"), act(t.join, "Join"), act(t.takeOver, "TakeOver")));
    return row;
  }
}

function table(headers: string[], rows: string[][]): HTMLElement {
  return el("table", {},
    el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", {}, h)))),
    el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((cell) => el("td", {}, cell))))));
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

