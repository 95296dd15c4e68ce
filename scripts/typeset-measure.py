#!/usr/bin/env python3
"""Measure the typesetting of plan and redline PDFs, as a typographer reads them (issue 23).

Prints, per PDF:
  hyph table / body   share of hyphenated line ends in table text (9-10 pt) and body text (11 pt)
  frag2               hyphenations leaving a fragment of one or two letters ("ra-", "-sa")
  lone rows           a table page holding a single row of a table that runs over pages
  split §/%/num       "§" at a line end, "%" at a line start, "1" / "200" split over lines
  outline             bookmark titles, and how many run the number into the title ("3Tavoitteet")
  bold-only P         paragraphs tagged P that hold only bold text (subheadings not tagged so)
  H2-6                headings under the sections' (subsections, subheadings)
  captions out        Caption elements outside their Table (or Figure) in the structure tree
  foreign lang        structure elements tagged with a language the county does not write
  title               the PDF's document title

Usage:
  scripts/typeset-measure.py                 every PDF under output/ (stored versions, drafts)
  scripts/typeset-measure.py --redlines      ... and redline PDFs of each county, built into a
                                             temporary folder with `rakeplan diff` (needs cargo)
  scripts/typeset-measure.py --fresh         every county's current version (approved or draft)
                                             built now into a temporary store with
                                             `rakeplan build --out` (the stored versions
                                             under output/ keep the template they were
                                             built with); combine with --redlines
  scripts/typeset-measure.py a.pdf b.pdf     the PDFs given

Needs pdftotext (poppler-utils) and qpdf. Reads only; writes nothing in the repository.
"""

import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
# A compound's first part written with a hyphen before "ja" / "och" ("sosiaali- ja
# terveyspalvelut") is not a hyphenation.
CONJ = {"ja", "tai", "sekä", "och", "eller", "samt", "and", "or"}
# The word box of a text is about 1.14 times its size (Libertinus Serif): table text
# (9-9.5 pt) stands between the running head (8.5 pt) and the body (11 pt).
TABLE_H = (10.0, 11.6)
BODY_H = (11.6, 13.4)
HYPHENS = "-\u00ad\u2010"  # typst ends a hyphenated line with a soft hyphen
GAP = 7.0  # points between two words of one line that make them two columns


def unescape(s):
    return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def segments(pdf):
    """Lines of text split at column gaps, per page: (page, height, words), each word a
    (x0, x1, text), in reading order of their block."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    page = 0
    for chunk in re.split(r"(<page |<block |<line )", out):
        if chunk == "<page ":
            page += 1
            continue
        if chunk == "<block ":
            yield (page, None, None)  # a new block
            continue
        if chunk in ("<line ",):
            continue
        words = [
            (float(m[1]), float(m[3]), float(m[4]) - float(m[2]), unescape(m[5]))
            for m in WORD.finditer(chunk)
        ]
        if not words:
            continue
        seg = [words[0]]
        for w in words[1:]:
            if w[0] - seg[-1][1] > GAP:
                yield (page, seg[0][2], seg)
                seg = []
            seg.append(w)
        yield (page, seg[0][2], seg)


def text_figures(pdf):
    lines = {"table": [0, 0], "body": [0, 0]}
    frag2 = 0
    split = 0
    blocks = []
    for page, h, seg in segments(pdf):
        if seg is None:
            blocks.append([])
            continue
        if not blocks:
            blocks.append([])
        blocks[-1].append((page, h, seg))
    for block in blocks:
        for i, (page, h, seg) in enumerate(block):
            kind = (
                "table" if TABLE_H[0] <= h < TABLE_H[1] else "body" if BODY_H[0] <= h < BODY_H[1] else None
            )
            last = seg[-1][3]
            # The segment under this one in the same block: where a broken word goes on.
            below = None
            for p2, h2, s2 in block[i + 1 :]:
                if s2[0][0] < seg[-1][1] and s2[-1][1] > seg[0][0] and s2[0][0] >= seg[0][0] - 2:
                    below = s2
                    break
            nxt = below[0][3] if below else ""
            if last == "§" or (re.fullmatch(r"\d{1,3}", last) and re.match(r"\d{3}\b", nxt)):
                split += 1
            if seg[0][3] in ("%", "€"):
                split += 1
            if kind is None:
                continue
            lines[kind][1] += 1
            hyphenated = (
                len(last) > 1
                and last[-1] in HYPHENS
                and last[-2].isalpha()
                and nxt.lower().strip(",.") not in CONJ
            )
            if hyphenated:
                lines[kind][0] += 1
                head = re.split(r"[-/\u00ad]", last[:-1])[-1]
                tail = re.match(r"[^\W\d_]*", nxt).group(0)
                if len(head) <= 2 or (0 < len(tail) <= 2):
                    frag2 += 1
    return lines, frag2, split


def load_json(pdf):
    out = subprocess.run(
        ["qpdf", "--json", "--decode-level=none", pdf], capture_output=True, text=True
    ).stdout
    return json.loads(out)


def pdf_str(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        if b.startswith(b"\xfe\xff"):
            return b[2:].decode("utf-16-be")
        return b.decode("latin-1")
    return v


def structure_figures(pdf, languages):
    d = load_json(pdf)
    objs = d["qpdf"][1]
    pages = {p["object"]: i + 1 for i, p in enumerate(d.get("pages", []))}

    def get(ref):
        return objs.get("obj:" + ref, {}).get("value")

    def title_of(outlines):
        for o in outlines:
            yield o.get("title", "")
            yield from title_of(o.get("kids", []))

    titles = [pdf_str(t) for t in title_of(d.get("outlines", []))]
    run_in = [t for t in titles if re.match(r"^\d+(\.\d+)*[^\s\d.]", t)]
    info_ref = d["qpdf"][1]["trailer"]["value"].get("/Info")
    title = pdf_str((get(info_ref) or {}).get("/Title", "")) if info_ref else ""

    elems = {}
    for k, v in objs.items():
        val = v.get("value")
        if isinstance(val, dict) and "/S" in val and ("/P" in val or val.get("/Type") == "/StructElem"):
            elems[k[4:]] = val

    def kids(val):
        k = val.get("/K")
        if k is None:
            return []
        return k if isinstance(k, list) else [k]

    def elem_kids(val):
        return [elems[x] for x in kids(val) if isinstance(x, str) and x in elems]

    def first_page(val):
        if "/Pg" in val and val["/Pg"] in pages:
            return pages[val["/Pg"]]
        for x in kids(val):
            if isinstance(x, dict) and "/Pg" in x and x["/Pg"] in pages:
                return pages[x["/Pg"]]
            if isinstance(x, str) and x in elems:
                p = first_page(elems[x])
                if p:
                    return p
        return None

    counts = {}
    for val in elems.values():
        counts[val["/S"]] = counts.get(val["/S"], 0) + 1
    bold_only = 0
    for val in elems.values():
        if val["/S"] == "/P":
            ks = kids(val)
            ek = elem_kids(val)
            if ks and len(ek) == len(ks) and all(e["/S"] == "/Strong" for e in ek):
                bold_only += 1
    captions_out = 0
    for val in elems.values():
        if val["/S"] == "/Caption":
            parent = elems.get(val.get("/P"), {})
            # typst tags a picture's figure as Div(Caption, Figure): the caption is beside
            # its picture in one element. A table's caption belongs inside the Table.
            beside = [e["/S"] for e in elem_kids(parent)]
            if parent.get("/S") not in ("/Table", "/Figure") and "/Figure" not in beside:
                captions_out += 1
    lone = 0
    for val in elems.values():
        if val["/S"] != "/Table":
            continue
        rows = []
        for part in elem_kids(val):
            if part["/S"] == "/TBody":
                rows += [r for r in elem_kids(part) if r["/S"] == "/TR"]
            elif part["/S"] == "/TR":
                rows.append(part)
        per_page = {}
        for r in rows:
            p = first_page(r)
            per_page[p] = per_page.get(p, 0) + 1
        if len(per_page) > 1:
            lone += sum(1 for n in per_page.values() if n == 1)
    foreign = {}
    for val in elems.values():
        lang = pdf_str(val.get("/Lang"))
        if lang and lang.split("-")[0] not in languages:
            key = val["/S"][1:] + "[" + lang + "]"
            foreign[key] = foreign.get(key, 0) + 1
    # Text runs tagged in the page content (typst marks a run in another language than its
    # element as a Span with /Lang): a Finnish passage in a Swedish PDF is counted here.
    qdf = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True
    ).stdout.decode("latin-1")
    runs = {}
    for m in re.finditer(r"/Lang\s*\(([^)]*)\)", qdf):
        runs[m.group(1)] = runs.get(m.group(1), 0) + 1
    for lang, n in runs.items():
        if lang.split("-")[0] not in languages:
            foreign["run[" + lang + "]"] = n
    return {
        "runs": runs,
        "outline": len(titles),
        "run_in": len(run_in),
        "run_in_examples": run_in[:2],
        "bold_only": bold_only,
        "h34": sum(counts.get(f"/H{n}", 0) for n in range(2, 7)),
        "captions": counts.get("/Caption", 0),
        "captions_out": captions_out,
        "lone": lone,
        "foreign": foreign,
        "title": title,
        "pages": len(pages),
    }


def region_languages(slug):
    """The languages a county writes, from its region.yaml."""
    region = os.path.join(ROOT, "regions", slug or "", "region.yaml")
    if os.path.exists(region):
        m = re.search(r"^languages:\s*\[([^\]]*)\]", open(region).read(), re.M)
        if m:
            return {x.strip() for x in m.group(1).split(",")}
    return {"fi"}


def county_languages(pdf):
    """The county's languages, from the plan.json beside a stored PDF or the region file."""
    j = os.path.join(os.path.dirname(pdf), "plan.json")
    if os.path.exists(j):
        langs = json.load(open(j)).get("region", {}).get("languages")
        if langs:
            return set(langs)
    parts = os.path.relpath(pdf, ROOT).split(os.sep)
    if len(parts) > 2 and parts[0] == "output":
        return region_languages(parts[1])
    m = re.match(r"redline-(.+?)\.\d", os.path.basename(pdf))
    return region_languages(m and m.group(1))


def make_redlines(tmp):
    """A redline PDF per county and language: the last stored version against the work tree."""
    made = []
    for region in sorted(glob.glob(os.path.join(ROOT, "regions", "*", "region.yaml"))):
        slug = os.path.basename(os.path.dirname(region))
        stored = sorted(
            v for v in os.listdir(os.path.join(ROOT, "output", slug)) if re.fullmatch(r"\d+\.\d+", v)
        ) if os.path.isdir(os.path.join(ROOT, "output", slug)) else []
        if not stored:
            continue
        for lang in sorted(region_languages(slug)):
            out = os.path.join(tmp, f"redline-{slug}.{stored[-1]}.{lang}.pdf")
            r = subprocess.run(
                ["cargo", "run", "-q", "--", "diff", slug, stored[-1], "worktree",
                 "--format", "pdf", "--doc-lang", lang, "-o", out],
                cwd=ROOT, capture_output=True, text=True,
            )
            if os.path.exists(out):
                made.append(out)
            else:
                print(f"# no redline for {slug} {lang}: {r.stderr.strip()[:200]}", file=sys.stderr)
    return made


def main(argv):
    pdfs = [a for a in argv if not a.startswith("--")]
    tmp = tempfile.mkdtemp(prefix="typeset-measure-")
    if "--fresh" in argv:
        store = os.path.join(tmp, "store")
        subprocess.run(
            ["cargo", "run", "-q", "--", "build", "--out", store],
            cwd=ROOT, capture_output=True, text=True,
        )
        pdfs += sorted(glob.glob(os.path.join(store, "*", "*", "plan*.pdf")))
    elif not pdfs:
        pdfs = sorted(glob.glob(os.path.join(ROOT, "output", "*", "*", "plan*.pdf")))
    if "--redlines" in argv:
        pdfs += make_redlines(tmp)
    head = (
        f"{'pdf':44} {'pp':>3} {'hyph table':>11} {'hyph body':>10} {'frag2':>5} {'lone':>4}"
        f" {'split':>5} {'outline':>9} {'boldP':>5} {'H2-6':>4} {'capt out':>8} foreign lang (runs) / title"
    )
    print(head)
    totals = {"t": [0, 0], "b": [0, 0], "frag2": 0, "lone": 0, "split": 0, "run_in": 0, "out": 0}
    for pdf in pdfs:
        full = os.path.abspath(pdf)
        if full.startswith(os.path.join(tmp, "store")):
            name = "fresh/" + os.path.relpath(full, os.path.join(tmp, "store"))
        elif full.startswith(ROOT):
            name = os.path.relpath(full, ROOT).replace("output/", "", 1)
        else:
            name = os.path.basename(pdf)
        lines, frag2, split = text_figures(pdf)
        s = structure_figures(pdf, county_languages(pdf))
        t, b = lines["table"], lines["body"]
        pct = lambda x: f"{100 * x[0] / x[1]:4.1f}%" if x[1] else "  –  "
        foreign = ", ".join(f"{k}×{v}" for k, v in sorted(s["foreign"].items())) or "none"
        foreign += " (runs " + " ".join(f"{k}:{v}" for k, v in sorted(s["runs"].items())) + ")"
        print(
            f"{name[:44]:44} {s['pages']:>3} {pct(t):>6}/{t[1]:<4} {pct(b):>5}/{b[1]:<4} {frag2:>5}"
            f" {s['lone']:>4} {split:>5} {s['run_in']:>3}/{s['outline']:<4} {s['bold_only']:>5}"
            f" {s['h34']:>4} {s['captions_out']:>3}/{s['captions']:<4} {foreign} / {s['title']!r}"
        )
        for e in s["run_in_examples"]:
            print(f"{'':46}run-in bookmark: {e!r}")
        totals["t"][0] += t[0]
        totals["t"][1] += t[1]
        totals["b"][0] += b[0]
        totals["b"][1] += b[1]
        totals["frag2"] += frag2
        totals["lone"] += s["lone"]
        totals["split"] += split
        totals["run_in"] += s["run_in"]
        totals["out"] += s["captions_out"]
    t, b = totals["t"], totals["b"]
    print(
        f"all {len(pdfs)} PDFs: table lines hyphenated {100 * t[0] / max(1, t[1]):.1f}% ({t[0]}/{t[1]}),"
        f" body {100 * b[0] / max(1, b[1]):.1f}% ({b[0]}/{b[1]}), two-letter fragments {totals['frag2']},"
        f" lone rows {totals['lone']}, split signs {totals['split']}, run-in bookmarks {totals['run_in']},"
        f" captions outside {totals['out']}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
