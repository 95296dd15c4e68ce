//! Reading a file of measured values: a CSV of `code,year,value` (with or without that
//! header, `,`, `;` or tab between fields, a decimal comma or point), a Sotkanet download
//! (`indicator;region;year;gender;primary value;absolute value`, numeric indicator ids,
//! every region and gender of the query) or a table with a column per year. Saved by
//! Finnish Excel it may be Windows-1252 or UTF-16; it is read as text all the same. Every
//! row that cannot be read is named by its line; rows of other regions or genders, and rows
//! without a value (Sotkanet leaves a suppressed figure empty), are counted, not refused.

use crate::diagnostic::{Diagnostic, FileIdx, Sources, Span};
use crate::tr;

/// One measured value read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The line it is on (1-based), for messages.
    pub line: usize,
    /// The whole line, for diagnostics.
    pub span: Span,
    /// The indicator as the file names it: a national code (`sotkanet:3078`; a bare
    /// Sotkanet id `3078` reads as that) or the county's own indicator id.
    pub indicator: String,
    /// The year it is for.
    pub year: i64,
    /// The value.
    pub value: f64,
}

/// Which shape the file has, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A row per value: code (or indicator), year, value.
    Rows,
    /// A row per indicator (and region), a column per year.
    Wide,
}

/// What the file holds.
#[derive(Debug, Clone)]
pub struct ValueFile {
    /// The file as registered in the sources.
    pub file: FileIdx,
    /// The values, in file order.
    pub rows: Vec<Row>,
    /// Rows (or cells) without a value.
    pub empty: usize,
    /// Rows of another region or gender than the county's total.
    pub other: usize,
    /// The region whose rows were read, when the file has a region column.
    pub region: Option<String>,
    /// The encoding it was read in, when not UTF-8.
    pub encoding: Option<&'static str>,
    /// Its shape.
    pub shape: Shape,
}

/// What picks the county's rows in a file of many regions.
#[derive(Debug, Clone, Default)]
pub struct Select {
    /// The region named on the command line (`--region`), compared without case.
    pub region: Option<String>,
    /// The county's names in every language (and its folder name): a region cell equal to
    /// one of them, without case, is the county's.
    pub county_names: Vec<String>,
}

/// The column a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Indicator,
    Year,
    Value,
    Region,
    Gender,
    /// A column of one year's values (the wide shape).
    YearValues(i64),
    Other,
}

/// Reads `bytes` (the file `name`) into values, registering its text in `sources`; the
/// diagnostics name every row that cannot be read.
pub fn read(
    sources: &mut Sources,
    name: &str,
    bytes: &[u8],
    select: &Select,
) -> (ValueFile, Vec<Diagnostic>) {
    let (text, encoding) = decode(bytes);
    let file = sources.add(name.to_owned(), text.clone());
    let lines = lines(&text);
    let delimiter = delimiter(&lines);
    let records: Vec<(usize, Vec<String>)> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| !l.trim().is_empty())
        .map(|(i, (_, l))| (i, split(l, delimiter)))
        .collect();
    let mut out = ValueFile {
        file,
        rows: Vec::new(),
        empty: 0,
        other: 0,
        region: None,
        encoding,
        shape: Shape::Rows,
    };
    let mut diags = Vec::new();
    let span_of = |i: usize| Span {
        file,
        range: lines[i].0.clone(),
    };
    // The header is the first row (of the first ten: a download may open with a title)
    // that names an indicator column and a year or years; without one, the columns are
    // code, year, value.
    let header = records
        .iter()
        .take(10)
        .enumerate()
        .find_map(|(at, (_, cells))| {
            let columns: Vec<Column> = cells.iter().map(|c| column(c)).collect();
            let has = |want: Column| columns.contains(&want);
            let wide = columns.iter().any(|c| matches!(c, Column::YearValues(_)));
            (has(Column::Indicator) && (has(Column::Year) && has(Column::Value) || wide))
                .then_some((at, columns))
        });
    let (body, columns) = match header {
        Some((at, columns)) => (&records[at + 1..], columns),
        None => {
            if let Some((i, cells)) = records.first()
                && (cells.len() < 3 || parse_year(&cells[1]).is_none())
            {
                diags.push(
                    Diagnostic::error(
                        Some(span_of(*i)),
                        tr!(
                            "the columns of the file are not recognised",
                            "tiedoston sarakkeita ei tunnistettu",
                            "filens kolumner känns inte igen"
                        ),
                    )
                    .with_hint(tr!(
                        "the first line names the columns: code;year;value (or a Sotkanet download's indicator;region;year;gender;primary value)",
                        "ensimmäinen rivi nimeää sarakkeet: code;year;value (tai Sotkanetista ladatun tiedoston indicator;region;year;gender;primary value)",
                        "första raden namnger kolumnerna: code;year;value (eller en Sotkanet-fils indicator;region;year;gender;primary value)"
                    )),
                );
                return (out, diags);
            }
            (
                &records[..],
                vec![Column::Indicator, Column::Year, Column::Value],
            )
        }
    };
    if columns.iter().any(|c| matches!(c, Column::YearValues(_)))
        && !columns.contains(&Column::Value)
    {
        out.shape = Shape::Wide;
    }
    let at = |want: Column| columns.iter().position(|c| *c == want);
    let cell = |cells: &[String], i: Option<usize>| -> Option<String> {
        i.and_then(|i| cells.get(i)).map(|s| s.trim().to_owned())
    };
    // The region: the one asked for, the only one, or the county's own.
    let region_col = at(Column::Region);
    if let Some(col) = region_col {
        let mut found: Vec<String> = Vec::new();
        for (_, cells) in body {
            if let Some(r) = cell(cells, Some(col))
                && !found.iter().any(|f| f.eq_ignore_ascii_case(&r))
            {
                found.push(r);
            }
        }
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        let chosen = match &select.region {
            Some(want) => found.iter().find(|f| same(f, want)).cloned(),
            None if found.len() == 1 => found.first().cloned(),
            None => found
                .iter()
                .find(|f| select.county_names.iter().any(|n| same(f, n)))
                .cloned(),
        };
        match chosen {
            Some(region) => out.region = Some(region),
            None => {
                let list = found.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
                let more = if found.len() > 8 { ", …" } else { "" };
                let message = match &select.region {
                    Some(want) => tr!(
                        "the file has no rows for the region \"{want}\"; its regions: {list}{more}",
                        "tiedostossa ei ole rivejä alueelle \"{want}\"; sen alueet: {list}{more}",
                        "filen har inga rader för området \"{want}\"; dess områden: {list}{more}"
                    ),
                    None => tr!(
                        "the file has rows for several regions and none is named like the county: {list}{more}",
                        "tiedostossa on rivejä useille alueille, eikä mikään niistä ole nimetty kuten hyvinvointialue: {list}{more}",
                        "filen har rader för flera områden och inget heter som välfärdsområdet: {list}{more}"
                    ),
                };
                diags.push(Diagnostic::error(None, message).with_hint(tr!(
                    "name the county's rows with --region, e.g. --region \"{}\"",
                    "valitse hyvinvointialueen rivit valitsimella --region, esimerkiksi --region \"{}\"",
                    "välj välfärdsområdets rader med --region, till exempel --region \"{}\"",
                    found.first().map_or("", String::as_str)
                )));
                return (out, diags);
            }
        }
    }
    let gender_col = at(Column::Gender);
    for (i, cells) in body {
        let (line, span) = (i + 1, span_of(*i));
        if let (Some(col), Some(region)) = (region_col, &out.region)
            && cell(cells, Some(col)).is_none_or(|r| r.to_lowercase() != region.to_lowercase())
        {
            out.other += 1;
            continue;
        }
        if let Some(g) = cell(cells, gender_col)
            && !is_total(&g)
        {
            out.other += 1;
            continue;
        }
        let indicator = cell(cells, at(Column::Indicator)).unwrap_or_default();
        if indicator.is_empty() {
            diags.push(row_error(
                &span,
                tr!(
                    "line {line}: the row names no indicator",
                    "rivi {line}: rivillä ei ole mittarin tunnusta",
                    "rad {line}: raden anger ingen indikator"
                ),
            ));
            continue;
        }
        let indicator = national(&indicator);
        let mut values: Vec<(String, String)> = Vec::new();
        if out.shape == Shape::Wide {
            for (c, col) in columns.iter().enumerate() {
                if let Column::YearValues(year) = col {
                    values.push((year.to_string(), cell(cells, Some(c)).unwrap_or_default()));
                }
            }
        } else {
            values.push((
                cell(cells, at(Column::Year)).unwrap_or_default(),
                cell(cells, at(Column::Value)).unwrap_or_default(),
            ));
        }
        for (year_text, value_text) in values {
            let Some(year) = parse_year(&year_text) else {
                diags.push(
                    row_error(
                        &span,
                        tr!(
                            "line {line}: \"{year_text}\" is not a year",
                            "rivi {line}: \"{year_text}\" ei ole vuosiluku",
                            "rad {line}: \"{year_text}\" är inte ett årtal"
                        ),
                    )
                    .with_hint(tr!(
                        "write the year as four digits, e.g. 2025",
                        "kirjoita vuosi neljällä numerolla, esimerkiksi 2025",
                        "skriv året med fyra siffror, till exempel 2025"
                    )),
                );
                continue;
            };
            match parse_value(&value_text) {
                Parsed::Empty => out.empty += 1,
                Parsed::Number(value) => out.rows.push(Row {
                    line,
                    span: span.clone(),
                    indicator: indicator.clone(),
                    year,
                    value,
                }),
                Parsed::Bad => diags.push(
                    row_error(
                        &span,
                        tr!(
                            "line {line}: the value \"{value_text}\" is not a number",
                            "rivi {line}: arvo \"{value_text}\" ei ole luku",
                            "rad {line}: värdet \"{value_text}\" är inte ett tal"
                        ),
                    )
                    .with_hint(tr!(
                        "write a number such as 41 or 41,5 (leave the value empty when there is none)",
                        "kirjoita luku, esimerkiksi 41 tai 41,5 (jätä arvo tyhjäksi, jos sitä ei ole)",
                        "skriv ett tal, till exempel 41 eller 41,5 (lämna värdet tomt när det saknas)"
                    )),
                ),
            }
        }
    }
    (out, diags)
}

fn row_error(span: &Span, message: String) -> Diagnostic {
    Diagnostic::error(Some(span.clone()), message)
}

/// The text of `bytes`: UTF-8 (a byte-order mark dropped), UTF-16 with its mark (Excel's
/// "Unicode text"), else Windows-1252 (Excel's CSV on a Finnish Windows), named.
fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let named = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return (text.into_owned(), named);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), Some(encoding_rs::WINDOWS_1252.name()))
        }
    }
}

/// Each line's byte range (without its line end) and text.
fn lines(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let body = piece.trim_end_matches(['\n', '\r']);
        out.push((start..start + body.len(), body));
        start += piece.len();
    }
    out
}

/// The field separator: of `;`, tab and `,`, the one the first line uses most (outside
/// quotes); `;` on a tie, as Finnish Excel writes.
fn delimiter(lines: &[(std::ops::Range<usize>, &str)]) -> u8 {
    let first = lines
        .iter()
        .map(|(_, l)| *l)
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let count = |d: char| {
        let mut quoted = false;
        first
            .chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c == d
            })
            .count()
    };
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| {
            (
                count(*d as char),
                match d {
                    b';' => 2,
                    b'\t' => 1,
                    _ => 0,
                },
            )
        })
        .unwrap_or(b';')
}

/// One line's fields, quotes removed (`"a;b"` is one field, `""` a quote).
fn split(line: &str, delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(str::to_owned).collect(),
        _ => vec![line.to_owned()],
    }
}

/// What a header cell names.
fn column(cell: &str) -> Column {
    let key: String = cell
        .trim()
        .trim_matches('"')
        .to_lowercase()
        .chars()
        .map(|c| if matches!(c, '.' | '_' | '-') { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match key.as_str() {
        "code"
        | "indicator"
        | "indicator id"
        | "indicator code"
        | "indikaattori"
        | "indikaattorin tunnus"
        | "indikator"
        | "mittari"
        | "id"
        | "tunnus"
        | "koodi"
        | "kod" => Column::Indicator,
        "year" | "vuosi" | "år" | "ar" => Column::Year,
        "value" | "primary value" | "arvo" | "värde" | "varde" => Column::Value,
        "region" | "alue" | "område" | "omrade" | "region title fi" | "region name" => {
            Column::Region
        }
        "gender" | "sex" | "sukupuoli" | "kön" | "kon" => Column::Gender,
        _ => parse_year(&key).map_or(Column::Other, Column::YearValues),
    }
}

/// A gender cell meaning everyone: Sotkanet's `total`, or the word in Finnish or Swedish.
fn is_total(cell: &str) -> bool {
    matches!(
        cell.trim().to_lowercase().as_str(),
        "" | "total" | "totalt" | "yhteensä" | "kaikki" | "molemmat" | "all" | "alla"
    )
}

/// A Sotkanet indicator id as the national code (`3078` → `sotkanet:3078`); anything else
/// as written.
fn national(indicator: &str) -> String {
    if indicator.bytes().all(|b| b.is_ascii_digit()) {
        format!("sotkanet:{indicator}")
    } else {
        indicator.to_owned()
    }
}

/// A year from 1900 to 2100.
fn parse_year(text: &str) -> Option<i64> {
    let text = text.trim();
    let year: i64 = text.strip_suffix(".0").unwrap_or(text).parse().ok()?;
    (1900..=2100).contains(&year).then_some(year)
}

/// A value cell read.
#[derive(Debug, PartialEq)]
enum Parsed {
    Empty,
    Number(f64),
    Bad,
}

/// A number as people write it: `41`, `41.5`, `41,5`, `1 234,5` (a space or no-break space
/// between thousands), `−3` (a real minus), `12 %`. Empty, `..`, `-` or `NA` is no value.
fn parse_value(text: &str) -> Parsed {
    let text = text.trim();
    if matches!(text, "" | ".." | "." | "-" | "–" | "NA" | "n/a" | "N/A") {
        return Parsed::Empty;
    }
    let cleaned: String = text
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let cleaned =
        if cleaned.contains(',') && !cleaned.contains('.') && cleaned.matches(',').count() == 1 {
            cleaned.replace(',', ".")
        } else {
            cleaned
        };
    let ok = !cleaned.is_empty()
        && cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match cleaned.parse::<f64>() {
        Ok(v) if ok && v.is_finite() && v.abs() <= crate::numbers::MAX_NUMBER => Parsed::Number(v),
        _ => Parsed::Bad,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str, select: &Select) -> (ValueFile, Vec<Diagnostic>) {
        let mut sources = Sources::default();
        read(&mut sources, "arvot.csv", text.as_bytes(), select)
    }

    #[test]
    fn reads_numbers_as_people_write_them() {
        assert_eq!(parse_value("41"), Parsed::Number(41.0));
        assert_eq!(parse_value("41,5"), Parsed::Number(41.5));
        assert_eq!(parse_value("1 234,5"), Parsed::Number(1234.5));
        assert_eq!(parse_value("1\u{a0}234"), Parsed::Number(1234.0));
        assert_eq!(parse_value("−3"), Parsed::Number(-3.0));
        assert_eq!(parse_value("12 %"), Parsed::Number(12.0));
        assert_eq!(parse_value(".."), Parsed::Empty);
        assert_eq!(parse_value("41,5,6"), Parsed::Bad);
        assert_eq!(parse_value("neljä"), Parsed::Bad);
        assert_eq!(parse_value("inf"), Parsed::Bad);
        assert_eq!(parse_value("NaN"), Parsed::Bad);
        assert_eq!(parse_value("1e300"), Parsed::Bad);
    }

    #[test]
    fn reads_plain_rows_with_or_without_header() {
        let (file, diags) = read_text("code;year;value\nsotkanet:5;2024;7,1\n", &Select::default());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0].indicator, "sotkanet:5");
        assert_eq!(file.rows[0].value, 7.1);
        let (file, diags) = read_text("ilmoitukset,2025,58\n", &Select::default());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(file.rows[0].indicator, "ilmoitukset");
        assert_eq!(file.rows[0].year, 2025);
    }

    #[test]
    fn picks_the_county_from_a_sotkanet_download() {
        let text = "indicator;region;year;gender;primary value;absolute value\n\
                    5;Kainuu;2024;total;7,1;1200\n\
                    5;Kainuu;2024;male;7,9;700\n\
                    5;Pohjanmaa;2024;total;4,0;2000\n\
                    5;Kainuu;2023;total;;\n";
        let select = Select {
            region: None,
            county_names: vec!["Kainuu".into()],
        };
        let (file, diags) = read_text(text, &select);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0].indicator, "sotkanet:5");
        assert_eq!((file.other, file.empty), (2, 1));
        let (_, diags) = read_text(text, &Select::default());
        assert_eq!(diags.len(), 1);
        assert!(diags[0].hints[0].contains("--region"));
    }

    #[test]
    fn reads_a_column_per_year() {
        let text = "Sotkanet\nindikaattori;2023;2024\n5;6,8;7,1\n";
        let (file, diags) = read_text(text, &Select::default());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(file.shape, Shape::Wide);
        assert_eq!(file.rows.len(), 2);
        assert_eq!(file.rows[1].line, 3);
    }

    #[test]
    fn names_bad_rows_by_line() {
        let text = "code,year,value\nI1,2024,41\nI1,20x4,3\nI2,2024,paljon\n,2024,3\n";
        let (file, diags) = read_text(text, &Select::default());
        assert_eq!(file.rows.len(), 1);
        let lines: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].contains(" 3"), "{lines:?}");
        assert!(lines[1].contains(" 4"), "{lines:?}");
        assert!(lines[2].contains(" 5"), "{lines:?}");
    }

    #[test]
    fn reads_windows_1252_and_utf16() {
        let (file, diags) = read(
            &mut Sources::default(),
            "a.csv",
            b"mittari;vuosi;arvo\n\xe4iti;2024;3\n",
            &Select::default(),
        );
        assert!(diags.is_empty());
        assert_eq!(file.rows[0].indicator, "äiti");
        assert_eq!(file.encoding, Some("windows-1252"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "code\tyear\tvalue\nI1\t2024\t5\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let (file, diags) = read(&mut Sources::default(), "a.txt", &utf16, &Select::default());
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(file.rows[0].value, 5.0);
    }
}
