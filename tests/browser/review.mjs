// Headless-browser test of `figcheck review`, run by tests/review.rs.
//
// Usage: node review.mjs URL
//
// Opens the review page at URL in Chromium, dismisses the first FC201
// finding ("two agencies differ") and accepts another finding (FC203 if
// there is one: "checked with the desk"), waits until each card's status
// shows the saved decision, then prints one JSON line:
//   {"dismissed":"<fingerprint>","accepted":"<fingerprint>"}
// Any failure (no such card, a request refused, a timeout) exits non-zero.
//
// Chromium is the system one: /usr/bin/chromium, or $CHROMIUM.

import { chromium } from "playwright-core";

const TIMEOUT_MS = 15000;

const DISMISS_REASON = "two agencies differ";
const ACCEPT_REASON = "checked with the desk";

function fail(message) {
  process.stderr.write(`review.mjs: ${message}\n`);
  process.exit(1);
}

const url = process.argv[2];
if (!url || process.argv.length !== 3) {
  fail("usage: node review.mjs URL");
}

const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

// Everything must finish in bounded time, even if the browser hangs.
const watchdog = setTimeout(() => fail("timed out after 90 s"), 90000);
watchdog.unref();

/** Type `reason` into the card, click `button`, wait for `.status` == `want`. */
async function decide(card, button, reason, want) {
  await card.locator(".reason").fill(reason, { timeout: TIMEOUT_MS });
  await card.locator(button).click({ timeout: TIMEOUT_MS });
  const status = card.locator(".status");
  try {
    await status.filter({ hasText: new RegExp(`^\\s*${want}\\s*$`) }).waitFor({ timeout: TIMEOUT_MS });
  } catch (e) {
    const shown = (await status.textContent().catch(() => null)) ?? "(unreadable)";
    throw new Error(`status did not become "${want}"; it shows "${shown.trim()}"`);
  }
}

let browser;
let code = 0;
const pageErrors = [];
try {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: 30000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    // A missing /favicon.ico is not the page's fault.
    if (m.type() === "error" && !/\/favicon\.ico$/.test(m.location().url || "")) {
      pageErrors.push(`console: ${m.text()}`);
    }
  });

  const response = await page.goto(url, { waitUntil: "load", timeout: TIMEOUT_MS });
  if (!response || !response.ok()) {
    throw new Error(`GET ${url}: HTTP ${response ? response.status() : "no response"}`);
  }
  const token = await page.locator("main").getAttribute("data-token");
  if (!token) {
    throw new Error("the page has no review token (<main data-token>): not a review page");
  }

  const cards = page.locator("article.card");
  const total = await cards.count();
  if (total < 2) {
    throw new Error(`expected at least 2 finding cards, found ${total}`);
  }

  // The first FC201 card, and another card: FC203 if any, else the first other one.
  const withCode = (code) => cards.filter({ has: page.locator(".code", { hasText: new RegExp(`^${code}$`) }) });
  if ((await withCode("FC201").count()) === 0) {
    throw new Error("no FC201 card on the page");
  }
  const conflictFp = await withCode("FC201").first().getAttribute("data-fingerprint");
  if (!conflictFp) {
    throw new Error("the FC201 card has no data-fingerprint");
  }
  const otherFp = await ((await withCode("FC203").count()) > 0
    ? withCode("FC203").first()
    : page.locator(`article.card:not([data-fingerprint="${conflictFp}"])`).first()
  ).getAttribute("data-fingerprint");
  if (!otherFp) {
    throw new Error("the second card has no data-fingerprint");
  }
  if (conflictFp === otherFp) {
    throw new Error(`both picked cards have fingerprint ${conflictFp}`);
  }
  // From here on, each card is the one with its fingerprint (exactly one).
  const byFingerprint = async (fp) => {
    const card = page.locator(`article.card[data-fingerprint="${fp}"]`);
    const n = await card.count();
    if (n !== 1) throw new Error(`${n} cards have fingerprint ${fp}`);
    return card;
  };
  const conflict = await byFingerprint(conflictFp);
  const other = await byFingerprint(otherFp);

  await decide(conflict, ".dismiss", DISMISS_REASON, "dismissed");
  await decide(other, ".accept", ACCEPT_REASON, "accepted");

  // The page marks decided cards; check the classes too.
  const conflictClass = (await conflict.getAttribute("class")) || "";
  const otherClass = (await other.getAttribute("class")) || "";
  if (!/\bdecided-dismissed\b/.test(conflictClass)) {
    throw new Error(`dismissed card's class is "${conflictClass}"`);
  }
  if (!/\bdecided-accepted\b/.test(otherClass)) {
    throw new Error(`accepted card's class is "${otherClass}"`);
  }
  if (pageErrors.length > 0) {
    throw new Error(`errors in the page: ${pageErrors.join("; ")}`);
  }

  process.stdout.write(JSON.stringify({ dismissed: conflictFp, accepted: otherFp }) + "\n");
} catch (e) {
  process.stderr.write(`review.mjs: ${e && e.message ? e.message : e}\n`);
  code = 1;
} finally {
  if (browser) {
    await browser.close().catch(() => {});
  }
}
process.exit(code);
