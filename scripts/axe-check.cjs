// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on every .html file under a folder, in
// Debian's headless Chromium driven by playwright-core. Prints each violation with its
// page and element; exits 1 if there is any. Nothing is fetched from the network.
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

function pages(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? pages(p) : e.name.endsWith(".html") ? [p] : [];
  });
}

(async () => {
  const root = path.resolve(process.argv[2] || "output/site");
  const axe = require.resolve("axe-core/axe.min.js");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  let violations = 0;
  const files = pages(root).sort();
  for (const file of files) {
    await page.goto("file://" + file);
    await page.addScriptTag({ path: axe });
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      }));
    for (const v of result.violations) {
      for (const node of v.nodes) {
        violations++;
        console.log(`${path.relative(root, file)}: ${v.id} (${v.impact}): ${v.help}\n    ${node.target.join(" ")}`);
      }
    }
  }
  await browser.close();
  console.log(`axe: ${files.length} pages, ${violations} violation(s)`);
  process.exit(violations ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
