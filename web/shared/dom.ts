// DOM helpers. Every text goes in through textContent: no server or customer text is ever parsed as HTML.

type Child = Node | string | null | undefined | false;

/** An element with attributes (set with setAttribute, never as HTML) and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : value);
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Empties an element. */
export function clear(node: Element): void {
  node.replaceChildren();
}

/** A button with a click handler. */
export function button(label: string, onClick: (e: MouseEvent) => void, attrs: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
  const b = el("button", { type: "button", ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

/**
 * A link to a uri only when it is an absolute https uri; otherwise the uri as plain text. The text is set with
 * textContent, the link opens in a new tab without access to this page.
 */
export function safeLink(uri: string, text: string): HTMLElement {
  if (!isHttps(uri)) return el("span", { class: "uri" }, text || uri);
  return el("a", { href: uri, target: "_blank", rel: "noopener noreferrer" }, text || uri);
}

export function isHttps(uri: string): boolean {
  try {
    const parsed = new URL(uri);
    return parsed.protocol === "https:" && parsed.host.length > 0;
  } catch {
    return false;
  }
}

/** A random id of url-safe base64 characters (crypto-strength). */
export function randomId(length = 22): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = "";
  for (const b of bytes) id += alphabet[b & 63];
  return id;
}

/** The browser's language if French, else English; a stored choice wins. */
export function pickLanguage(storageKey: string): "fr" | "en" {
  const stored = localStorage.getItem(storageKey);
  if (stored === "fr" || stored === "en") return stored;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    const code = (l ?? "").toLowerCase().slice(0, 2);
    if (code === "fr") return "fr";
    if (code === "en") return "en";
  }
  return "en";
}

/** A short time of day, in the page's language. */
export function timeOf(iso: string | null | undefined, lang: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
}

export function dateTimeOf(iso: string | null | undefined, lang: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString(lang, { dateStyle: "short", timeStyle: "short" });
}
