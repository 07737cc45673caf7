//! The data rows of the export, written as worksheet XML directly.
//!
//! `rust_xlsxwriter` keeps every cell in a `BTreeMap`, hashes the cell's `Format` on every
//! write and formats the XML through `fmt`; for a 20 000-row form that is most of the export.
//! So the workbook is built by `rust_xlsxwriter` without the data rows (a *skeleton*: title,
//! header, footer, signatures, page setup, styles), with one registration row at the first
//! data row holding a blank cell in each data [`Style`], so its `styles.xml` has those styles
//! and the skeleton's sheet XML tells their `xf` indices. The data rows are then written here
//! in the same XML `rust_xlsxwriter` writes (same cell elements, escapes, row heights, shared
//! strings) and spliced into the skeleton in place of the registration row; the new strings are
//! appended to its shared string table. The other package parts are copied as compressed.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use rust_xlsxwriter::XlsxError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Number of data cell styles: [bold][kind] (10), then the name column [bold][indent] (6).
pub(super) const N_STYLES: usize = 16;

/// A data cell style, an index into the registration row (see [`super::Styles::data`]).
pub(super) type Style = u8;

/// Excel's longest string (UTF-16 units), as `rust_xlsxwriter` checks it.
const MAX_STRING_LEN: usize = 32_767;

const SHEET: &str = "xl/worksheets/sheet1.xml";
const SST: &str = "xl/sharedStrings.xml";

fn xml_err(what: &str) -> XlsxError {
    XlsxError::ParameterError(format!("kerangka xlsx tidak terduga: {what}"))
}

fn zip_err(e: zip::result::ZipError) -> XlsxError {
    XlsxError::ZipError(e)
}

#[derive(Clone, Copy)]
enum Cell {
    None,
    Blank(Style),
    Str(u32, Style),
    Num(f64, Style),
    /// Formula text and cached result as ranges of the row's text buffer.
    Formula {
        f: (u32, u32),
        v: (u32, u32),
        s: Style,
    },
}

/// What the skeleton tells: where the registration row is, the data styles' `xf` indices and
/// the skeleton's shared strings.
struct Skeleton {
    xf: [u32; N_STYLES],
    /// Byte range of the registration `<row>…</row>` in the sheet XML.
    row_span: (usize, usize),
    sheet: Vec<u8>,
    sst: Vec<u8>,
    /// `<si>…</si>` element → index, for the skeleton's strings.
    si: HashMap<String, u32>,
    sst_count: u64,
}

/// The data rows being written: XML, the new shared strings, and the current row's cells.
pub(super) struct SheetData {
    xf: [u32; N_STYLES],
    /// The sheet's column letters (`super::layout::Layout::letters`), one per column.
    letters: Vec<String>,
    /// A row's `spans` attribute: `1:` and the number of columns.
    spans: String,
    xml: Vec<u8>,
    /// Raw string → shared string index (skeleton's or new).
    strings: HashMap<String, u32>,
    skel_si: HashMap<String, u32>,
    /// New `<si>` elements.
    sst_new: Vec<u8>,
    next_string: u32,
    string_cells: u64,
    si_buf: String,
    // Current row.
    row: u32,
    height_px: u32,
    /// One per column.
    cells: Vec<Cell>,
    text: String,
    /// Where full chunks of sheet XML go (the compressing thread).
    sink: Option<std::sync::mpsc::SyncSender<Vec<u8>>>,
}

impl SheetData {
    fn new(skel: &mut Skeleton, rows: usize, letters: &[String]) -> SheetData {
        let next_string = skel.si.len() as u32;
        SheetData {
            xf: skel.xf,
            letters: letters.to_vec(),
            spans: format!("1:{}", letters.len()),
            xml: Vec::with_capacity(CHUNK + (CHUNK >> 3)),
            strings: HashMap::with_capacity(rows * 2),
            skel_si: std::mem::take(&mut skel.si),
            sst_new: Vec::with_capacity(rows * 64),
            next_string,
            string_cells: 0,
            si_buf: String::new(),
            row: 0,
            height_px: 20,
            cells: vec![Cell::None; letters.len()],
            text: String::with_capacity(1024),
            sink: None,
        }
    }

    /// Start 0-based row `r`, `height` points high (as `Worksheet::set_row_height`).
    pub(super) fn begin_row(&mut self, r: u32, height: f64) {
        self.row = r;
        self.height_px = (height * 4.0 / 3.0).round() as u32;
        self.cells.fill(Cell::None);
        self.text.clear();
    }

    pub(super) fn blank(&mut self, c: u16, s: Style) {
        self.cells[usize::from(c)] = Cell::Blank(s);
    }

    pub(super) fn number(&mut self, c: u16, v: f64, s: Style) -> Result<(), XlsxError> {
        if !v.is_finite() {
            // `rust_xlsxwriter` would write NaN/∞ as text; a Decimal is always finite.
            return Err(XlsxError::ParameterError("nilai bukan bilangan".into()));
        }
        self.cells[usize::from(c)] = Cell::Num(v, s);
        Ok(())
    }

    /// A string cell (never a formula); empty → blank with the style.
    pub(super) fn string(&mut self, c: u16, v: &str, s: Style) -> Result<(), XlsxError> {
        if v.is_empty() {
            self.blank(c, s);
            return Ok(());
        }
        if v.len() > MAX_STRING_LEN && v.encode_utf16().count() > MAX_STRING_LEN {
            return Err(XlsxError::MaxStringLengthExceeded);
        }
        let id = match self.strings.get(v) {
            Some(&id) => id,
            None => {
                self.si_buf.clear();
                push_si(&mut self.si_buf, v);
                let id = match self.skel_si.get(&self.si_buf) {
                    Some(&id) => id,
                    None => {
                        self.sst_new.extend_from_slice(self.si_buf.as_bytes());
                        self.next_string += 1;
                        self.next_string - 1
                    }
                };
                self.strings.insert(v.to_string(), id);
                id
            }
        };
        self.string_cells += 1;
        self.cells[usize::from(c)] = Cell::Str(id, s);
        Ok(())
    }

    /// A formula (`text`, without `=`, no future functions) with its cached result (empty:
    /// a string result, as `set_formula_result_default("")`).
    pub(super) fn formula(&mut self, c: u16, text: &str, result: &dyn std::fmt::Display, s: Style) {
        use std::fmt::Write as _;
        let f0 = self.text.len() as u32;
        escape_into(&mut self.text, text);
        let f1 = self.text.len() as u32;
        let _ = write!(self.text, "{result}");
        let v1 = self.text.len() as u32;
        self.cells[usize::from(c)] = Cell::Formula {
            f: (f0, f1),
            v: (f1, v1),
            s,
        };
    }

    /// Write the current row's XML.
    pub(super) fn end_row(&mut self) {
        let row = self.row + 1;
        let x = &mut self.xml;
        x.extend_from_slice(b"<row r=\"");
        push_u32(x, row);
        x.extend_from_slice(b"\" spans=\"");
        x.extend_from_slice(self.spans.as_bytes());
        x.push(b'"');
        if self.height_px != 20 {
            x.extend_from_slice(b" ht=\"");
            let ht = f64::from(self.height_px) * 0.75;
            let _ = write!(x, "{ht}");
            x.extend_from_slice(b"\" customHeight=\"1\"");
        }
        x.push(b'>');
        let letters = &self.letters;
        let start = |x: &mut Vec<u8>, col: usize, xf: u32| {
            x.extend_from_slice(b"<c r=\"");
            x.extend_from_slice(letters[col].as_bytes());
            push_u32(x, row);
            x.extend_from_slice(b"\" s=\"");
            push_u32(x, xf);
            x.push(b'"');
        };
        for (col, cell) in self.cells.iter().enumerate() {
            match *cell {
                Cell::None => {}
                Cell::Blank(s) => {
                    start(x, col, self.xf[usize::from(s)]);
                    x.extend_from_slice(b"/>");
                }
                Cell::Str(id, s) => {
                    start(x, col, self.xf[usize::from(s)]);
                    x.extend_from_slice(b" t=\"s\"><v>");
                    push_u32(x, id);
                    x.extend_from_slice(b"</v></c>");
                }
                Cell::Num(v, s) => {
                    start(x, col, self.xf[usize::from(s)]);
                    x.extend_from_slice(b"><v>");
                    let _ = write!(x, "{v}");
                    x.extend_from_slice(b"</v></c>");
                }
                Cell::Formula { f, v, s } => {
                    start(x, col, self.xf[usize::from(s)]);
                    let result = &self.text[v.0 as usize..v.1 as usize];
                    // A decimal string always parses as a number; "" is a string result.
                    if result.is_empty() {
                        x.extend_from_slice(b" t=\"str\"");
                    }
                    x.extend_from_slice(b"><f>");
                    x.extend_from_slice(&self.text.as_bytes()[f.0 as usize..f.1 as usize]);
                    x.extend_from_slice(b"</f><v>");
                    x.extend_from_slice(result.as_bytes());
                    x.extend_from_slice(b"</v></c>");
                }
            }
        }
        x.extend_from_slice(b"</row>");
        if self.xml.len() >= CHUNK {
            self.flush();
        }
    }

    /// Hand the XML written so far to the compressing thread.
    fn flush(&mut self) {
        if let Some(tx) = &self.sink {
            let chunk = std::mem::replace(&mut self.xml, Vec::with_capacity(CHUNK + (CHUNK >> 3)));
            if tx.send(chunk).is_err() {
                // The writer failed; stop sending (its error is reported).
                self.sink = None;
            }
        }
    }
}

fn push_u32(x: &mut Vec<u8>, n: u32) {
    x.extend_from_slice(u32_digits(n, &mut [0u8; 10]));
}

/// The decimal digits of `n`, written into the end of `buf` (no allocation).
pub(super) fn u32_digits(mut n: u32, buf: &mut [u8; 10]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

/// `rust_xlsxwriter`'s `escape_xml_data`: `&`, `<`, `>`, and control characters as `_xHHHH_`.
fn escape_into(out: &mut String, s: &str) {
    use std::fmt::Write as _;
    // Fast path: nothing to escape (0xEF leads the UTF-8 of U+FFFE and U+FFFF).
    if !s
        .bytes()
        .any(|b| b < 0x20 || matches!(b, b'&' | b'<' | b'>' | 0xEF))
    {
        out.push_str(s);
        return;
    }
    if s.contains(['\u{FFFE}', '\u{FFFF}']) {
        for ch in s.chars() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\t' | '\n' => out.push(ch),
                '\0'..='\x1f' | '\u{FFFE}' | '\u{FFFF}' => {
                    let _ = write!(out, "_x{:04X}_", u32::from(ch));
                }
                _ => out.push(ch),
            }
        }
        return;
    }
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\t' | b'\n' => continue,
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        if rep.is_empty() {
            let _ = write!(out, "_x{b:04X}_");
        } else {
            out.push_str(rep);
        }
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `rust_xlsxwriter`'s `escape_xml_escapes`: a literal `_xHHHH_` gets its `_` escaped.
fn escape_escapes(s: &str) -> std::borrow::Cow<'_, str> {
    const LEN: usize = 7;
    if !s.contains("_x") {
        return std::borrow::Cow::Borrowed(s);
    }
    let end = s.len();
    let mut out = s.to_string();
    for (i, _) in s.rmatch_indices("_x") {
        if i + LEN > end || !s.is_char_boundary(i + LEN - 1) {
            continue;
        }
        if !s[i + LEN - 1..].starts_with('_') {
            continue;
        }
        if s[i + 2..i + LEN - 1].chars().all(|c| c.is_ascii_hexdigit()) {
            out.replace_range(i..i, "_x005F");
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The `<si>` element `rust_xlsxwriter` writes for a plain string.
fn push_si(out: &mut String, s: &str) {
    let ws = ['\t', '\n', ' '];
    if s.starts_with(ws) || s.ends_with(ws) {
        out.push_str("<si><t xml:space=\"preserve\">");
    } else {
        out.push_str("<si><t>");
    }
    escape_into(out, &escape_escapes(s));
    out.push_str("</t></si>");
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn parse_skeleton(
    sheet: Vec<u8>,
    sst: Vec<u8>,
    reg_row: u32,
    letters: &[String],
) -> Result<Skeleton, XlsxError> {
    let r1 = reg_row + 1;
    let open = format!("<row r=\"{r1}\"");
    let mut at = 0;
    let start = loop {
        let p = find(&sheet, open.as_bytes(), at).ok_or_else(|| xml_err("baris registrasi"))?;
        if matches!(sheet.get(p + open.len()), Some(b' ' | b'>')) {
            break p;
        }
        at = p + 1;
    };
    let end = find(&sheet, b"</row>", start).ok_or_else(|| xml_err("akhir baris"))? + 6;
    let row = &sheet[start..end];
    let mut xf = [0u32; N_STYLES];
    for (slot, letter) in xf.iter_mut().zip(letters) {
        let cell = format!("<c r=\"{letter}{r1}\" s=\"");
        let p =
            find(row, cell.as_bytes(), 0).ok_or_else(|| xml_err("sel registrasi"))? + cell.len();
        let digits = row[p..].iter().take_while(|b| b.is_ascii_digit()).count();
        *slot = std::str::from_utf8(&row[p..p + digits])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| xml_err("indeks gaya"))?;
    }
    // Shared strings: `<sst … count="N" …>` then `<si>…</si>` elements.
    let text = std::str::from_utf8(&sst).map_err(|_| xml_err("sharedStrings utf-8"))?;
    let head_end = text
        .find("<sst")
        .and_then(|p| text[p..].find('>').map(|q| p + q));
    let head_end = head_end.ok_or_else(|| xml_err("sst"))?;
    let count = attr(&text[..head_end], "count").ok_or_else(|| xml_err("sst count"))?;
    let mut si = HashMap::new();
    let mut rest = &text[head_end..];
    while let Some(p) = rest.find("<si>") {
        let q = rest[p..].find("</si>").ok_or_else(|| xml_err("si"))? + p + 5;
        let n = si.len() as u32;
        si.entry(rest[p..q].to_string()).or_insert(n);
        rest = &rest[q..];
    }
    Ok(Skeleton {
        xf,
        row_span: (start, end),
        sheet,
        sst,
        si,
        sst_count: count,
    })
}

fn attr(tag: &str, name: &str) -> Option<u64> {
    let key = format!(" {name}=\"");
    let p = tag.find(&key)? + key.len();
    let q = tag[p..].find('"')? + p;
    tag[p..q].parse().ok()
}

/// Sheet XML is handed to the compressing thread in chunks of about this size.
const CHUNK: usize = 1 << 20;

/// Read the skeleton package, let `fill` write the data rows into the columns with `letters`
/// (at least [`N_STYLES`]: the registration row's cells), and return the final package.
///
/// The package is written by a second thread while `fill` runs: the sheet XML is deflated
/// chunk by chunk as the rows are written, then the shared strings once they are all known.
pub(super) fn splice(
    skeleton: Vec<u8>,
    reg_row: u32,
    rows: usize,
    letters: &[String],
    fill: impl FnOnce(&mut SheetData) -> Result<(), XlsxError>,
) -> Result<Vec<u8>, XlsxError> {
    let skel_len = skeleton.len();
    let mut zin = ZipArchive::new(Cursor::new(skeleton)).map_err(zip_err)?;
    let read = |zin: &mut ZipArchive<Cursor<Vec<u8>>>, name: &str| -> Result<Vec<u8>, XlsxError> {
        let mut f = zin.by_name(name).map_err(zip_err)?;
        let mut v = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut v)?;
        Ok(v)
    };
    let sheet = read(&mut zin, SHEET)?;
    let sst = read(&mut zin, SST)?;
    if letters.len() < N_STYLES {
        return Err(xml_err("kolom lebih sedikit dari gaya sel"));
    }
    let mut skel = parse_skeleton(sheet, sst, reg_row, letters)?;
    let mut data = SheetData::new(&mut skel, rows, letters);
    let (a, b) = skel.row_span;
    let (sheet_head, sheet_tail) = (&skel.sheet[..a], &skel.sheet[b..]);

    let (chunk_tx, chunk_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
    let (sst_tx, sst_rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<Vec<u8>, XlsxError> {
            let opts = SimpleFileOptions::default()
                .compression_method(CompressionMethod::Deflated)
                .compression_level(Some(1))
                .unix_permissions(0o600)
                .last_modified_time(DateTime::default());
            let out_len = rows * 500 + skel_len;
            let mut zout = ZipWriter::new(Cursor::new(Vec::with_capacity(out_len)));
            for i in 0..zin.len() {
                let f = zin.by_index_raw(i).map_err(zip_err)?;
                let name = f.name().map_err(zip_err)?.into_owned();
                match name.as_str() {
                    SHEET => {
                        drop(f);
                        zout.start_file(SHEET, opts).map_err(zip_err)?;
                        zout.write_all(sheet_head)?;
                        // Until `fill` is done (the sender is dropped).
                        for chunk in chunk_rx.iter() {
                            zout.write_all(&chunk)?;
                        }
                        zout.write_all(sheet_tail)?;
                    }
                    SST => {
                        drop(f);
                        let sst = sst_rx
                            .recv()
                            .map_err(|_| xml_err("baris data tidak selesai"))?;
                        zout.start_file(SST, opts).map_err(zip_err)?;
                        zout.write_all(&sst)?;
                    }
                    _ => zout.raw_copy_file(f).map_err(zip_err)?,
                }
            }
            Ok(zout.finish().map_err(zip_err)?.into_inner())
        });
        data.sink = Some(chunk_tx);
        let filled = fill(&mut data).and_then(|()| {
            data.flush();
            data.sink = None;
            let sst = patched_sst(&skel, &data)?;
            // A closed channel means the writer failed: its error is reported below.
            let _ = sst_tx.send(sst);
            Ok(())
        });
        // On error, close both channels so the writer stops.
        data.sink = None;
        drop(sst_tx);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(xml_err("penulis zip gagal")));
        filled?;
        written
    })
}

/// The skeleton's shared string table with the new strings appended and the counts updated.
fn patched_sst(skel: &Skeleton, data: &SheetData) -> Result<Vec<u8>, XlsxError> {
    let text = std::str::from_utf8(&skel.sst).map_err(|_| xml_err("sst"))?;
    let p = text.find("<sst").ok_or_else(|| xml_err("sst"))?;
    let q = text[p..].find('>').ok_or_else(|| xml_err("sst"))? + p;
    let close = text.rfind("</sst>").ok_or_else(|| xml_err("sst"))?;
    let count = skel.sst_count + data.string_cells;
    let mut out = Vec::with_capacity(text.len() + data.sst_new.len() + 64);
    out.extend_from_slice(&text.as_bytes()[..p]);
    let _ = write!(
        out,
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{count}\" uniqueCount=\"{}\">",
        data.next_string
    );
    out.extend_from_slice(&text.as_bytes()[q + 1..close]);
    out.extend_from_slice(&data.sst_new);
    out.extend_from_slice(&text.as_bytes()[close..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_rust_xlsxwriter() {
        let mut s = String::new();
        push_si(&mut s, " a<b>&c\u{1}_x0041_ ");
        let mut t = String::new();
        escape_into(&mut t, "a\u{FFFF}<\u{1f}");
        assert_eq!(
            s,
            "<si><t xml:space=\"preserve\"> a&lt;b&gt;&amp;c_x0001__x005F_x0041_ </t></si>"
        );
        assert_eq!(t, "a_xFFFF_&lt;_x001F_");
        let mut v = Vec::new();
        push_u32(&mut v, 0);
        push_u32(&mut v, 4_294_967_295);
        assert_eq!(v, b"04294967295");
    }
}
