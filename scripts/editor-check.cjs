// Drives the real yaml-language-server (the one VS Code's YAML extension runs) over stdio on
// plan files and checks what a planner sees in the editor: no diagnostics on good files, one
// clean hover per key in the county's main language (its caption as title, no " || " of
// alternatives, not the file's title), messages for patterns and choices in that language,
// completion in template order and a snippet for a new list item. Usage:
// node editor-check.cjs [--lang fi|sv] FILE... (plan files with a `$schema` line; Finnish
// when --lang is not given). Exits 1 on the first failed expectation.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const server = require.resolve('yaml-language-server/bin/yaml-language-server');
const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });

let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const published = new Map();
const waiters = [];
// What a planner reads in each language: the words expected, and words of the other
// language that must not show in any hover.
const WORDS = {
  fi: {
    indicator: 'Mittari', indicatorName: 'Mittarin nimi', badId: 'Tunnuksessa saa olla vain kirjaimia',
    snippet: 'Uusi mittari', wrongStatus: 'status: luonnos', statusMessage: 'draft (luonnos)',
    foreign: [],
  },
  sv: {
    indicator: 'Indikator', indicatorName: 'Indikatorns namn', badId: 'Ett id får bara ha bokstäverna',
    snippet: 'Ny: en indikator', wrongStatus: 'status: utkast', statusMessage: 'draft (utkast)',
    foreign: ['esimerkiksi', 'Kirjoita', 'kirjoita', ' ja ', ' tai ', 'Luettelo', 'Tunnus', 'Mittari', 'Päivämäärä'],
  },
};
const argv = process.argv.slice(2);
const langAt = argv.indexOf('--lang');
const lang = langAt >= 0 ? argv.splice(langAt, 2)[1] : 'fi';
const words = WORDS[lang];
if (!words) { console.error(`no expectations for --lang ${lang}`); process.exit(2); }

const settings = { yaml: { validate: true, hover: true, completion: true, format: { enable: false }, schemaStore: { enable: false } } };

function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
  proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  proc.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
function notify(method, params) { send({ method, params }); }

proc.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const msg = JSON.parse(buffer.slice(end + 4, end + 4 + length).toString('utf8'));
    buffer = buffer.slice(end + 4 + length);
    handle(msg);
  }
});

function handle(msg) {
  if (msg.id !== undefined && pending.has(msg.id) && msg.method === undefined) {
    const { resolve, reject } = pending.get(msg.id);
    pending.delete(msg.id);
    return msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result);
  }
  if (msg.method === 'workspace/configuration') {
    return send({ id: msg.id, result: msg.params.items.map((i) => (i.section ? settings[i.section] ?? settings.yaml : settings)) });
  }
  if (msg.id !== undefined && msg.method) return send({ id: msg.id, result: null });
  if (msg.method === 'textDocument/publishDiagnostics') {
    diagnostics.set(msg.params.uri, msg.params.diagnostics);
    published.set(msg.params.uri, Date.now());
    waiters.splice(0).forEach((w) => w());
  }
}

// How long diagnostics must have been there before they count (the server may publish again
// once a schema has loaded).
const settle = 1000;
function diagnosticsOf(uri) {
  // yaml-language-server publishes once validation (with the schema loaded) is done.
  return new Promise((resolve) => {
    const started = Date.now();
    const check = () => {
      if (diagnostics.has(uri) && Date.now() - published.get(uri) > settle) return resolve(diagnostics.get(uri));
      if (Date.now() - started > 15000) return resolve(diagnostics.get(uri) ?? null);
      setTimeout(check, 100);
    };
    check();
  });
}

let failures = 0;
function expect(ok, what) {
  if (ok) { console.log(`ok: ${what}`); } else { failures++; console.log(`FAILED: ${what}`); }
}

let version = 1;
async function open(file, text) {
  const uri = pathToFileURL(path.resolve(file)).href;
  diagnostics.delete(uri);
  notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: version++, text } });
  return uri;
}
async function change(uri, text) {
  diagnostics.delete(uri);
  notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text }] });
}
function position(text, needle, offset = 0) {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, at + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
function hoverText(hover) {
  if (!hover) return '';
  const c = hover.contents;
  return typeof c === 'string' ? c : Array.isArray(c) ? c.map((x) => x.value ?? x).join('\n') : c.value;
}

/// Opens every file at once, lets the server validate them, then checks each.
async function checkFiles(files) {
  const opened = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    opened.push({ file, text, uri: await open(file, text) });
  }
  for (const { file, text, uri } of opened) {
    const diags = await diagnosticsOf(uri);
    expect(Array.isArray(diags) && diags.length === 0, `${file}: no diagnostics (${JSON.stringify((diags || []).map((d) => d.message))})`);
    // Every top-level key hovers with its own Finnish title, once, without alternatives.
    const keys = [...text.matchAll(/^([a-z_]+):/gm)].map((m) => m[1]);
    for (const key of keys) {
      const hover = hoverText(await request('textDocument/hover', { textDocument: { uri }, position: position(text, `\n${key}:`, 2) }));
      expect(hover && !hover.includes(' || ') && !hover.includes('.yaml:') && !hover.includes('(sections/'),
        `${file}: hover on "${key}" is one clean entry: ${JSON.stringify(hover.slice(0, 120))}`);
      const foreign = words.foreign.filter((w) => hover.includes(w));
      expect(foreign.length === 0, `${file}: hover on "${key}" is in ${lang}, without ${JSON.stringify(foreign)}: ${JSON.stringify(hover.slice(0, 120))}`);
    }
  }
  return opened;
}

async function main() {
  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(process.cwd()).href,
    capabilities: {
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
        publishDiagnostics: {},
      },
      workspace: { configuration: true },
    },
  });
  notify('initialized', {});
  notify('workspace/didChangeConfiguration', { settings });

  const files = argv;
  const opened = await checkFiles(files);

  // A monitoring file: hover titles, a Finnish pattern message, completion order, snippet.
  const monitoring = files.find((f) => f.endsWith('sections/monitoring.yaml'));
  if (monitoring) {
    const { uri, text } = opened.find((o) => o.file === monitoring);
    const hover = hoverText(await request('textDocument/hover', { textDocument: { uri }, position: position(text, '    name:', 5) }));
    expect(hover.includes(words.indicator) && hover.includes(words.indicatorName), `indicator name hovers as "${words.indicator}" with its guidance: ${JSON.stringify(hover)}`);
    // Measured values: the schema accepts and refuses what `check` does (tests/testsuite/
    // pictures.rs runs the same cases through `check`). One it cannot see: a decimal comma
    // in a flow map, `{2024: 41,5}`, is `2024: 41` and a key `5` without a value, which the
    // editor lets pass while someone is typing; `check` refuses it with a hint.
    const modeline = text.split('\n')[0];
    const withValues = (v) => `${modeline}\ntext: Testi\nindicators:\n  - id: I1\n    name: Testi\n    values: ${v}\n`;
    for (const good of ['{2024: 41, 2025: 77.5}', '\n      2024: 41\n      2025: -3', '{2100: 0.25}']) {
      await change(uri, withValues(good));
      const d = (await diagnosticsOf(uri)) || [];
      expect(d.length === 0, `values ${JSON.stringify(good)} are accepted: ${JSON.stringify(d.map((x) => x.message))}`);
    }
    for (const bad of ['{1999: 41}', '{2024: "41 %"}', '{2024: 41, 5: 3}', '{vuosi: 41}', '[41, 77]', '{2024: "41"}']) {
      await change(uri, withValues(bad));
      const d = (await diagnosticsOf(uri)) || [];
      expect(d.length > 0, `values ${JSON.stringify(bad)} are refused: ${JSON.stringify(d.map((x) => x.message))}`);
    }
    const bad = text.replace(/(\n  - id: )\S+/, '$1Mittari 1');
    await change(uri, bad);
    const diags = (await diagnosticsOf(uri)) || [];
    expect(diags.some((d) => d.message.includes(words.badId)), `a bad id gets the ${lang} pattern message: ${JSON.stringify(diags.map((d) => d.message))}`);
    expect(!diags.some((d) => /does not match pattern|String does not match/.test(d.message)), 'no raw regular expression in the message');
    // A snippet for a new indicator at a new list item.
    const listEnd = text + '  - ';
    await change(uri, listEnd);
    const lines = listEnd.split('\n');
    const snippetItems = (await request('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: 4 } })) || [];
    const offered = Array.isArray(snippetItems) ? snippetItems : snippetItems.items;
    const snippets = offered.map((i) => i.label);
    expect(snippets.some((l) => l.includes(words.snippet)), `a snippet for a new indicator: ${JSON.stringify(snippets)}`);
    // The keys of a new item, in the order an editor lists them (by sortText, else label).
    const order = ['id', 'name', 'definition', 'source', 'baseline', 'baseline_year', 'target', 'target_year', 'frequency'];
    const keys = offered.filter((i) => order.includes(i.label));
    const sorted = [...keys].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
    expect(keys.map((i) => i.label).join() === order.join(), `completion sends the keys in template order: ${JSON.stringify(keys.map((i) => i.label))}`);
    console.log(`  as an editor sorts them: ${JSON.stringify(sorted)}`);
  }
  // A plan.yaml: a status outside the choices gets a message naming them, in the language.
  const planFile = files.find((f) => f.endsWith('plan.yaml'));
  if (planFile) {
    const { uri, text } = opened.find((o) => o.file === planFile);
    await change(uri, text.replace(/^status: \w+/m, words.wrongStatus));
    const diags = (await diagnosticsOf(uri)) || [];
    expect(diags.some((d) => d.message.includes(words.statusMessage)) && !diags.some((d) => d.message.includes('Value is not accepted')),
      `a wrong status gets a ${lang} message: ${JSON.stringify(diags.map((d) => d.message))}`);
  }
  // A reporting-cycle file: a month range over the turn of the year is fine, a list is not.
  const cycle = files.find((f) => f.endsWith('sections/reporting-cycle.yaml'));
  if (cycle) {
    const text = fs.readFileSync(cycle, 'utf8');
    const uri = await open(cycle, text.replace(/month: [^\n]+/, 'month: "12-1"'));
    const diags = (await diagnosticsOf(uri)) || [];
    expect(diags.length === 0, `month "12-1" is accepted: ${JSON.stringify(diags.map((d) => d.message))}`);
  }
  await request('shutdown', null);
  notify('exit', null);
  proc.kill();
  if (failures) { console.log(`${failures} expectation(s) failed`); process.exit(1); }
  console.log('all editor expectations hold');
}

main().catch((err) => { console.error(err); proc.kill(); process.exit(2); });
