//! The fonts built into the binary, the only ones the PDF uses (no system fonts), and
//! whether they can print a character, which `check` asks before `build` would fail on it.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Noto Emoji, monochrome (OFL 1.1); see assets/fonts/README.md.
const NOTO_EMOJI: &[u8] = include_bytes!("../assets/fonts/NotoEmoji-Regular.ttf");

/// Fonts built into the binary, loaded once per process: typst's own (Libertinus Serif,
/// New Computer Modern, DejaVu Sans Mono) and a monochrome Noto Emoji, so that emoji a
/// planner writes are shown rather than failing the PDF/A and PDF/UA glyph checks.
pub struct FontSet {
    /// What each font holds, for typst's font lookup.
    pub book: LazyHash<FontBook>,
    /// The fonts, in the book's order.
    pub fonts: Vec<Font>,
}

/// The fonts, loaded on first use.
pub fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut fonts: Vec<Font> = typst_kit::fonts::embedded().map(|(font, _)| font).collect();
        fonts.extend(Font::iter(Bytes::new(NOTO_EMOJI)));
        let book = FontBook::from_fonts(fonts.iter());
        FontSet {
            book: LazyHash::new(book),
            fonts,
        }
    })
}

/// Whether any embedded font has a glyph for `c` (what `check` asks before `build` would
/// fail on a character it cannot print).
pub fn font_covers(c: char) -> bool {
    let set = fonts();
    (0..set.fonts.len()).any(|i| {
        set.book
            .info(i)
            .is_some_and(|info| info.coverage.contains(c as u32))
    })
}
