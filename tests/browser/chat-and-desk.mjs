// The whole product in a real browser (run by tests/Grid.Tests/Web/BrowserTests.cs against its own embedded host):
// a visitor writes in /chat and the bot answers; the visitor asks for a person; an agent signed in on /desk receives
// the offer with its context, accepts and replies; the visitor sees the agent join and the reply live; then an SMS the
// test posts over gRPC shows on the desk as a second offer. Screenshots of both pages go to GRID_SCREENSHOTS.
// Protocol with the test: prints "READY_FOR_SMS", reads "SMS <conversationId>" on stdin, prints "DONE" at the end.
import { chromium } from "playwright-core";
import { createInterface } from "node:readline";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const base = process.env.GRID_BASE_URL;
const shots = process.env.GRID_SCREENSHOTS;
const executablePath = process.env.GRID_CHROMIUM ?? "/usr/bin/chromium";
const timeout = 30_000;
if (!base || !shots) {
  console.error("GRID_BASE_URL and GRID_SCREENSHOTS are required");
  process.exit(2);
}

mkdirSync(shots, { recursive: true });
const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once("line", resolve));
const problems = [];

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
try {
  const desk = await open("desk");
  const chat = await open("chat");

  // The agent signs in with the demo sign-in and becomes available.
  await desk.goto(`${base}/desk`);
  await desk.fill("form.dev-signin input[name=agentId]", "alice");
  await desk.fill("form.dev-signin input[name=displayName]", "Alice Martin");
  await desk.click("form.dev-signin button[type=submit]");
  await desk.locator('select:has(option[value="Available"])').selectOption("Available");
  await desk.locator("header .conn").waitFor({ timeout });

  // The visitor asks the bot something it knows.
  await chat.goto(`${base}/chat`);
  await say(chat, "bonjour, quels sont vos horaires d'ouverture ?");
  const answer = chat.locator("ol.messages li.msg.bot .text").first();
  await answer.waitFor({ timeout });
  expect((await answer.textContent()).includes("lundi"), `the bot's answer names the opening days: ${await answer.textContent()}`);

  // Then asks for a person: the offer reaches the desk with its context.
  await say(chat, "je voudrais parler à un conseiller svp");
  const offer = desk.locator("ul.offers li.offer").first();
  await offer.waitFor({ timeout });
  const offerText = await offer.textContent();
  expect(offerText.includes("asked-for-human"), `the offer says why it came: ${offerText}`);
  expect(offerText.includes("je voudrais parler à un conseiller"), `the offer shows the customer's words: ${offerText}`);
  await desk.screenshot({ path: join(shots, "desk-offer.png"), fullPage: true });
  await offer.locator("button.primary").click();

  // The agent works the conversation: the whole history is there, then replies.
  const column = desk.locator("section.conversation").first();
  await column.waitFor({ timeout });
  await column.locator("li.msg.CustomerMessage", { hasText: "quels sont vos horaires" }).waitFor({ timeout });
  await column.locator("li.msg.BotMessage").first().waitFor({ timeout });
  await column.locator(".compose textarea").fill("Bonjour, je suis Alice. Comment puis-je vous aider ?");
  await column.locator(".compose button.primary").click();

  // The visitor sees the agent join and the reply, live.
  await chat.locator("ol.messages li.system.agent-joined").waitFor({ timeout });
  expect((await chat.locator("ol.messages li.system.agent-joined").textContent()).includes("Alice Martin"), "the visitor is told who joined");
  await chat.locator("ol.messages li.msg.agent .text", { hasText: "Comment puis-je vous aider" }).waitFor({ timeout });
  await chat.screenshot({ path: join(shots, "chat.png"), fullPage: true });

  // An SMS from another customer, posted over gRPC by the test, is a second offer on the same desk.
  console.log("READY_FOR_SMS");
  const [, conversationId] = (await nextLine()).split(" ");
  await desk.locator("ul.offers li.offer", { hasText: conversationId }).waitFor({ timeout });
  await desk.screenshot({ path: join(shots, "desk.png"), fullPage: true });

  for (const notice of await desk.locator("#notices .notice.error").allTextContents()) {
    problems.push(`desk notice: ${notice}`);
  }

  if (problems.length > 0) {
    throw new Error(`the pages reported errors:\n${problems.join("\n")}`);
  }

  console.log("DONE");
} catch (error) {
  console.error(String(error?.stack ?? error));
  process.exitCode = 1;
} finally {
  await browser.close();
  lines.close();
}

async function open(name) {
  const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`${name}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${name} console: ${m.text()}`);
  });
  return page;
}

async function say(page, text) {
  await page.fill("form.compose textarea", text);
  await page.click("form.compose button[type=submit]");
  // Sent, not just queued: the outbox shows a message as "pending" until the hub has taken it.
  await page.locator("ol.messages li.msg.customer:not(.pending) .text", { hasText: text }).waitFor({ timeout });
}

function expect(condition, what) {
  if (!condition) throw new Error(`expected: ${what}`);
}
