//! Planner text is data, never code: typst, tera and HTML markup, dangerous links and odd
//! Unicode written in a plan show up literally in both outputs and change nothing else.

use crate::support::{Workspace, collapse, pdf_info, pdf_text};

/// Strings that would do harm if any layer treated them as code.
const HOSTILE: [&str; 14] = [
    "#set page(width: 1cm)",
    "#read(\"/etc/passwd\")",
    "$x^2$ ja @ref ja <label>",
    "{{ 7*7 }} ja {% if true %}kyllä{% endif %}",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "C:\\temp\\new ja \\palvelin",
    "]] #] ) } \" ' ` ~",
    "Terveisiä 🙂 ja 👩‍👩‍👧",
    "Cafe\u{301} ja a\u{30a}",
    "\u{200f}שלום\u{200e} ja مرحبا",
    "#box(width: 50cm)[leveä]",
    "#pagebreak() #pagebreak()",
    "#let x = 1; #x",
];

fn hostile_county(ws: &Workspace) {
    ws.copy_region("keski-suomi", "hostile");
    let mut intro = String::from("text: |\n  Vaarallista tekstiä:\n\n");
    for h in HOSTILE {
        intro.push_str(&format!("  - {h}\n"));
    }
    intro.push_str("\n  [klikkaa](javascript:alert(3)) ja [THL](https://thl.fi)\n\n");
    intro.push_str(&format!("  Pitkä{}\n", "sana".repeat(40)));
    ws.write("regions/hostile/sections/introduction.yaml", &intro);
    let wg =
        std::fs::read_to_string(ws.path("regions/hostile/sections/working-group.yaml")).unwrap();
    let wg = wg.replacen(
        "role: ",
        "role: \"<b>#set text(size: 40pt)</b> {{ role }}\"\n    unit: x\n  - role: ",
        1,
    );
    ws.write("regions/hostile/sections/working-group.yaml", &wg);
}

#[test]
fn hostile_text_shows_literally_in_pdf_and_html() {
    let ws = Workspace::with_examples();
    hostile_county(&ws);
    ws.run(&["build", "hostile"]).expect(0);
    let dir = ws.path("output/hostile/1.0");

    // pdftotext adds its own bidi controls around right-to-left runs: compare without them.
    let text = strip_bidi(&pdf_text(&dir.join("plan.pdf")));
    for h in HOSTILE {
        assert!(text.contains(&strip_bidi(&collapse(h))), "PDF lacks {h:?}");
    }
    assert!(
        text.contains("<b>#set text(size: 40pt)</b> {{ role }}"),
        "table cell text"
    );
    assert!(text.contains("klikkaa ja THL"));
    assert!(!text.contains("root:x:0"), "a file was read");
    let info = pdf_info(&dir.join("plan.pdf"));
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );

    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("javascript:"), "unsafe link kept");
    assert!(html.contains("<a href=\"https://thl.fi\">THL</a>"));
    assert!(html.contains("{{ 7*7 }}"), "tera syntax must stay literal");
    assert!(html.contains("{% if true %}"));
    assert!(html.contains("Terveisiä 🙂"));
    assert!(html.contains("Cafe\u{301}"));
    assert!(
        html.contains("&lt;b&gt;#set text(size: 40pt)&lt;&#x2F;b&gt; {{ role }}")
            || html.contains("&lt;b&gt;#set text(size: 40pt)&lt;/b&gt; {{ role }}")
    );
}

fn strip_bidi(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')).collect()
}

#[test]
fn hostile_county_name_stays_text_in_metadata_headers_and_html() {
    let ws = Workspace::with_examples();
    let path = ws.path("regions/keski-suomi/region.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("name:").unwrap();
    let end = start + text[start..].find('\n').unwrap();
    let hostile = "name: \"#set page(width: 1cm) <script>x</script> {{ 7*7 }} $x$\"";
    std::fs::write(
        &path,
        format!("{}{hostile}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    ws.run(&["build", "keski-suomi"]).expect(0);
    let dir = ws.path("output/keski-suomi/1.0");
    let info = pdf_info(&dir.join("plan.pdf"));
    assert!(
        info.contains("Author:          #set page(width: 1cm) <script>x</script> {{ 7*7 }} $x$"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    let text = pdf_text(&dir.join("plan.pdf"));
    assert!(text.contains("#set page(width: 1cm) <script>x</script> {{ 7*7 }} $x$"));
    let html = std::fs::read_to_string(dir.join("plan.html")).unwrap();
    assert!(!html.contains("<script>x"), "unescaped in the HTML");
    assert!(html.contains("&lt;script&gt;x&lt;"));
}
