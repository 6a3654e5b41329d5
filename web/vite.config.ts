import { resolve } from "node:path";
import { defineConfig } from "vite";

// Two pages and the widget, built into the edge's wwwroot (served from embedded resources, see
// src/Edge/Grid.Edge/Web). Page assets get hashed names under /assets/ (cached for a year); the widget keeps a fixed
// name, chat/widget.js, because tenants embed it by address. The widget imports nothing, so its output is a plain
// script that works with <script async> as well as type="module".
export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, "../src/Edge/Grid.Edge/wwwroot"),
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    sourcemap: false,
    modulePreload: { polyfill: false },
    cssCodeSplit: true,
    rollupOptions: {
      input: {
        desk: resolve(import.meta.dirname, "desk/index.html"),
        chat: resolve(import.meta.dirname, "chat/index.html"),
        widget: resolve(import.meta.dirname, "chat/widget.ts"),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === "widget" ? "chat/widget.js" : "assets/[name]-[hash].js"),
        chunkFileNames: "assets/shared-[hash].js",
        assetFileNames: "assets/[name]-[hash][extname]",
      },
    },
  },
});
