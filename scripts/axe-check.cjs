// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on every .html file under a folder, in
// Debian's headless Chromium driven by playwright-core, at a phone width (390 px) and a
// desktop width (1280 px). At each width it also checks that no table is cut off: every
// table either fits its box or sits in a labelled, keyboard-focusable scroll region. Prints
// each problem with its page, width and element; exits 1 if there is any. With
// SCREENSHOTS=DIR it saves a full-page PNG of every page at both widths there. Nothing is
// fetched from the network.
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const WIDTHS = [390, 1280];

function pages(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? pages(p) : e.name.endsWith(".html") ? [p] : [];
  });
}

// In the page: every table wider than its box must be inside a focusable, labelled region
// that scrolls; and the page itself must not scroll sideways.
function cutOffTables() {
  const problems = [];
  for (const table of document.querySelectorAll("table")) {
    let box = table.parentElement;
    const region = table.closest("[role=region]");
    const overflows = table.scrollWidth > box.clientWidth + 1;
    if (!overflows) continue;
    const scrolls = region && getComputedStyle(region).overflowX !== "visible"
      && getComputedStyle(region).overflowX !== "hidden";
    const focusable = region && region.tabIndex >= 0;
    const labelled = region && (region.getAttribute("aria-labelledby") || region.getAttribute("aria-label"));
    if (!(scrolls && focusable && labelled)) {
      const cap = table.querySelector("caption");
      problems.push("table cut off: " + (cap ? cap.textContent.trim().slice(0, 60) : table.outerHTML.slice(0, 60)));
    }
  }
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) {
    problems.push(`page scrolls sideways (${doc.scrollWidth} px wide in ${doc.clientWidth} px)`);
  }
  return problems;
}

(async () => {
  const root = path.resolve(process.argv[2] || "output/site");
  const shots = process.env.SCREENSHOTS ? path.resolve(process.env.SCREENSHOTS) : null;
  const axe = require.resolve("axe-core/axe.min.js");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
  let violations = 0;
  const files = pages(root).sort();
  for (const width of WIDTHS) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const file of files) {
      const rel = path.relative(root, file);
      await page.goto("file://" + file);
      await page.addScriptTag({ path: axe });
      const result = await page.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        }));
      for (const v of result.violations) {
        for (const node of v.nodes) {
          violations++;
          console.log(`${rel} @${width}px: ${v.id} (${v.impact}): ${v.help}\n    ${node.target.join(" ")}`);
        }
      }
      for (const problem of await page.evaluate(cutOffTables)) {
        violations++;
        console.log(`${rel} @${width}px: ${problem}`);
      }
      if (shots) {
        const out = path.join(shots, `${width}`, rel.replace(/\.html$/, ".png"));
        fs.mkdirSync(path.dirname(out), { recursive: true });
        await page.screenshot({ path: out, fullPage: true });
      }
    }
    await page.close();
  }
  await browser.close();
  console.log(`axe: ${files.length} pages at ${WIDTHS.join(" and ")} px, ${violations} violation(s)`);
  process.exit(violations ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
