// The embeddable widget: <script src="https://grid.example/chat/widget.js" data-widget-key="wk_…" async></script>.
// It adds a button that opens Grid's chat page in an iframe panel (the chat runs on Grid's origin, under its own
// Content-Security-Policy). No HTML strings: elements are created and styled one by one. It imports nothing, so the
// build emits a plain script.

(() => {
  const script = document.currentScript as HTMLScriptElement | null
    ?? document.querySelector<HTMLScriptElement>("script[data-widget-key][src*='/chat/widget.js']");
  const key = script?.dataset.widgetKey;
  if (!script || !key || document.getElementById("grid-chat-widget")) return;
  const origin = new URL(script.src, location.href).origin;
  const french = (navigator.language || "").toLowerCase().startsWith("fr");

  const root = document.createElement("div");
  root.id = "grid-chat-widget";
  Object.assign(root.style, { position: "fixed", right: "16px", bottom: "16px", zIndex: "2147483000", fontFamily: "system-ui, sans-serif" });

  const panel = document.createElement("iframe");
  panel.title = french ? "Discuter avec nous" : "Chat with us";
  panel.src = `${origin}/chat/?widget=${encodeURIComponent(key)}`;
  panel.setAttribute("allow", "autoplay");
  panel.loading = "lazy";
  Object.assign(panel.style, {
    display: "none", width: "min(380px, calc(100vw - 32px))", height: "min(560px, calc(100vh - 96px))", border: "1px solid #d9dde3",
    borderRadius: "12px", boxShadow: "0 8px 24px rgba(0,0,0,.2)", background: "#fff", marginBottom: "8px",
  });

  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.textContent = french ? "💬 Discuter" : "💬 Chat";
  toggle.setAttribute("aria-expanded", "false");
  Object.assign(toggle.style, {
    display: "block", marginLeft: "auto", padding: "10px 16px", border: "0", borderRadius: "24px", background: "#2457d6", color: "#fff",
    fontSize: "15px", cursor: "pointer", boxShadow: "0 4px 12px rgba(0,0,0,.2)",
  });
  toggle.addEventListener("click", () => {
    const open = panel.style.display === "none";
    panel.style.display = open ? "block" : "none";
    toggle.setAttribute("aria-expanded", String(open));
  });

  root.append(panel, toggle);
  (document.body ?? document.documentElement).append(root);
})();
