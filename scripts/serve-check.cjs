// Drives the live preview in headless Chromium: edit, break and fix a YAML file and watch
// the open page follow by itself; open it at a YAML line and find that line's element. Usage: node serve-check.cjs URL FILE. Exits 1 on failure.
const fs = require("fs");
const { chromium } = require("playwright-core");

const [url, file] = process.argv.slice(2);
const original = fs.readFileSync(file, "utf8");
const edited = original.replace("text: |\n", "text: |\n  Selaimessa näkyvä muutos.\n\n");
const broken = "text: [\n";

async function waitForText(page, predicate, what) {
  const start = Date.now();
  await page.waitForFunction(predicate, null, { timeout: 10000 }).catch(() => {
    throw new Error("the page did not show " + what);
  });
  return Date.now() - start;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(url);
    await page.waitForSelector("#rakeplan-preview");
    await page.evaluate(() => window.scrollTo(0, 1500));
    await page.waitForTimeout(300);
    const before = await page.evaluate(() => window.scrollY);
    // The paragraph (or row, or heading) at the top of the window: the reader's place.
    const topBlock = () => {
      for (const el of document.querySelectorAll("main h2, main h3, main p, main li, main tr")) {
        const r = el.getBoundingClientRect();
        if (r.bottom > 0 && r.height > 0) return el.textContent.trim().slice(0, 80);
      }
      return null;
    };
    const placeBefore = await page.evaluate(topBlock);

    fs.writeFileSync(file, edited);
    const ms = await waitForText(page, () => document.body.innerText.includes("Selaimessa näkyvä muutos."), "the edit");
    await page.waitForTimeout(200);
    const after = await page.evaluate(() => window.scrollY);
    const placeAfter = await page.evaluate(topBlock);
    console.log(`edit shown after ${ms} ms; scroll ${before} → ${after}; at the top: "${placeAfter}"`);
    // The edit adds a paragraph above the reader: the same text stays at the top.
    if (placeAfter !== placeBefore) throw new Error(`the reload lost the place: "${placeBefore}" → "${placeAfter}"`);
    if (after <= before) throw new Error(`the text added above did not move the page: ${before} → ${after}`);

    fs.writeFileSync(file, broken);
    const msBroken = await waitForText(page, () => document.body.innerText.includes("The plan has errors"), "the errors");
    const text = await page.evaluate(() => document.body.innerText);
    if (!/introduction\.yaml:\d+:\d+/.test(text)) throw new Error("the errors name no file and line:\n" + text);
    console.log(`errors shown after ${msBroken} ms`);

    fs.writeFileSync(file, edited);
    const msFixed = await waitForText(page, () => !document.body.innerText.includes("The plan has errors")
      && document.body.innerText.includes("Selaimessa näkyvä muutos."), "the plan again");
    console.log(`plan back after ${msFixed} ms`);

    // Opened at a line of a YAML file (as the language server does): the element written
    // there is at the top of the window, and each part's pencil link is reachable with Tab.
    const at = "regions/kainuu/sections/focus-areas.yaml";
    const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await fresh.goto(url + "?at=" + at + ":40");
    await fresh.waitForTimeout(300);
    const shown = await fresh.evaluate((at) => {
      let best = null, line = 0;
      for (const el of document.querySelectorAll("[data-line]")) {
        const [f, l] = el.getAttribute("data-line").split(":");
        if (f === at && +l <= 40 && +l > line) { best = el; line = +l; }
      }
      return best ? Math.round(best.getBoundingClientRect().top) + " " + best.getAttribute("data-line") : null;
    }, at);
    if (!shown || Math.abs(parseInt(shown, 10)) > 2) throw new Error("?at= did not show its element: " + shown);
    const focused = await fresh.evaluate(() => document.activeElement.className + " " + document.activeElement.getAttribute("aria-label"));
    if (!focused.startsWith("rakeplan-src") || !focused.includes("focus-areas.yaml, rivi 40")) {
      throw new Error("?at= did not focus the element's link: " + focused);
    }
    await fresh.keyboard.press("Tab");
    const next = await fresh.evaluate(() => document.activeElement.getAttribute("aria-label"));
    console.log(`?at= shows ${shown.split(" ")[1]} at the top, its link focused; Tab goes on to "${next}"`);
    await fresh.close();
  } catch (e) {
    console.error("serve-check: " + e.message);
    process.exitCode = 1;
  } finally {
    fs.writeFileSync(file, original);
    await browser.close();
  }
})();
