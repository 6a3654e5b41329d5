// Small pieces the desk's screens share: words, icons, the beep, inline forms and notices.

import { button, el } from "../shared/dom";
import { dictionaries, type Words } from "./i18n";

export const ui = {
  lang: "en" as "en" | "fr",
  get t(): Words {
    return dictionaries[ui.lang];
  },
};

const channelIcons: Record<string, string> = {
  Sms: "💬", Email: "✉️", WhatsApp: "🟢", WebChat: "🌐", Voice: "📞", Messenger: "🔵",
};

/** A channel as an icon with its name as a tooltip (text, no image fetched). */
export function channelIcon(channel: string): HTMLElement {
  return el("span", { class: "channel", title: channel, "aria-label": channel }, channelIcons[channel] ?? "•");
}

export function statusText(status: string): string {
  const key = `status_${status}` as keyof Words;
  return (ui.t[key] as string | undefined) ?? status;
}

let audio: AudioContext | null = null;

/** A short two-tone beep through WebAudio: nothing is fetched. Silent until the page has had a user gesture. */
export function beep(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.15, now + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.18);
      osc.stop(now + i * 0.18 + 0.17);
    }
  } catch {
    // no audio device or not allowed yet: the offer still shows
  }
}

/** Shows a notice (error or alert) at the top of the page for a while. */
export function notify(text: string, kind: "error" | "alert" | "info" = "info"): void {
  const box = document.getElementById("notices");
  if (!box) return;
  const item = el("div", { class: `notice ${kind}`, role: kind === "info" ? "status" : "alert" }, text);
  item.append(button("×", () => item.remove(), { class: "dismiss", "aria-label": "dismiss" }));
  box.append(item);
  setTimeout(() => item.remove(), kind === "info" ? 4000 : 15000);
}

/** The message of a hub error without SignalR's prefix. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const marker = "HubException: ";
  const at = message.indexOf(marker);
  return at >= 0 ? message.slice(at + marker.length) : message;
}

export function isMissingMethod(error: unknown): boolean {
  return errorText(error).includes("Method does not exist");
}

export interface Field { name: string; label: string; kind?: "text" | "checkbox" | "textarea"; required?: boolean }

/**
 * An inline form (instead of window.prompt) placed in a host element: the fields, OK and Cancel. Resolves with the
 * values, or null when cancelled.
 */
export function askInline(host: HTMLElement, title: string, fields: Field[]): Promise<Record<string, string | boolean> | null> {
  host.replaceChildren();
  return new Promise((resolve) => {
    const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
    const form = el("form", { class: "inline-form" }, el("strong", {}, title));
    for (const f of fields) {
      const input = f.kind === "textarea" ? el("textarea", { name: f.name, rows: "2" }) : el("input", { name: f.name, type: f.kind === "checkbox" ? "checkbox" : "text" });
      if (f.required) input.required = true;
      inputs.set(f.name, input);
      form.append(el("label", {}, f.kind === "checkbox" ? input : f.label, f.kind === "checkbox" ? f.label : input));
    }
    const done = (value: Record<string, string | boolean> | null) => {
      host.replaceChildren();
      resolve(value);
    };
    form.append(el("div", { class: "row" }, el("button", { type: "submit" }, ui.t.ok), button(ui.t.cancel, () => done(null))));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const values: Record<string, string | boolean> = {};
      for (const [name, input] of inputs) values[name] = input instanceof HTMLInputElement && input.type === "checkbox" ? input.checked : input.value.trim();
      done(values);
    });
    host.append(form);
    inputs.values().next().value?.focus();
  });
}
