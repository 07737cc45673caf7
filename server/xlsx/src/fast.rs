//! A fast path for the data rows of the chosen worksheet.
//!
//! calamine's cell reader costs most of an import on large sheets (a buffered XML event
//! reader, attribute iteration and a value copy per cell). Worksheets written by Excel,
//! LibreOffice or openpyxl have a very regular `<row><c r=.. s=.. t=..><v>..</v></c>`
//! shape, so here the sheet part is inflated once and scanned byte by byte, values
//! borrowed from the XML where possible.
//!
//! The scanner reproduces what calamine's `next_cell_with_style_id` yields (positions,
//! values, style ids), but only for the shapes it knows exactly. Anything else — a
//! construct it does not handle, malformed XML, an unexpected value — makes it answer
//! [`Unsupported`], and the caller reads the sheet with calamine as before, so results and
//! error messages never depend on which path ran.
//!
//! Shared strings (what Excel and LibreOffice write: `<c t="s"><v>12</v></c>`) are read once
//! into one buffer with an offset per string, packed after the sheet XML ([`load_sheet`]);
//! a cell borrows its string from there.

use std::borrow::Cow;
use std::io::Cursor;
use std::str::FromStr;

use calamine::{CellErrorType, DataRef, ExcelDateTime, ExcelDateTimeType, Style};

use crate::guard::Limits;

/// The fast path does not handle this workbook or sheet; read it with calamine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unsupported;

type Fast<T> = Result<T, Unsupported>;

/// How calamine turns a numeric cell of a style into a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumKind {
    Number,
    DateTime,
    TimeDelta,
    /// The style's format could be read either way: leave such cells to calamine.
    Unknown,
}

/// The numeric kind of every style (indexed like the styles). calamine classifies a
/// custom format code by its text and a built-in format by its id; a [`calamine::Style`]
/// does not say which of the two applied, so a style where they disagree is `Unknown`.
pub(crate) fn number_kinds(styles: &[Style]) -> Vec<NumKind> {
    styles
        .iter()
        .map(|s| match &s.number_format {
            None => NumKind::Number,
            Some(nf) => {
                let by_code = kind_of_code(&nf.format_code);
                // Ids from 164 up are always custom formats, classified by their code.
                let by_id = nf.format_id.filter(|id| *id < 164).map(kind_of_builtin_id);
                match by_id {
                    Some(k) if k != by_code => NumKind::Unknown,
                    _ => by_code,
                }
            }
        })
        .collect()
}

/// calamine's built-in date/time format ids (`formats::builtin_format_by_id`).
fn kind_of_builtin_id(id: u32) -> NumKind {
    match id {
        14..=22 | 45 | 47 | 27..=36 | 50..=58 => NumKind::DateTime,
        46 => NumKind::TimeDelta,
        _ => NumKind::Number,
    }
}

/// calamine's classification of a custom number format code
/// (`formats::detect_custom_number_format`, MIT, same algorithm).
fn kind_of_code(format: &str) -> NumKind {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return NumKind::Number,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return NumKind::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return NumKind::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return NumKind::DateTime
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    NumKind::Number
}

// ---------------------------------------------------------------------------------------
// Locating and inflating the sheet part.

/// The name of the workbook's sheet when its workbook part lists exactly one (read the way
/// [`crate::package::find_parts`] finds that part), so its XML can be inflated before
/// calamine has opened the workbook. None for anything else.
pub(crate) fn only_sheet(bytes: &[u8]) -> Option<String> {
    use crate::package::{attr, local_name, tags, SMALL_PART};
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let workbook = crate::package::workbook_part(&mut zip).ok()?;
    let xml = crate::package::read_entry(&mut zip, &workbook, SMALL_PART).ok()?;
    let tags = tags(&workbook, &xml).ok()?;
    let mut sheets = tags.iter().filter(|t| local_name(t) == "sheet");
    match (sheets.next(), sheets.next()) {
        (Some(only), None) => attr(only, "name").map(Cow::into_owned),
        _ => None,
    }
}

/// The worksheet named `sheet`, found the way calamine finds it, and the shared strings
/// table, in one buffer ([`pack`]: what the inflating thread hands over). None when anything
/// is unusual (calamine's path then reads the sheet, with its located errors).
pub(crate) fn load_sheet(bytes: &[u8], sheet: &str, limits: &Limits) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let parts = crate::package::find_parts(&mut zip, sheet).ok()?;
    let table = shared_strings(&mut zip, &parts.workbook, limits);
    let room = table.as_ref().map_or(0, Table::packed_len) + TRAILER;
    let xml = crate::package::read_entry_with_room(
        &mut zip,
        &parts.sheet,
        limits.max_uncompressed_bytes,
        room,
    )
    .ok()?;
    Some(pack(xml, table.as_ref()))
}

/// The shared strings table calamine reads: `sharedStrings.xml` beside the workbook part
/// (calamine does not follow the relationship). None when the package is not plain enough
/// to be sure it is the same part (one office document relationship, its target the workbook
/// found, one entry of that name), or the table is not a shape the scanner reads: cells
/// pointing into it then go to calamine.
fn shared_strings(
    zip: &mut crate::package::Zip<'_>,
    workbook: &str,
    limits: &Limits,
) -> Option<Table> {
    use crate::package::{attr, local_name, read_entry, tags, SMALL_PART};
    let rels = read_entry(zip, "_rels/.rels", SMALL_PART).ok()?;
    let targets: Vec<String> = tags("_rels/.rels", &rels)
        .ok()?
        .iter()
        .filter(|t| local_name(t) == "Relationship")
        .filter(|t| attr(t, "Type").is_some_and(|v| v.ends_with("/relationships/officeDocument")))
        .filter_map(|t| attr(t, "Target").map(|v| v.into_owned()))
        .collect();
    let [target] = targets.as_slice() else {
        return None;
    };
    if target.strip_prefix('/').unwrap_or(target) != workbook {
        return None;
    }
    let path = format!("{}sharedStrings.xml", &workbook[..workbook.rfind('/')? + 1]);
    let same: Vec<_> = zip
        .file_names()
        .flatten()
        .filter(|n| n.replace('\\', "/").eq_ignore_ascii_case(&path))
        .map(|n| n.into_owned())
        .collect();
    let [name] = same.as_slice() else {
        return None;
    };
    if name.contains('\\') {
        return None;
    }
    let xml = read_entry(zip, name, limits.max_uncompressed_bytes).ok()?;
    Table::parse(&xml).ok()
}

// ---------------------------------------------------------------------------------------
// The sheet part and its strings, packed.

/// The shared strings, decoded, back to back; `ends[i]` is where string `i` ends.
#[derive(Debug, Default, PartialEq)]
struct Table {
    text: String,
    ends: Vec<u32>,
}

/// Count and XML length closing a packed buffer.
const TRAILER: usize = 12;
/// The count of a buffer packed without a table (cells pointing into one are calamine's).
const NO_TABLE: u32 = u32::MAX;

impl Table {
    /// calamine's shared strings (`read_shared_strings`): one string per `<si>` of `<sst>`.
    fn parse(xml: &[u8]) -> Fast<Table> {
        let mut s = Scan { b: xml, i: 0 };
        s.skip_ws();
        if s.eat(b"<?xml") {
            let end = s.b[s.i..]
                .windows(2)
                .position(|w| w == b"?>")
                .ok_or(Unsupported)?;
            s.i += end + 2;
            s.skip_ws();
        }
        if !s.eat(b"<") {
            return Err(Unsupported);
        }
        let mut table = Table::default();
        if s.open(b"sst")?.ok_or(Unsupported)? {
            return Ok(table);
        }
        loop {
            s.skip_ws();
            if s.b[s.i..].starts_with(b"</") {
                s.close(b"sst")?;
                break;
            }
            if !s.eat(b"<") {
                return Err(Unsupported);
            }
            let text = match s.open(b"si")? {
                Some(true) => None,
                Some(false) => s.string_item(b"si")?,
                None => return Err(Unsupported),
            };
            table.text.push_str(text.as_deref().unwrap_or(""));
            let end = u32::try_from(table.text.len()).map_err(|_| Unsupported)?;
            table.ends.push(end);
        }
        if table.ends.len() >= NO_TABLE as usize {
            return Err(Unsupported);
        }
        Ok(table)
    }

    fn packed_len(&self) -> usize {
        self.text.len() + 4 * self.ends.len()
    }
}

/// One buffer: the sheet XML, then the table's text, the end of each string (u32 LE), their
/// count (u32 LE, [`NO_TABLE`] without a table) and the XML's length (u64 LE).
fn pack(mut xml: Vec<u8>, table: Option<&Table>) -> Vec<u8> {
    let xml_len = xml.len() as u64;
    let count = match table {
        Some(t) => {
            xml.extend_from_slice(t.text.as_bytes());
            for end in &t.ends {
                xml.extend_from_slice(&end.to_le_bytes());
            }
            t.ends.len() as u32
        }
        None => NO_TABLE,
    };
    xml.extend_from_slice(&count.to_le_bytes());
    xml.extend_from_slice(&xml_len.to_le_bytes());
    xml
}

/// The sheet XML of a packed buffer.
fn sheet_xml(packed: &[u8]) -> Fast<&[u8]> {
    let trailer = packed
        .get(packed.len().checked_sub(TRAILER).ok_or(Unsupported)?..)
        .ok_or(Unsupported)?;
    let len = u64::from_le_bytes(trailer[4..].try_into().map_err(|_| Unsupported)?);
    packed
        .get(..usize::try_from(len).map_err(|_| Unsupported)?)
        .ok_or(Unsupported)
}

/// The shared strings of a packed buffer (None: packed without a table).
fn sheet_strings(packed: &[u8]) -> Fast<Option<Strings<'_>>> {
    let xml = sheet_xml(packed)?.len();
    let at = packed.len() - TRAILER;
    let count = u32::from_le_bytes(packed[at..at + 4].try_into().map_err(|_| Unsupported)?);
    if count == NO_TABLE {
        return Ok(None);
    }
    let ends_at = at.checked_sub(4 * count as usize).ok_or(Unsupported)?;
    let text = packed.get(xml..ends_at).ok_or(Unsupported)?;
    Ok(Some(Strings {
        text: std::str::from_utf8(text).map_err(|_| Unsupported)?,
        ends: &packed[ends_at..at],
    }))
}

/// The shared strings in a packed buffer.
#[derive(Clone, Copy)]
struct Strings<'x> {
    text: &'x str,
    ends: &'x [u8],
}

impl<'x> Strings<'x> {
    fn end(&self, i: usize) -> Option<usize> {
        let b = self.ends.get(4 * i..4 * i + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn get(&self, i: usize) -> Option<&'x str> {
        let start = match i.checked_sub(1) {
            None => 0,
            Some(prev) => self.end(prev)?,
        };
        self.text.get(start..self.end(i)?)
    }
}

// ---------------------------------------------------------------------------------------
// The byte scanner.

struct Scan<'x> {
    b: &'x [u8],
    i: usize,
}

/// What calamine trims from a text not marked `xml:space="preserve"`.
const XML_WS: [char; 4] = [' ', '\t', '\r', '\n'];

#[inline]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'x> Scan<'x> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.i += 1;
        }
    }

    #[inline]
    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.b.get(self.i..self.i + lit.len()) == Some(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    /// A tag or attribute name.
    #[inline]
    fn name(&mut self) -> Fast<&'x [u8]> {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|b| !is_ws(b) && !matches!(b, b'>' | b'/' | b'=' | b'<'))
        {
            self.i += 1;
        }
        if self.i == start {
            return Err(Unsupported);
        }
        Ok(&self.b[start..self.i])
    }

    /// Attributes up to the end of a start tag; true when the tag was empty (`/>`).
    #[inline]
    fn attrs(&mut self, mut each: impl FnMut(&'x [u8], &'x [u8]) -> Fast<()>) -> Fast<bool> {
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'>') => {
                    self.i += 1;
                    return Ok(false);
                }
                Some(b'/') => {
                    self.i += 1;
                    return if self.eat(b">") {
                        Ok(true)
                    } else {
                        Err(Unsupported)
                    };
                }
                _ => {
                    let k = self.name()?;
                    if !self.eat(b"=") {
                        return Err(Unsupported);
                    }
                    let q = self.peek().ok_or(Unsupported)?;
                    if q != b'"' && q != b'\'' {
                        return Err(Unsupported);
                    }
                    self.i += 1;
                    let len = self.b[self.i..]
                        .iter()
                        .position(|&b| b == q || b == b'<')
                        .ok_or(Unsupported)?;
                    let v = &self.b[self.i..self.i + len];
                    self.i += len;
                    if !self.eat(&[q]) {
                        return Err(Unsupported);
                    }
                    each(k, v)?;
                }
            }
        }
    }

    /// Text up to the next `<`.
    #[inline]
    fn text(&mut self) -> &'x [u8] {
        let start = self.i;
        let len = self.b[start..]
            .iter()
            .position(|&b| b == b'<')
            .unwrap_or(self.b.len() - start);
        self.i += len;
        &self.b[start..self.i]
    }

    /// The start of an element named `name` (after its `<`): true when it is empty (`<x/>`).
    #[inline]
    fn open(&mut self, name: &[u8]) -> Fast<Option<bool>> {
        let rest = &self.b[self.i..];
        if rest.starts_with(name)
            && rest
                .get(name.len())
                .is_some_and(|&b| is_ws(b) || b == b'>' || b == b'/')
        {
            self.i += name.len();
            return self.attrs(|_, _| Ok(())).map(Some);
        }
        Ok(None)
    }

    /// `</name>`, allowing whitespace before `>`.
    #[inline]
    fn close(&mut self, name: &[u8]) -> Fast<()> {
        if self.eat(b"</") && self.eat(name) {
            self.skip_ws();
            if self.eat(b">") {
                return Ok(());
            }
        }
        Err(Unsupported)
    }

    /// Text content of an element up to its end tag `</name>` (no child elements).
    #[inline]
    fn content(&mut self, name: &[u8]) -> Fast<&'x [u8]> {
        let t = self.text();
        self.close(name)?;
        Ok(t)
    }

    /// After a `<`: is this the start of element `name`? (Consumed when it is.)
    fn at_tag(&mut self, name: &[u8]) -> bool {
        let rest = &self.b[self.i..];
        let at = rest.starts_with(name)
            && rest
                .get(name.len())
                .is_some_and(|&b| is_ws(b) || b == b'>' || b == b'/');
        if at {
            self.i += name.len();
        }
        at
    }

    /// The text of a string item, `<is>` or `<si>`, after its start tag and through its end
    /// tag, as calamine's `read_string` joins it: every `<t>` (plain, or in rich-text runs
    /// `<r>`, whose `<rPr>` is formatting), not those of phonetic runs `<rPh>`. None when it
    /// holds no `<t>` (an empty string).
    fn string_item(&mut self, closing: &[u8]) -> Fast<Option<Cow<'x, str>>> {
        let mut acc = None;
        loop {
            self.skip_ws();
            if self.b[self.i..].starts_with(b"</") {
                self.close(closing)?;
                return Ok(acc);
            }
            if !self.eat(b"<") {
                return Err(Unsupported);
            }
            if self.at_tag(b"t") {
                self.text_run(&mut acc)?;
            } else if let Some(empty) = self.open(b"r")? {
                if !empty {
                    self.rich_run(&mut acc)?;
                }
            } else if let Some(empty) = self.open(b"rPh")? {
                if !empty {
                    self.phonetic_run()?;
                }
            } else if self.open(b"phoneticPr")? != Some(true) {
                return Err(Unsupported);
            }
        }
    }

    /// A `<t>` after its name: its text added to `acc`, trimmed unless `xml:space="preserve"`.
    fn text_run(&mut self, acc: &mut Option<Cow<'x, str>>) -> Fast<()> {
        let mut preserve = None;
        let empty = self.attrs(|k, v| match k {
            b"xml:space" if preserve.replace(v == b"preserve").is_some() => Err(Unsupported),
            _ => Ok(()),
        })?;
        let raw: &[u8] = if empty { b"" } else { self.content(b"t")? };
        let text = unescape(raw)?;
        let text = if preserve == Some(true) {
            text
        } else {
            match text {
                Cow::Borrowed(b) => Cow::Borrowed(b.trim_matches(XML_WS)),
                Cow::Owned(o) => Cow::Owned(o.trim_matches(XML_WS).into()),
            }
        };
        *acc = Some(match acc.take() {
            None => text,
            Some(prev) => Cow::Owned(prev.into_owned() + &text),
        });
        Ok(())
    }

    /// A rich-text run after `<r>`: formatting (`<rPr>` of empty elements), then `<t>`.
    fn rich_run(&mut self, acc: &mut Option<Cow<'x, str>>) -> Fast<()> {
        loop {
            self.skip_ws();
            if self.b[self.i..].starts_with(b"</") {
                return self.close(b"r");
            }
            if !self.eat(b"<") {
                return Err(Unsupported);
            }
            if self.at_tag(b"t") {
                self.text_run(acc)?;
            } else if let Some(empty) = self.open(b"rPr")? {
                if !empty {
                    self.empty_children(b"rPr")?;
                }
            } else {
                return Err(Unsupported);
            }
        }
    }

    /// A phonetic run after `<rPh>`: its `<t>` left out.
    fn phonetic_run(&mut self) -> Fast<()> {
        loop {
            self.skip_ws();
            if self.b[self.i..].starts_with(b"</") {
                return self.close(b"rPh");
            }
            if !(self.eat(b"<") && self.at_tag(b"t")) {
                return Err(Unsupported);
            }
            if !self.attrs(|_, _| Ok(()))? {
                self.content(b"t")?;
            }
        }
    }

    /// Children that are all empty elements (`<b/>`, `<sz val="11"/>`), through `</name>`.
    fn empty_children(&mut self, name: &[u8]) -> Fast<()> {
        loop {
            self.skip_ws();
            if self.b[self.i..].starts_with(b"</") {
                return self.close(name);
            }
            if !self.eat(b"<") {
                return Err(Unsupported);
            }
            self.name()?;
            if !self.attrs(|_, _| Ok(()))? {
                return Err(Unsupported);
            }
        }
    }
}

/// XML text with entities replaced; `_xHHHH_` escapes and carriage returns (which calamine
/// rewrites) are left to calamine.
fn unescape(raw: &[u8]) -> Fast<Cow<'_, str>> {
    let s = std::str::from_utf8(raw).map_err(|_| Unsupported)?;
    if s.contains('\r') || s.contains("_x") {
        return Err(Unsupported);
    }
    if !s.contains('&') {
        return Ok(Cow::Borrowed(s));
    }
    let out = unescape_entities(s)?;
    if out.contains("_x") {
        return Err(Unsupported);
    }
    Ok(Cow::Owned(out))
}

fn unescape_entities(s: &str) -> Fast<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').ok_or(Unsupported)?;
        let ent = &after[..semi];
        let ch = match ent {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "apos" => '\'',
            "quot" => '"',
            _ => {
                let code = if let Some(h) = ent.strip_prefix("#x") {
                    u32::from_str_radix(h, 16)
                } else if let Some(d) = ent.strip_prefix('#') {
                    d.parse::<u32>()
                } else {
                    return Err(Unsupported);
                }
                .map_err(|_| Unsupported)?;
                match char::from_u32(code) {
                    Some(c) if code != 0 && c != '\r' => c,
                    _ => return Err(Unsupported),
                }
            }
        };
        out.push(ch);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// 1-based row number → 0-based index (as calamine's `get_row` on plain digits).
fn row_number(d: &[u8]) -> Fast<u32> {
    if d.is_empty() || d.len() > 7 || !d.iter().all(u8::is_ascii_digit) {
        return Err(Unsupported);
    }
    let n = d.iter().fold(0u32, |n, &c| n * 10 + u32::from(c - b'0'));
    n.checked_sub(1).ok_or(Unsupported)
}

/// `B12` → 0-based (row, col).
fn cell_ref(r: &[u8]) -> Fast<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if letters == 0 || letters > 3 {
        return Err(Unsupported);
    }
    let col = r[..letters]
        .iter()
        .fold(0u32, |n, &c| n * 26 + u32::from(c - b'A') + 1);
    Ok((row_number(&r[letters..])?, col - 1))
}

/// A merged range, 0-based and inclusive: (first row, first col, last row, last col).
pub(crate) type Merge = (u32, u32, u32, u32);

/// The merged ranges of a packed sheet whose first row is above `max_row` (the header area),
/// from the `<mergeCells>` list after the sheet data. Only the tail of the XML is searched (the
/// list follows `</sheetData>`), so this costs nothing on big sheets.
pub(crate) fn merged_ranges(packed: &[u8], max_row: u32) -> Vec<Merge> {
    const END: &[u8] = b"</sheetData>";
    let Ok(xml) = sheet_xml(packed) else {
        return Vec::new();
    };
    let Some(tail_at) = xml.windows(END.len()).rposition(|w| w == END) else {
        return Vec::new();
    };
    let tail = &xml[tail_at..];
    let mut out = Vec::new();
    let mut rest = tail;
    const TAG: &[u8] = b"<mergeCell ";
    while let Some(i) = rest.windows(TAG.len()).position(|w| w == TAG) {
        rest = &rest[i + TAG.len()..];
        let Some(r) = rest.windows(5).position(|w| w == b"ref=\"") else {
            break;
        };
        let v = &rest[r + 5..];
        let Some(end) = v.iter().position(|b| *b == b'"') else {
            break;
        };
        let reference = &v[..end];
        let mut parts = reference.split(|b| *b == b':');
        let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
            continue;
        };
        if let (Ok((r1, c1)), Ok((r2, c2))) = (cell_ref(a), cell_ref(b)) {
            if r1 < max_row && r1 <= r2 && c1 <= c2 {
                out.push((r1, c1, r2, c2));
            }
        }
    }
    out
}

/// A plain decimal number (`-12.5`, `1E-3`): parsed identically by every correct parser.
fn number(v: &[u8]) -> Fast<f64> {
    // Integers of up to 15 digits (most amounts): exact in an f64, no parser needed.
    let digits = v.strip_prefix(b"-").unwrap_or(v);
    if !digits.is_empty() && digits.len() <= 15 && digits.iter().all(u8::is_ascii_digit) {
        let n = digits
            .iter()
            .fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')) as f64;
        return Ok(if digits.len() < v.len() { -n } else { n });
    }
    let mut i = usize::from(v.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let s = *i;
        while v.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > s
    };
    if !digits(&mut i) {
        return Err(Unsupported);
    }
    if v.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return Err(Unsupported);
        }
    }
    if matches!(v.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(v.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return Err(Unsupported);
        }
    }
    if i != v.len() {
        return Err(Unsupported);
    }
    std::str::from_utf8(v)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .ok_or(Unsupported)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CellType {
    Number,
    Shared,
    Bool,
    Error,
    Str,
    Inline,
}

/// A cell as calamine yields it: 0-based (row, col), value, style id.
pub(crate) type FastCell<'x> = ((u32, u32), DataRef<'x>, usize);

/// The cells of a worksheet's `<sheetData>`, in document order.
pub(crate) struct Cells<'x> {
    s: Scan<'x>,
    kinds: &'x [NumKind],
    is_1904: bool,
    row_index: u32,
    col_index: u32,
    strings: Option<Strings<'x>>,
}

impl<'x> Cells<'x> {
    /// The cells of a sheet [`load_sheet`] packed.
    pub(crate) fn new(packed: &'x [u8], kinds: &'x [NumKind], is_1904: bool) -> Fast<Self> {
        let xml = sheet_xml(packed)?;
        let at = xml
            .windows(11)
            .position(|w| w == b"<sheetData>")
            .ok_or(Unsupported)?;
        Ok(Cells {
            s: Scan { b: xml, i: at + 11 },
            kinds,
            is_1904,
            row_index: 0,
            col_index: 0,
            strings: sheet_strings(packed)?,
        })
    }

    pub(crate) fn next_cell(&mut self) -> Fast<Option<FastCell<'x>>> {
        loop {
            self.s.skip_ws();
            if !self.s.eat(b"<") {
                return Err(Unsupported);
            }
            // Cells first: most tags are theirs.
            if self.s.at_tag(b"c") {
                if let Some(cell) = self.usual_cell()? {
                    return Ok(Some(cell));
                }
                return self.cell().map(Some);
            }
            if self.s.eat(b"/row>") {
                self.row_index += 1;
                self.col_index = 0;
                continue;
            }
            if self.s.eat(b"/sheetData>") {
                return Ok(None);
            }
            if self.s.at_tag(b"row") {
                let mut r = None;
                let empty = self.s.attrs(|k, v| {
                    if k == b"r" {
                        r = Some(row_number(v)?);
                    }
                    Ok(())
                })?;
                if let Some(r) = r {
                    self.row_index = r;
                }
                if empty {
                    self.row_index += 1;
                    self.col_index = 0;
                }
                continue;
            }
            return Err(Unsupported);
        }
    }

    /// A cell in the shape Excel and LibreOffice write (after `<c`): `r`, then `s` and `t`
    /// when present, in that order (`t` only `s` or `n`), and either `/>` or
    /// `><v>…</v></c>`. Read in one pass over its bytes; None (nothing consumed) for any
    /// other shape, which [`Cells::cell`] reads.
    #[inline]
    fn usual_cell(&mut self) -> Fast<Option<FastCell<'x>>> {
        let b = self.s.b;
        let mut i = self.s.i;
        if b.get(i..i + 4) != Some(b" r=\"") {
            return Ok(None);
        }
        i += 4;
        let (mut col, mut letters) = (0u32, 0);
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_uppercase()) {
            if letters == 3 {
                return Ok(None);
            }
            col = col * 26 + u32::from(c - b'A') + 1;
            letters += 1;
            i += 1;
        }
        let (mut row, mut digits) = (0u32, 0);
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            if digits == 7 {
                return Ok(None);
            }
            row = row * 10 + u32::from(c - b'0');
            digits += 1;
            i += 1;
        }
        if letters == 0 || row == 0 || b.get(i) != Some(&b'"') {
            return Ok(None);
        }
        i += 1;
        let mut style = None;
        if b.get(i..i + 4) == Some(b" s=\"") {
            i += 4;
            let (mut n, mut digits) = (0usize, 0);
            while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                if digits == 9 {
                    return Ok(None);
                }
                n = n * 10 + usize::from(c - b'0');
                digits += 1;
                i += 1;
            }
            if digits == 0 || b.get(i) != Some(&b'"') {
                return Ok(None);
            }
            i += 1;
            style = Some(n);
        }
        let mut typ = CellType::Number;
        if b.get(i..i + 4) == Some(b" t=\"") {
            i += 4;
            typ = match b.get(i) {
                Some(b's') => CellType::Shared,
                Some(b'n') => CellType::Number,
                Some(b'i') if b.get(i..i + 9) == Some(b"inlineStr") => {
                    i += 8;
                    CellType::Inline
                }
                _ => return Ok(None),
            };
            if b.get(i + 1) != Some(&b'"') {
                return Ok(None);
            }
            i += 2;
        }
        while b.get(i).copied().is_some_and(is_ws) {
            i += 1;
        }
        let value = match (b.get(i), b.get(i + 1..i + 4)) {
            (Some(b'/'), Some([b'>', ..])) => {
                i += 2;
                DataRef::Empty
            }
            // `<is><t>…</t></is>` (no `xml:space`: trimmed).
            (Some(b'>'), Some(b"<is")) if typ == CellType::Inline => {
                const OPEN: &[u8] = b"><is><t>";
                const CLOSE: &[u8] = b"</t></is></c>";
                let start = i + OPEN.len();
                if b.get(i..start) != Some(OPEN) {
                    return Ok(None);
                }
                let Some(len) = b[start..].iter().position(|&c| c == b'<') else {
                    return Ok(None);
                };
                let end = start + len;
                if b.get(end..end + CLOSE.len()) != Some(CLOSE) {
                    return Ok(None);
                }
                i = end + CLOSE.len();
                match unescape(&b[start..end])? {
                    Cow::Borrowed(t) => DataRef::SharedString(t.trim_matches(XML_WS)),
                    Cow::Owned(t) => DataRef::String(t.trim_matches(XML_WS).to_string()),
                }
            }
            (Some(b'>'), Some(b"<v>")) if typ != CellType::Inline => {
                let start = i + 4;
                let Some(len) = b[start..].iter().position(|&c| c == b'<') else {
                    return Ok(None);
                };
                const CLOSE: &[u8] = b"</v></c>";
                let end = start + len;
                if b.get(end..end + CLOSE.len()) != Some(CLOSE) {
                    return Ok(None);
                }
                i = end + CLOSE.len();
                self.value(&b[start..end], typ, style)?
            }
            _ => return Ok(None),
        };
        self.s.i = i;
        self.col_index = col;
        Ok(Some(((row - 1, col - 1), value, style.unwrap_or(0))))
    }

    fn cell(&mut self) -> Fast<FastCell<'x>> {
        let (mut r, mut s, mut t) = (None, None, None);
        let empty = self.s.attrs(|k, v| {
            let slot = match k {
                b"r" => &mut r,
                b"s" => &mut s,
                b"t" => &mut t,
                _ => return Ok(()),
            };
            if slot.replace(v).is_some() {
                return Err(Unsupported);
            }
            Ok(())
        })?;
        let pos = match r {
            Some(r) => {
                let p = cell_ref(r)?;
                self.col_index = p.1;
                p
            }
            None => (self.row_index, self.col_index),
        };
        let style = match s {
            None => None,
            Some(v) if !v.is_empty() && v.len() < 10 && v.iter().all(u8::is_ascii_digit) => Some(
                v.iter()
                    .fold(0usize, |n, &c| n * 10 + usize::from(c - b'0')),
            ),
            Some(_) => return Err(Unsupported),
        };
        let typ = match t {
            None | Some(b"n") => CellType::Number,
            Some(b"s") => CellType::Shared,
            Some(b"b") => CellType::Bool,
            Some(b"e") => CellType::Error,
            Some(b"str") => CellType::Str,
            Some(b"inlineStr") => CellType::Inline,
            Some(_) => return Err(Unsupported),
        };
        let mut value = DataRef::Empty;
        if !empty {
            loop {
                self.s.skip_ws();
                if self.s.b[self.s.i..].starts_with(b"</c") {
                    self.s.close(b"c")?;
                    break;
                }
                if !self.s.eat(b"<") {
                    return Err(Unsupported);
                }
                if let Some(empty_v) = self.s.open(b"v")? {
                    let text: &[u8] = if empty_v { b"" } else { self.s.content(b"v")? };
                    value = self.value(text, typ, style)?;
                } else if let Some(empty_f) = self.s.open(b"f")? {
                    if !empty_f {
                        self.s.content(b"f")?;
                    }
                    value = DataRef::Empty;
                } else if let Some(empty_is) = self.s.open(b"is")? {
                    let text = if empty_is {
                        None
                    } else {
                        self.s.string_item(b"is")?
                    };
                    value = match text {
                        None => DataRef::String(String::new()),
                        Some(Cow::Borrowed(b)) => DataRef::SharedString(b),
                        Some(Cow::Owned(o)) => DataRef::String(o),
                    };
                } else {
                    return Err(Unsupported);
                }
            }
        }
        self.col_index += 1;
        Ok((pos, value, style.unwrap_or(0)))
    }

    /// The value of a `<v>` element (calamine's `read_v`).
    fn value(&self, v: &'x [u8], typ: CellType, style: Option<usize>) -> Fast<DataRef<'x>> {
        match typ {
            CellType::Inline => return Ok(DataRef::Empty),
            CellType::Str => return Ok(DataRef::String(unescape(v)?.into_owned())),
            _ => {}
        }
        if v.is_empty() {
            return Ok(DataRef::Empty);
        }
        if v.contains(&b'&') {
            return Err(Unsupported);
        }
        match typ {
            CellType::Bool => {
                let t = std::str::from_utf8(v).map_err(|_| Unsupported)?.trim();
                if t.is_empty() {
                    Ok(DataRef::Empty)
                } else if t == "0" || t.eq_ignore_ascii_case("false") {
                    Ok(DataRef::Bool(false))
                } else if t == "1" || t.eq_ignore_ascii_case("true") {
                    Ok(DataRef::Bool(true))
                } else {
                    Err(Unsupported)
                }
            }
            CellType::Error => {
                let t = std::str::from_utf8(v).map_err(|_| Unsupported)?;
                CellErrorType::from_str(t)
                    .map(DataRef::Error)
                    .map_err(|_| Unsupported)
            }
            CellType::Number => {
                let n = number(v)?;
                let kind = match style {
                    None => NumKind::Number,
                    Some(id) => self.kinds.get(id).copied().unwrap_or(NumKind::Number),
                };
                match kind {
                    NumKind::Number => Ok(DataRef::Float(n)),
                    NumKind::DateTime => Ok(DataRef::DateTime(ExcelDateTime::new(
                        n,
                        ExcelDateTimeType::DateTime,
                        self.is_1904,
                    ))),
                    NumKind::TimeDelta => Ok(DataRef::DateTime(ExcelDateTime::new(
                        n,
                        ExcelDateTimeType::TimeDelta,
                        self.is_1904,
                    ))),
                    NumKind::Unknown => Err(Unsupported),
                }
            }
            // An index into the table (digits only: calamine reads anything else as 0).
            CellType::Shared => {
                if v.len() > 9 || !v.iter().all(u8::is_ascii_digit) {
                    return Err(Unsupported);
                }
                let i = v
                    .iter()
                    .fold(0usize, |n, &c| n * 10 + usize::from(c - b'0'));
                self.strings
                    .and_then(|t| t.get(i))
                    .map(DataRef::SharedString)
                    .ok_or(Unsupported)
            }
            CellType::Str | CellType::Inline => Err(Unsupported),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use calamine::{Data, Reader, Xlsx};
    use zip::write::SimpleFileOptions;

    use super::*;

    const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="_(&quot;Rp&quot;* #,##0_)"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="46" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>"#;

    /// A workbook whose sheet `E & 81` holds `sheet_data`, with a shared strings table
    /// holding `sst` (the `<sst>` element's content) when given.
    fn workbook_with(sheet_data: &str, sst: Option<&str>) -> Vec<u8> {
        let sheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C9"/><sheetData>{sheet_data}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#
        );
        let files = [
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
            ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Lain" sheetId="2" r:id="rId2"/><sheet name="E &amp; 81" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_string()),
            ("xl/styles.xml", STYLES.to_string()),
            ("xl/worksheets/data.xml", sheet),
            ("xl/worksheets/sheet2.xml", r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#.to_string()),
        ];
        let table = sst.map(|items| {
            let xml = format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">{items}</sst>"#
            );
            ("xl/sharedStrings.xml", xml)
        });
        let mut buf = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, body) in files.into_iter().chain(table) {
            z.start_file(name, SimpleFileOptions::default()).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap();
        buf.into_inner()
    }

    type Owned = Vec<((u32, u32), Data, usize)>;

    fn owned(v: DataRef<'_>) -> Data {
        match v {
            // Borrowed text is the same string calamine owns.
            DataRef::SharedString(s) => Data::String(s.to_string()),
            other => other.into(),
        }
    }

    fn by_calamine(bytes: &[u8], sheet: &str) -> Result<Owned, String> {
        let mut x: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let mut r = x.worksheet_cells_reader(sheet).map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        while let Some((c, s)) = r.next_cell_with_style_id().map_err(|e| e.to_string())? {
            out.push((c.get_position(), owned(c.get_value().clone()), s));
        }
        Ok(out)
    }

    fn by_scanner(bytes: &[u8], sheet: &str) -> Fast<Owned> {
        let mut x: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| Unsupported)?;
        let is_1904 = x.has_1904_epoch();
        let kinds = {
            let r = x.worksheet_cells_reader(sheet).map_err(|_| Unsupported)?;
            number_kinds(r.styles())
        };
        let xml = load_sheet(bytes, sheet, &Limits::default()).ok_or(Unsupported)?;
        let mut cells = Cells::new(&xml, &kinds, is_1904)?;
        let mut out = Vec::new();
        while let Some((p, v, s)) = cells.next_cell()? {
            out.push((p, owned(v), s));
        }
        Ok(out)
    }

    /// The scanner yields exactly calamine's cells.
    fn same(sheet_data: &str) -> Owned {
        same_with(sheet_data, None)
    }

    fn same_with(sheet_data: &str, sst: Option<&str>) -> Owned {
        let wb = workbook_with(sheet_data, sst);
        let fast = by_scanner(&wb, "E & 81").expect("the fast path should handle this sheet");
        assert_eq!(
            fast,
            by_calamine(&wb, "E & 81").unwrap(),
            "{sheet_data} {sst:?}"
        );
        fast
    }

    /// The scanner declines (calamine reads the sheet instead).
    fn declined(sheet_data: &str) {
        declined_with(sheet_data, None)
    }

    fn declined_with(sheet_data: &str, sst: Option<&str>) {
        let wb = workbook_with(sheet_data, sst);
        assert_eq!(
            by_scanner(&wb, "E & 81"),
            Err(Unsupported),
            "{sheet_data} {sst:?}"
        );
    }

    #[test]
    fn merged_ranges_from_the_tail() {
        let xml = br#"<worksheet><sheetData><row r="1"><c r="A1"/></row></sheetData><mergeCells count="3"><mergeCell ref="E4:F4"/><mergeCell ref="B5:C6" /><mergeCell ref="A90:B90"/><mergeCell ref="bad"/></mergeCells></worksheet>"#;
        let merges = |xml: &[u8]| merged_ranges(&pack(xml.to_vec(), None), 60);
        assert_eq!(merges(xml), vec![(3, 4, 3, 5), (4, 1, 5, 2)]);
        assert!(merges(b"<worksheet><sheetData/></worksheet>").is_empty());
        assert!(merges(b"<mergeCell ref=\"A1:B1\"").is_empty());
        // A table packed after the sheet is not searched.
        let table = Table::parse(
            b"<sst><si><t>&lt;/sheetData&gt;&lt;mergeCell ref=\"A1:B2\"/&gt;</t></si></sst>",
        )
        .unwrap();
        assert!(merged_ranges(&pack(b"<worksheet/>".to_vec(), Some(&table)), 60).is_empty());
        assert!(merged_ranges(b"", 60).is_empty());
    }

    /// Every shape of shared string Excel and LibreOffice write: plain, kept or trimmed
    /// spaces, entities, rich-text runs, phonetic runs, empty items.
    const SST: &str = concat!(
        r#"<si><t>Kode</t></si>"#,
        r#"<si><t xml:space="preserve">  spasi  </t></si>"#,
        r#"<si><t>  dipangkas&#10;baris  </t></si>"#,
        r#"<si><t>Rp &amp; K &lt;x&gt;</t></si>"#,
        "\n  <si>\n    <r><rPr><b val=\"true\"/><sz val=\"11\"/><color rgb=\"FF000000\"/><rFont val=\"Calibri\"/><family val=\"2\"/></rPr><t xml:space=\"preserve\">Program </t></r>\n    <r><t>Kegiatan</t></r>\n  </si>",
        r#"<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>"#,
        r#"<si/>"#,
        r#"<si></si>"#,
        r#"<si><t/></si>"#,
        r#"<si><r><t>a</t></r><t>b</t><r><rPr/><t> c </t></r></si>"#,
    );

    #[test]
    fn shared_strings_like_calamine() {
        let cells = same_with(
            concat!(
                r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="1"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>"#,
                r#"<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c></row>"#,
                r#"<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" t="s"><v>7</v></c><c r="C3" t="s"><v>8</v></c></row>"#,
                r#"<row r="4"><c r="A4" t="s"><v>9</v></c><c r="B4" t="s"><v>007</v></c><c r="C4" t="s"><v></v></c><c r="D4" t="s"/></row>"#,
            ),
            Some(SST),
        );
        assert_eq!(cells.len(), 13);
        assert_eq!(cells[4].1, Data::String("Program Kegiatan".into()));
        assert_eq!(cells[5].1, Data::String("漢字".into()));
        assert_eq!(cells[9].1, Data::String("abc".into()));
        // An inline string with runs reads the same way.
        same(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r><r><rPr><b/></rPr><t>b</t></r></is></c></row>"#,
        );
    }

    #[test]
    fn unusual_shared_strings_go_to_calamine() {
        let cell = |v: &str| format!(r#"<row r="1"><c r="A1" t="s"><v>{v}</v></c></row>"#);
        // Indexes out of the table, or not plain digits (calamine reads those as 0).
        declined_with(&cell("10"), Some(SST));
        declined_with(&cell(" 1"), Some(SST));
        declined_with(&cell("1.0"), Some(SST));
        declined_with(&cell("99999999999"), Some(SST));
        // No table at all.
        declined_with(&cell("0"), None);
        // Tables of a shape the scanner does not read: all its cells go to calamine.
        for sst in [
            r#"<si><t>a_x000D_b</t></si>"#,
            "<si><t>a\r\nb</t></si>",
            r#"<si><t><![CDATA[x]]></t></si>"#,
            r#"<si><t>a</t><x/></si>"#,
            r#"<si><t>a</t></si><extLst/>"#,
            r#"<x:si xmlns:x="urn:x"><x:t>a</x:t></x:si>"#,
            r#"<si><t xml:space="preserve" xml:space="default"> a </t></si>"#,
            r#"<si><r><rPr><b>x</b></rPr><t>a</t></r></si>"#,
            r#"<si>a<t>b</t></si>"#,
        ] {
            declined_with(&cell("0"), Some(sst));
        }
    }

    #[test]
    fn a_table_is_parsed_once_into_one_buffer() {
        let t = Table::parse(
            format!("<?xml version=\"1.0\"?>\n<sst count=\"3\">{SST}</sst>").as_bytes(),
        )
        .unwrap();
        assert_eq!(t.ends.len(), 10);
        let packed = pack(b"<worksheet/>".to_vec(), Some(&t));
        assert_eq!(sheet_xml(&packed), Ok(&b"<worksheet/>"[..]));
        let strings = sheet_strings(&packed).unwrap().unwrap();
        let all: Vec<&str> = (0..10).map(|i| strings.get(i).unwrap()).collect();
        assert_eq!(
            all,
            [
                "Kode",
                "  spasi  ",
                "dipangkas\nbaris",
                "Rp & K <x>",
                "Program Kegiatan",
                "漢字",
                "",
                "",
                "",
                "abc"
            ]
        );
        assert_eq!(strings.get(10), None);
        assert_eq!(Table::parse(b"<sst/>"), Ok(Table::default()));
        assert!(sheet_strings(&pack(Vec::new(), None)).unwrap().is_none());
        assert_eq!(sheet_xml(b"short"), Err(Unsupported));
    }

    #[test]
    fn values_like_calamine() {
        let cells = same(concat!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Kode &amp; Nama &lt;x&gt; &#65;&#x42;</t></is></c>"#,
            r#"<c r="B1" t="inlineStr"><is><t xml:space="preserve">  spasi  </t></is></c>"#,
            r#"<c r="C1" t="inlineStr"><is><t>  dipangkas&#10;baris  </t></is></c></row>"#,
            "\n  <row r=\"2\" spans=\"1:3\">\n",
            r#"<c r="A2" s="1"><v>0.4693</v></c><c r="B2" t="n"><v>-721957596.6</v></c><c r="C2"><v>1E-3</v></c></row>"#,
            r#"<row r="3"><c r="A3" t="str"><f>A1&amp;"x"</f><v>a &amp; b</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="b"><v>false</v></c></row>"#,
            r#"<row r="4"><c r="A4" t="e"><v>#DIV/0!</v></c><c r="B4" t="e"><f>NA()</f><v>#N/A</v></c><c r="C4"><f>SUM(A1:A2)</f></c></row>"#,
            r#"<row r="5"><c r="A5" s="2"><v>45000</v></c><c r="B5" s="3"><v>45000.5</v></c><c r="C5" s="4"><v>1.25</v></c><c r="D5" s="5"><v>12500</v></c><c r="E5" s="6"><v>7</v></c><c r="F5" s="99"><v>8</v></c></row>"#,
            r#"<row r="6"><c t="inlineStr"><is><t>tanpa r</t></is></c><c><v>2</v></c><c r="E6"/><c/></row>"#,
            r#"<row><c><v>3</v></c><c r='C8' s='1' t='n'><v>4</v></c></row><row r="9"/><row><c><v>5</v></c></row>"#,
            r#"<row r="11"><c r="A11"><v></v></c><c r="B11" t="inlineStr"><is></is></c><c r="C11" t="inlineStr"><is><t/></is></c><c r="D11" t="inlineStr"><v>9</v></c><c r="E11" t="str"><v/></c></row>"#,
        ));
        assert_eq!(cells.len(), 30);
    }

    /// The shapes read in one pass (as Excel, LibreOffice and openpyxl write them), and
    /// near misses that the general reader takes instead: all as calamine reads them.
    #[test]
    fn usual_cells_like_calamine() {
        let cells = same_with(
            concat!(
                r#"<row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="1" t="n"><v>-12.5</v></c><c r="C1" s="2"><v>45000</v></c>"#,
                r#"<c r="D1" s="1"/><c r="E1" s="3" t="n" /><c r="F1" t="s"><v>3</v></c><c r="G1"><v>1E-3</v></c></row>"#,
                r#"<row r="2"><c r="A2" s="1" t="inlineStr"><is><t>  Kode &amp; Nama  </t></is></c><c r="B2" t="inlineStr"><is><t></t></is></c>"#,
                r#"<c r="C2" s="123456789" t="n"><v>-0</v></c><c r="XFD2" s="5"><v>999999999999999</v></c></row>"#,
                // Near misses, read by the general reader: other attribute orders or spacing,
                // `xml:space`, more than one run, a formula, extra attributes.
                r#"<row r="3"><c r="A3" t="s" s="1"><v>1</v></c><c  r="B3" s="1"><v>2</v></c><c r="C3" s="1" t="inlineStr"><is><t xml:space="preserve"> a </t></is></c>"#,
                r#"<c r="D3" t="inlineStr"><is><t>a</t><t>b</t></is></c><c r="E3" s="1"><f>E1</f><v>3</v></c><c r="F3" s="1" cm="1"><v>4</v></c><c r="G3" t="str"><v>x</v></c></row>"#,
            ),
            Some(SST),
        );
        assert_eq!(cells.len(), 18);
        assert_eq!(cells[7].1, Data::String("Kode & Nama".into()));
        assert_eq!(cells[10], ((1, 16383), Data::Float(999999999999999.0), 5));
        // What the one pass refuses is refused by the general reader too.
        declined(r#"<row r="1"><c r="AAAA1" s="1"/></row>"#);
        declined(r#"<row r="1"><c r="A0" s="1"/></row>"#);
        declined(r#"<row r="1"><c r="A12345678" s="1"/></row>"#);
        declined(r#"<row r="1"><c r="A1" s="1234567890"/></row>"#);
        declined(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>"#);
        declined_with(
            r#"<row r="1"><c r="A1" s="1" t="s"><v>99</v></c></row>"#,
            Some(SST),
        );
    }

    #[test]
    fn unusual_shapes_go_to_calamine() {
        // Excel `_x` escapes, CR, CDATA.
        declined(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>"#);
        declined("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb</t></is></c></row>");
        declined(r#"<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>"#);
        declined(r#"<row r="1"><c r="A1" t="d"><v>2026-01-01</v></c></row>"#);
        declined(r#"<row r="1"><c r="A1"><v>1,5</v></c></row>"#);
        // Malformed XML: calamine reports it (with the sheet's name).
        declined(r#"<row r="1"><c r="A1"><v>1</x></c></row>"#);
        declined(r#"<row r="1"><c r="A1"><v>1</v></row>"#);
        declined(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>x"#);
        declined(r#"<row r="1"><c r="a1"><v>1</v></c></row>"#);
    }

    #[test]
    /// Every sheet of every fixture workbook: the scanner's cells are calamine's. It reads
    /// the big ones (inline strings, and their LibreOffice re-save with shared strings) and
    /// every real layout (shared strings: generated, and saved by LibreOffice) in full.
    fn fixtures_read_like_calamine() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
        let mut paths: Vec<std::path::PathBuf> = ["xlsx", "real-layouts"]
            .iter()
            .flat_map(|d| std::fs::read_dir(format!("{root}/{d}")).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
            .collect();
        paths.sort();
        assert!(paths.len() >= 20, "{paths:?}");
        for path in paths {
            let name = path.display().to_string();
            let bytes = std::fs::read(&path).unwrap();
            let x: Xlsx<_> = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
            let must = name.contains("big_900") || name.contains("real-layouts");
            for sheet in x.sheet_names() {
                let reference = by_calamine(&bytes, &sheet);
                match by_scanner(&bytes, &sheet) {
                    Ok(cells) => assert_eq!(Ok(cells), reference, "{name} {sheet}"),
                    Err(Unsupported) => assert!(!must, "{name} {sheet}: not read by the scanner"),
                }
            }
        }
    }

    #[test]
    fn number_kinds_follow_calamine() {
        assert_eq!(kind_of_code("dd/mm/yyyy"), NumKind::DateTime);
        assert_eq!(kind_of_code("[h]:mm:ss"), NumKind::TimeDelta);
        assert_eq!(kind_of_code("0.00%"), NumKind::Number);
        assert_eq!(kind_of_code("_(\"Rp\"* #,##0_)"), NumKind::Number);
        assert_eq!(kind_of_code("General"), NumKind::Number);
        assert_eq!(kind_of_builtin_id(14), NumKind::DateTime);
        assert_eq!(kind_of_builtin_id(46), NumKind::TimeDelta);
        assert_eq!(kind_of_builtin_id(4), NumKind::Number);
    }
}
