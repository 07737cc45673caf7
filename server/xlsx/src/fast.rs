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
//! construct it does not handle, malformed XML, shared strings, an unexpected value — makes
//! it answer [`Unsupported`], and the caller reads the sheet with calamine as before, so
//! results and error messages never depend on which path ran.

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

/// The XML of the worksheet named `sheet`, found the way calamine finds it. None when
/// anything is unusual (calamine's path then reads it, with its located errors).
pub(crate) fn load_sheet(bytes: &[u8], sheet: &str, limits: &Limits) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let parts = crate::package::find_parts(&mut zip, sheet).ok()?;
    crate::package::read_entry(&mut zip, &parts.sheet, limits.max_uncompressed_bytes).ok()
}

// ---------------------------------------------------------------------------------------
// The byte scanner.

struct Scan<'x> {
    b: &'x [u8],
    i: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'x> Scan<'x> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.b[self.i..].starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    /// A tag or attribute name.
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
    fn content(&mut self, name: &[u8]) -> Fast<&'x [u8]> {
        let t = self.text();
        self.close(name)?;
        Ok(t)
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

/// The merged ranges of a sheet whose first row is above `max_row` (the header area), from
/// the `<mergeCells>` list after the sheet data. Only the tail of the XML is searched (the
/// list follows `</sheetData>`), so this costs nothing on big sheets.
pub(crate) fn merged_ranges(xml: &[u8], max_row: u32) -> Vec<Merge> {
    const END: &[u8] = b"</sheetData>";
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
}

impl<'x> Cells<'x> {
    pub(crate) fn new(xml: &'x [u8], kinds: &'x [NumKind], is_1904: bool) -> Fast<Self> {
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
        })
    }

    pub(crate) fn next_cell(&mut self) -> Fast<Option<FastCell<'x>>> {
        loop {
            self.s.skip_ws();
            if !self.s.eat(b"<") {
                return Err(Unsupported);
            }
            if self.s.eat(b"/row>") {
                self.row_index += 1;
                self.col_index = 0;
                continue;
            }
            if self.s.eat(b"/sheetData>") {
                return Ok(None);
            }
            if self.s.eat(b"row") {
                if !self
                    .s
                    .peek()
                    .is_some_and(|b| is_ws(b) || b == b'>' || b == b'/')
                {
                    return Err(Unsupported);
                }
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
            if self.s.eat(b"c") {
                if !self
                    .s
                    .peek()
                    .is_some_and(|b| is_ws(b) || b == b'>' || b == b'/')
                {
                    return Err(Unsupported);
                }
                return self.cell().map(Some);
            }
            return Err(Unsupported);
        }
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
                    value = if empty_is {
                        DataRef::String(String::new())
                    } else {
                        self.inline_string()?
                    };
                } else {
                    return Err(Unsupported);
                }
            }
        }
        self.col_index += 1;
        Ok((pos, value, style.unwrap_or(0)))
    }

    /// The `<t>` runs of an `<is>` element (plain, not rich text), after `<is>`.
    fn inline_string(&mut self) -> Fast<DataRef<'x>> {
        let mut acc: Option<Cow<'x, str>> = None;
        loop {
            self.s.skip_ws();
            if self.s.b[self.s.i..].starts_with(b"</is") {
                self.s.close(b"is")?;
                break;
            }
            if !(self.s.eat(b"<t")
                && self
                    .s
                    .peek()
                    .is_some_and(|b| is_ws(b) || b == b'>' || b == b'/'))
            {
                return Err(Unsupported);
            }
            let mut preserve = false;
            let empty = self.s.attrs(|k, v| {
                if k == b"xml:space" {
                    preserve = v == b"preserve";
                }
                Ok(())
            })?;
            let raw: &[u8] = if empty { b"" } else { self.s.content(b"t")? };
            let text = unescape(raw)?;
            let text = if preserve {
                text
            } else {
                match text {
                    Cow::Borrowed(b) => Cow::Borrowed(b.trim_matches([' ', '\t', '\r', '\n'])),
                    Cow::Owned(o) => Cow::Owned(o.trim_matches([' ', '\t', '\r', '\n']).into()),
                }
            };
            acc = Some(match acc {
                None => text,
                Some(prev) => Cow::Owned(prev.into_owned() + &text),
            });
        }
        Ok(match acc {
            None => DataRef::String(String::new()),
            Some(Cow::Borrowed(b)) => DataRef::SharedString(b),
            Some(Cow::Owned(o)) => DataRef::String(o),
        })
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
            // Shared strings are calamine's.
            CellType::Shared | CellType::Str | CellType::Inline => Err(Unsupported),
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

    fn workbook(sheet_data: &str) -> Vec<u8> {
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
        let mut buf = Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, body) in files {
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
        let wb = workbook(sheet_data);
        let fast = by_scanner(&wb, "E & 81").expect("the fast path should handle this sheet");
        assert_eq!(fast, by_calamine(&wb, "E & 81").unwrap(), "{sheet_data}");
        fast
    }

    /// The scanner declines (calamine reads the sheet instead).
    fn declined(sheet_data: &str) {
        let wb = workbook(sheet_data);
        assert_eq!(by_scanner(&wb, "E & 81"), Err(Unsupported), "{sheet_data}");
    }

    #[test]
    fn merged_ranges_from_the_tail() {
        let xml = br#"<worksheet><sheetData><row r="1"><c r="A1"/></row></sheetData><mergeCells count="3"><mergeCell ref="E4:F4"/><mergeCell ref="B5:C6" /><mergeCell ref="A90:B90"/><mergeCell ref="bad"/></mergeCells></worksheet>"#;
        assert_eq!(merged_ranges(xml, 60), vec![(3, 4, 3, 5), (4, 1, 5, 2)]);
        assert!(merged_ranges(b"<worksheet><sheetData/></worksheet>", 60).is_empty());
        assert!(merged_ranges(b"<mergeCell ref=\"A1:B1\"", 60).is_empty());
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

    #[test]
    fn unusual_shapes_go_to_calamine() {
        // Shared strings (no table loaded here), rich text, Excel `_x` escapes, CR, CDATA.
        declined(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
        declined(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r><r><rPr><b/></rPr><t>b</t></r></is></c></row>"#,
        );
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
    fn fixtures_read_like_calamine() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/xlsx");
        for name in ["e81_101", "e81_102", "e81_103", "e81_104", "big_900"] {
            let bytes = std::fs::read(format!("{dir}/{name}.xlsx")).unwrap();
            let x: Xlsx<_> = Xlsx::new(Cursor::new(&bytes[..])).unwrap();
            for sheet in x.sheet_names() {
                let reference = by_calamine(&bytes, &sheet);
                match by_scanner(&bytes, &sheet) {
                    Ok(cells) => assert_eq!(Ok(cells), reference, "{name} {sheet}"),
                    Err(Unsupported) => assert_ne!(name, "big_900", "{sheet}"),
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
