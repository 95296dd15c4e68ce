//! Names that become file names, anchors or keys: county folders and template sections
//! (lowercase, safe in paths and URLs) and item ids (as the planner writes them, case kept).
//! Pure string rules; every module that checks a name asks here, so the rules live once.

/// Whether `name` can be a county folder or a template section id: lowercase ASCII letters,
/// digits and `-`, not starting with `-`.
pub fn is_valid_slug(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
}

/// Whether `id` is a valid item id: ASCII letters (either case, kept as written), digits,
/// `-` and `_`, starting with a letter or digit. `A1`, `I1`, `tietotyo-1` are ids.
pub fn is_valid_id(id: &str) -> bool {
    id.len() <= 64
        && id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A key made from a text: lowercase ASCII, Finnish letters folded (ä → a, ö → o, å → a).
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ó' | 'ø' => 'o',
            'é' | 'è' | 'ê' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "item".into() } else { out }
}

/// An id suggestion for a rejected one: its letters and digits kept (case too), everything
/// else folded to `-`.
pub fn suggest_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        let c = match c {
            'ä' | 'å' => 'a',
            'Ä' | 'Å' => 'A',
            'ö' => 'o',
            'Ö' => 'O',
            c => c,
        };
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "A1".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_case_slugs_do_not() {
        assert!(is_valid_id("A1") && is_valid_id("I1") && is_valid_id("tietotyo-1"));
        assert!(!is_valid_id("-a") && !is_valid_id("a b") && !is_valid_id("ä1"));
        assert!(is_valid_slug("keski-suomi") && !is_valid_slug("Kainuu"));
        assert_eq!(suggest_id("Mittari 1"), "Mittari-1");
        assert_eq!(slugify("Sosiaalityön johtaja"), "sosiaalityon-johtaja");
    }
}
