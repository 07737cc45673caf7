//! One streaming pass over the sheet XML: the bytes between written cells are copied as
//! they are; a written cell is replaced (attributes kept, `t` set anew); an absent cell is
//! created in column order inside its `<row>`.

use std::borrow::Cow;

use capaian_domain::model::{Level, Location, Problem, Severity};
use capaian_domain::num::{parse_cell, CellValue};
use quick_xml::escape::unescape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rust_decimal::Decimal;

use super::package::xml_error;
use super::{Edit, FillError, Plan, Want};
use crate::col_letter;
use crate::package::attr;

/// What the stream needs besides the plan.
pub(super) struct SheetContext<'a> {
    /// Zip path of the sheet part (for messages).
    pub part: &'a str,
    /// Sheet name (for messages).
    pub sheet: &'a str,
    pub first_data_row: u32,
    /// Style id → percent number format.
    pub percent: &'a [bool],
    /// `xl/sharedStrings.xml`, when the workbook has one (read only when a written cell
    /// held a shared string).
    pub shared: Option<&'a [u8]>,
}

fn pos(r: &Reader<&[u8]>) -> usize {
    usize::try_from(r.buffer_position()).unwrap_or(usize::MAX)
}

/// Column (1-based) of an A1 reference.
fn col_of(r: &str) -> Option<u32> {
    let mut col: u32 = 0;
    let mut any = false;
    for b in r.bytes() {
        match b {
            b'A'..=b'Z' => col = col.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)?,
            b'a'..=b'z' => col = col.checked_mul(26)?.checked_add(u32::from(b - b'a') + 1)?,
            b'$' => continue,
            _ => break,
        }
        any = true;
    }
    (any && (1..=16384).contains(&col)).then_some(col)
}

fn level_slot(l: Level) -> usize {
    match l {
        // The performance tree's nodes are top-level rows, styled as a program's.
        Level::Program | Level::Tujuan | Level::Sasaran => 0,
        Level::Kegiatan => 1,
        Level::SubKegiatan => 2,
        Level::Indikator => 3,
    }
}

/// XML text content, escaped; characters XML 1.0 forbids are dropped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A decimal as `<v>` digits: the `Decimal`'s own digits, no exponent, no trailing zeros.
fn dec_str(d: Decimal) -> String {
    if d.is_zero() {
        "0".to_string()
    } else {
        d.normalize().to_string()
    }
}

/// The number in Indonesian writing: grouped (`1.234,5`), ungrouped (`1234,5`), plain.
fn number_spellings(d: Decimal) -> [String; 3] {
    let plain = dec_str(d);
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let with_frac = |i: &str| {
        if frac.is_empty() {
            format!("{sign}{i}")
        } else {
            format!("{sign}{i},{frac}")
        }
    };
    [with_frac(&grouped), with_frac(int), plain.clone()]
}

/// The new number written like the template's text cell (`11,55 %` → `12,5 %`): same text
/// before and after the number, when the domain parser reads it back to exactly `value`,
/// with the same unit and without a warning.
fn in_convention(orig: &str, value: Decimal) -> Option<String> {
    let (parsed, _) = parse_cell(orig);
    let CellValue::Number { percent, unit, .. } = parsed.value else {
        return None;
    };
    let b = orig.as_bytes();
    let first = b.iter().position(u8::is_ascii_digit)?;
    let last = b.iter().rposition(u8::is_ascii_digit)?;
    let (prefix, suffix) = (orig.get(..first)?, orig.get(last + 1..)?);
    if prefix.contains(['-', '(', '\u{2212}']) {
        return None;
    }
    number_spellings(value).into_iter().find_map(|n| {
        let text = format!("{prefix}{n}{suffix}");
        let (p, problems) = parse_cell(&text);
        let ok = problems.is_empty()
            && matches!(&p.value, CellValue::Number { value: v, percent: pc, unit: u }
                if *v == value && *pc == percent && *u == unit);
        ok.then_some(text)
    })
}

/// What a written cell holds.
enum Content {
    Empty,
    Number(String),
    Inline(String),
    /// A formula's cached text result.
    FormulaText(String),
}

/// The inside of an existing `<c>`: its formula element(s) verbatim, its value text, its
/// inline string text.
#[derive(Default)]
struct Body<'x> {
    formula: Option<&'x [u8]>,
    v: Option<String>,
    inline: Option<String>,
}

/// Read a `<c>`'s content up to its end tag. Returns the body and the position after `</c>`.
fn read_body<'x>(
    rd: &mut Reader<&'x [u8]>,
    xml: &'x [u8],
    part: &str,
) -> Result<(Body<'x>, usize), FillError> {
    let mut body = Body::default();
    let mut depth = 0usize;
    let mut f_start: Option<(usize, usize)> = None; // (start pos, depth)
    let mut f_span: Option<(usize, usize)> = None;
    let mut text_start: Option<usize> = None;
    let mut in_rph = 0usize;
    let mut in_is = false;
    let mut inline = String::new();
    loop {
        let start = pos(rd);
        let ev = rd.read_event().map_err(|e| xml_error(part, rd, e))?;
        let end = pos(rd);
        match &ev {
            Event::Start(e) => {
                match e.local_name().into_inner() {
                    "f" if f_start.is_none() => f_start = Some((start, depth)),
                    "v" if depth == 0 => text_start = Some(end),
                    "is" if depth == 0 => in_is = true,
                    "rPh" => in_rph += 1,
                    "t" if in_is && in_rph == 0 => text_start = Some(end),
                    _ => {}
                }
                depth += 1;
            }
            Event::Empty(e) if e.local_name().into_inner() == "f" && f_start.is_none() => {
                let a = f_span.map_or(start, |(a, _)| a);
                f_span = Some((a, end));
            }
            Event::End(e) => {
                if depth == 0 {
                    // </c>
                    if in_is {
                        body.inline = Some(inline);
                    }
                    body.formula = f_span.and_then(|(a, b)| xml.get(a..b));
                    return Ok((body, end));
                }
                depth -= 1;
                let raw = |a: usize| {
                    let s =
                        std::str::from_utf8(xml.get(a..start).unwrap_or_default()).unwrap_or("");
                    unescape(s)
                        .map(Cow::into_owned)
                        .unwrap_or_else(|_| s.to_string())
                };
                match e.local_name().into_inner() {
                    "f" => {
                        if let Some((a, d)) = f_start {
                            if d == depth {
                                let a = f_span.map_or(a, |(s, _)| s);
                                f_span = Some((a, end));
                                f_start = None;
                            }
                        }
                    }
                    "v" if depth == 0 => {
                        if let Some(a) = text_start.take() {
                            body.v = Some(raw(a));
                        }
                    }
                    "t" if in_is && in_rph == 0 => {
                        if let Some(a) = text_start.take() {
                            inline.push_str(&raw(a));
                        }
                    }
                    "rPh" => in_rph = in_rph.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Eof => {
                return Err(FillError::MalformedXml {
                    part: part.to_string(),
                    position: rd.buffer_position(),
                    detail: "sel <c> tidak ditutup".into(),
                })
            }
            _ => {}
        }
    }
}

/// Every `<si>` of the shared strings part, as text.
fn parse_shared(xml: &[u8], part: &str) -> Result<Vec<String>, FillError> {
    let mut rd = Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut in_rph = 0usize;
    let mut text_start: Option<usize> = None;
    loop {
        let start = pos(&rd);
        let ev = rd.read_event().map_err(|e| xml_error(part, &rd, e))?;
        let end = pos(&rd);
        match &ev {
            Event::Start(e) => match e.local_name().into_inner() {
                "si" => cur = Some(String::new()),
                "rPh" => in_rph += 1,
                "t" if in_rph == 0 => text_start = Some(end),
                _ => {}
            },
            Event::Empty(e) if e.local_name().into_inner() == "si" => out.push(String::new()),
            Event::End(e) => match e.local_name().into_inner() {
                "si" => out.push(cur.take().unwrap_or_default()),
                "rPh" => in_rph = in_rph.saturating_sub(1),
                "t" if in_rph == 0 => {
                    if let (Some(a), Some(c)) = (text_start.take(), cur.as_mut()) {
                        let s = std::str::from_utf8(xml.get(a..start).unwrap_or_default())
                            .unwrap_or("");
                        c.push_str(&unescape(s).unwrap_or(Cow::Borrowed(s)));
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

struct RowState {
    r: u32,
    edits: Vec<Edit>,
    next: usize,
    last_col: u32,
    /// The row's own style (`customFormat="1"`).
    style: Option<u32>,
    level: Option<Level>,
}

struct Patcher<'x, 'c> {
    xml: &'x [u8],
    ctx: &'c SheetContext<'c>,
    out: Vec<u8>,
    copied: usize,
    problems: Vec<Problem>,
    shared: Option<Vec<String>>,
    /// Element prefix of the sheet (`x:` in prefixed files).
    prefix: String,
    /// `<col min max style>`.
    col_styles: Vec<(u32, u32, u32)>,
    /// Per column: the last style seen in a data row, per level (slot 4: any level).
    above: Vec<[Option<u32>; 5]>,
    /// The end of the `rumus_dipertahankan` warning ([`Plan::formula_note`]).
    formula_note: &'static str,
}

impl<'x> Patcher<'x, '_> {
    /// Copy the template up to `at`.
    fn copy_to(&mut self, at: usize) {
        if at > self.copied {
            self.out
                .extend_from_slice(self.xml.get(self.copied..at).unwrap_or_default());
            self.copied = at;
        }
    }

    fn is_percent(&self, style: Option<u32>) -> bool {
        style
            .and_then(|s| self.ctx.percent.get(s as usize).copied())
            .unwrap_or(false)
    }

    fn shared_text(&mut self, v: Option<&str>) -> Result<Option<String>, FillError> {
        let Some(i) = v.and_then(|v| v.trim().parse::<usize>().ok()) else {
            return Ok(None);
        };
        if self.shared.is_none() {
            self.shared = Some(match self.ctx.shared {
                Some(x) => parse_shared(x, "xl/sharedStrings.xml")?,
                None => Vec::new(),
            });
        }
        Ok(self.shared.as_ref().and_then(|s| s.get(i).cloned()))
    }

    fn cell_ref(&self, col: u32, row: u32) -> String {
        format!("{}{}", col_letter(col), row)
    }

    /// What to write for `edit` into a cell of `style` that held `orig` text (shared or
    /// inline string) and maybe a formula. None: leave the cell as it is.
    fn content(
        &mut self,
        edit: &Edit,
        row: u32,
        style: Option<u32>,
        orig: Option<&str>,
        formula: bool,
    ) -> Option<Content> {
        if formula && !edit.computed {
            let cell = self.cell_ref(edit.col, row);
            let value = match &edit.want {
                Want::Input(d) | Want::Computed(d) => d.to_string(),
                Want::Text(t) => t.clone(),
                Want::Clear => "(kosong)".to_string(),
            };
            self.problems.push(Problem {
                severity: Severity::Warning,
                code: "rumus_dipertahankan".into(),
                message: format!(
                    "Sheet '{}' sel {cell}: sel berisi rumus; nilai dokumen '{value}' tidak \
                     ditulis (rumus dipertahankan), {}",
                    self.ctx.sheet, self.formula_note
                ),
                at: Location {
                    sheet: Some(self.ctx.sheet.to_string()),
                    cell: Some(cell),
                    row: Some(edit.doc_row),
                    field: Some(edit.field),
                },
            });
            return None;
        }
        let number = |d: Decimal| {
            let d = if self.is_percent(style) {
                d.checked_div(Decimal::ONE_HUNDRED).unwrap_or(d)
            } else {
                d
            };
            Content::Number(dec_str(d))
        };
        Some(match &edit.want {
            Want::Input(d) => match orig.filter(|_| !formula).and_then(|t| in_convention(t, *d)) {
                Some(text) => Content::Inline(text),
                None => number(*d),
            },
            Want::Computed(d) => number(*d),
            Want::Text(t) if formula => Content::FormulaText(t.clone()),
            Want::Text(t) => Content::Inline(t.clone()),
            Want::Clear => Content::Empty,
        })
    }

    /// Append a `<c>`: `open` is the start tag's name and attributes (without `t`).
    fn push_cell(&mut self, open: &str, formula: Option<&[u8]>, content: &Content) {
        let p = self.prefix.clone();
        let out = &mut self.out;
        out.push(b'<');
        out.extend_from_slice(open.as_bytes());
        match content {
            Content::Inline(_) => out.extend_from_slice(b" t=\"inlineStr\""),
            Content::FormulaText(_) => out.extend_from_slice(b" t=\"str\""),
            Content::Empty | Content::Number(_) => {}
        }
        if formula.is_none() && matches!(content, Content::Empty) {
            out.extend_from_slice(b"/>");
            return;
        }
        out.push(b'>');
        if let Some(f) = formula {
            out.extend_from_slice(f);
        }
        match content {
            Content::Empty => {}
            Content::Number(n) => {
                out.extend_from_slice(format!("<{p}v>{n}</{p}v>").as_bytes());
            }
            Content::FormulaText(t) => {
                out.extend_from_slice(format!("<{p}v>{}</{p}v>", esc(t)).as_bytes());
            }
            Content::Inline(t) => {
                let space = if t.trim() != t || t.contains("  ") || t.contains(['\n', '\t']) {
                    " xml:space=\"preserve\""
                } else {
                    ""
                };
                out.extend_from_slice(
                    format!("<{p}is><{p}t{space}>{}</{p}t></{p}is>", esc(t)).as_bytes(),
                );
            }
        }
        out.extend_from_slice(format!("</{p}c>").as_bytes());
    }

    /// The style of a created cell.
    fn new_cell_style(&self, rs: &RowState, col: u32) -> Option<u32> {
        if rs.style.is_some() {
            return rs.style;
        }
        let above = self.above.get(col as usize);
        let by_level = rs.level.and_then(|l| above.and_then(|a| a[level_slot(l)]));
        by_level.or_else(|| above.and_then(|a| a[4])).or_else(|| {
            self.col_styles
                .iter()
                .find(|(lo, hi, _)| (*lo..=*hi).contains(&col))
                .map(|(_, _, s)| *s)
        })
    }

    /// Create the cell of `edit` (absent from the row).
    fn create(&mut self, rs: &RowState, edit: &Edit) {
        let style = self.new_cell_style(rs, edit.col);
        let Some(content) = self.content(edit, rs.r, style, None, false) else {
            return;
        };
        if matches!(content, Content::Empty) {
            return; // nothing to clear
        }
        let mut open = format!("{}c r=\"{}\"", self.prefix, self.cell_ref(edit.col, rs.r));
        if let Some(s) = style {
            open.push_str(&format!(" s=\"{s}\""));
        }
        self.push_cell(&open, None, &content);
    }

    /// Create every pending edit of the row left of `col` (all of them for `u32::MAX`),
    /// at the current position.
    fn flush_before(&mut self, rs: &mut RowState, col: u32) {
        while let Some(edit) = rs.edits.get(rs.next).filter(|e| e.col < col).cloned() {
            self.create(rs, &edit);
            rs.next += 1;
        }
    }

    fn note_style(&mut self, rs: &RowState, col: u32, style: Option<u32>) {
        if rs.r < self.ctx.first_data_row {
            return;
        }
        let Some(s) = style else { return };
        let i = col as usize;
        if self.above.len() <= i {
            self.above.resize(i + 1, [None; 5]);
        }
        if let Some(slot) = self.above.get_mut(i) {
            if let Some(l) = rs.level {
                slot[level_slot(l)] = Some(s);
            }
            slot[4] = Some(s);
        }
    }
}

/// The start tag of an existing cell without its `t` attribute: `c r=".." s=".."`.
fn open_without_t(e: &BytesStart<'_>, part: &str, rd: &Reader<&[u8]>) -> Result<String, FillError> {
    let mut open = e.name().into_inner().to_string();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| xml_error(part, rd, err))?;
        if a.key.local_name().into_inner() == "t" {
            continue;
        }
        open.push_str(&format!(" {}=\"{}\"", a.key.into_inner(), a.value));
    }
    Ok(open)
}

/// Patch the sheet: write the plan's cells. Returns the new sheet XML and the warnings.
pub(super) fn patch_sheet(
    xml: &[u8],
    mut plan: Plan,
    ctx: &SheetContext<'_>,
) -> Result<(Vec<u8>, Vec<Problem>), FillError> {
    let extra: usize = plan.rows.values().map(|e| e.len() * 64).sum();
    let mut p = Patcher {
        xml,
        ctx,
        out: Vec::with_capacity(xml.len() + extra),
        copied: 0,
        problems: Vec::new(),
        shared: None,
        prefix: String::new(),
        col_styles: Vec::new(),
        above: Vec::new(),
        formula_note: plan
            .formula_note
            .unwrap_or("tetapi kolom 12–15 baris ini dihitung dari nilai dokumen"),
    };
    let part = ctx.part;
    let mut rd = Reader::from_reader(xml);
    let mut in_data = false;
    let mut row: Option<RowState> = None;
    let mut last_row = 0u32;
    let mut depth = 0usize;
    loop {
        let start = pos(&rd);
        let ev = rd.read_event().map_err(|e| xml_error(part, &rd, e))?;
        let end = pos(&rd);
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(ev, Event::Empty(_));
                if !empty {
                    depth += 1;
                }
                let name = e.local_name().into_inner();
                if !in_data {
                    match name {
                        "worksheet" => {
                            let full = e.name().into_inner();
                            p.prefix = full
                                .rfind(':')
                                .map(|i| full[..=i].to_string())
                                .unwrap_or_default();
                        }
                        "sheetData" if !empty => in_data = true,
                        "col" => {
                            let num =
                                |k: &str| attr(e, k).and_then(|v| v.trim().parse::<u32>().ok());
                            if let (Some(lo), Some(hi), Some(s)) =
                                (num("min"), num("max"), num("style"))
                            {
                                p.col_styles.push((lo, hi, s));
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                match name {
                    "row" if row.is_none() => {
                        let r =
                            match attr(e, "r") {
                                Some(v) => v.trim().parse::<u32>().map_err(|_| {
                                    FillError::MalformedXml {
                                        part: part.to_string(),
                                        position: rd.buffer_position(),
                                        detail: format!("nomor baris '{v}' tidak valid"),
                                    }
                                })?,
                                None => last_row + 1,
                            };
                        last_row = r;
                        let edits = plan.rows.remove(&r).unwrap_or_default();
                        let style = attr(e, "customFormat")
                            .filter(|v| v == "1" || v == "true")
                            .and_then(|_| attr(e, "s"))
                            .and_then(|v| v.trim().parse::<u32>().ok());
                        let mut rs = RowState {
                            r,
                            edits,
                            next: 0,
                            last_col: 0,
                            style,
                            level: plan.levels.get(&r).copied(),
                        };
                        if empty {
                            if rs.edits.is_empty() {
                                continue;
                            }
                            // <row .../> → <row ...>cells</row>
                            p.copy_to(start);
                            p.copied = end;
                            let open = format!("<{}>", &**e);
                            p.out.extend_from_slice(open.as_bytes());
                            p.flush_before(&mut rs, u32::MAX);
                            let close = format!("</{}>", e.name().into_inner());
                            p.out.extend_from_slice(close.as_bytes());
                        } else {
                            row = Some(rs);
                        }
                    }
                    "c" => {
                        let Some(mut rs) = row.take() else { continue };
                        let col = match attr(e, "r") {
                            Some(v) => col_of(&v).ok_or_else(|| FillError::MalformedXml {
                                part: part.to_string(),
                                position: rd.buffer_position(),
                                detail: format!("alamat sel '{v}' tidak valid"),
                            })?,
                            None => rs.last_col + 1,
                        };
                        rs.last_col = col;
                        let style = attr(e, "s").and_then(|v| v.trim().parse::<u32>().ok());
                        p.note_style(&rs, col, style);
                        if rs.edits.get(rs.next).is_some_and(|ed| ed.col < col) {
                            p.copy_to(start);
                            p.flush_before(&mut rs, col);
                        }
                        let Some(edit) = rs.edits.get(rs.next).filter(|ed| ed.col == col).cloned()
                        else {
                            row = Some(rs);
                            continue;
                        };
                        rs.next += 1;
                        let (body, cell_end) = if empty {
                            (Body::default(), end)
                        } else {
                            depth -= 1; // read_body consumes the cell up to its end tag
                            read_body(&mut rd, xml, part)?
                        };
                        let t = attr(e, "t").map(Cow::into_owned);
                        let orig = match t.as_deref() {
                            Some("s") => p.shared_text(body.v.as_deref())?,
                            Some("inlineStr") => body.inline.clone(),
                            _ => None,
                        };
                        if let Some(content) =
                            p.content(&edit, rs.r, style, orig.as_deref(), body.formula.is_some())
                        {
                            let open = open_without_t(e, part, &rd)?;
                            p.copy_to(start);
                            p.copied = cell_end;
                            p.push_cell(&open, body.formula, &content);
                        }
                        row = Some(rs);
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().into_inner() {
                    "row" => {
                        if let Some(mut rs) = row.take() {
                            if rs.next < rs.edits.len() {
                                p.copy_to(start);
                                p.flush_before(&mut rs, u32::MAX);
                            }
                        }
                    }
                    "sheetData" => in_data = false,
                    _ => {}
                }
            }
            Event::Eof => {
                if in_data || row.is_some() || depth != 0 {
                    return Err(FillError::MalformedXml {
                        part: part.to_string(),
                        position: rd.buffer_position(),
                        detail: "elemen <sheetData> tidak ditutup".into(),
                    });
                }
                break;
            }
            _ => {}
        }
    }
    if let Some(r) = plan.rows.keys().min() {
        return Err(FillError::MalformedXml {
            part: part.to_string(),
            position: rd.buffer_position(),
            detail: format!("baris {r} sheet '{}' tidak ditemukan di XML", ctx.sheet),
        });
    }
    p.copy_to(xml.len());
    Ok((p.out, p.problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn text_convention_keeps_units_and_spacing() {
        assert_eq!(
            in_convention("11,55 %", d("12.5")).as_deref(),
            Some("12,5 %")
        );
        assert_eq!(in_convention("13,39%", d("20")).as_deref(), Some("20%"));
        assert_eq!(
            in_convention("47 unit", d("1250")).as_deref(),
            Some("1.250 unit")
        );
        assert_eq!(
            in_convention("6 Dok", d("7.25")).as_deref(),
            Some("7,25 Dok")
        );
        assert_eq!(in_convention("-", d("1")), None);
        assert_eq!(in_convention("teks", d("1")), None);
    }

    #[test]
    fn columns() {
        assert_eq!(col_of("A1"), Some(1));
        assert_eq!(col_of("AB29"), Some(28));
        assert_eq!(col_of("XFD1"), Some(16384));
        assert_eq!(col_of("XFE1"), None);
        assert_eq!(col_of("12"), None);
    }

    #[test]
    fn decimal_digits() {
        assert_eq!(dec_str(d("721957596.60")), "721957596.6");
        assert_eq!(dec_str(d("-0.00")), "0");
        assert_eq!(dec_str(d("1E3")), "1000");
    }
}
