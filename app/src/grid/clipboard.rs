//! Clipboard interchange with Excel: TSV and HTML tables, both ways.
//!
//! Pure Rust (no DOM): the view hands over the strings a paste event carries and puts back the
//! strings a copy makes. A [`Block`] is the cells' texts; reading them as numbers, grades or
//! texts is the caller's job (`capaian_domain::edit::parse_input`).
//!
//! **Reading.** [`parse_clipboard`] prefers the `text/html` flavour when it holds a table
//! ([`parse_html`]): it carries merged cells and, from Excel, every number at full precision.
//! Otherwise it reads `text/plain` ([`parse_tsv`]).
//!
//! - TSV as Excel writes it: cells split by tabs, rows by CRLF (CR and LF alone too), the last
//!   row's line break dropped. A cell starting with `"` is quoted when a closing `"` follows
//!   it right before a tab, a line break or the end (`""` inside is one `"`); that is how a cell
//!   holding line breaks or tabs travels. Anything else is taken literally (`5" pipa`,
//!   `"judul" lain`, an unclosed `"`).
//! - HTML from Excel for Windows (the `urn:schemas-microsoft-com:office:excel` document with
//!   `<!--StartFragment-->`, `<style>` with `mso-number-format`, `<![if …]>` markers, unquoted
//!   attributes, lines wrapped inside tags and texts), from LibreOffice and from Google Sheets.
//!   The first `<table>` is read; `rowspan`/`colspan` put the text at the span's top-left
//!   position and `""` at the other positions it covers; whitespace runs in a cell collapse to
//!   one space and the cell is trimmed, as a browser shows it; `<br>` is a line break (`\n`);
//!   entities are decoded, `&nbsp;` as a plain space. The hidden spacer row Excel puts inside
//!   `<![if supportMisalignedColumns]>` is skipped. Malformed HTML never panics: what can be
//!   read is returned.
//! - Numbers: a cell with Excel's `x:num="…"` (or LibreOffice's `sdval="…"`) gives that raw
//!   value instead of the displayed text, so `1.234.568` shown with `x:num="1234567.89"` pastes
//!   as `1234567.89`. Excel's binary noise beyond 15 significant digits is rounded away
//!   (`0.30000000000000004` → `0.3`) and exponents are written out (`1.5E-3` → `0.0015`). A
//!   value that the Indonesian reading would take for thousands (`123.456`: one to three
//!   digits, a dot, exactly three digits) is written with a decimal comma (`123,456`) so it
//!   cannot become 123456. The displayed text is kept when it ends in `%` (the caller reads
//!   `45,67%` itself) and when it shows a date or time (`/`, `:`, `15-07-2024`, a word before
//!   the last digit as in `15 Juli 2024`): a date pasted into a number cell is then refused,
//!   not turned into Excel's day number.
//!
//! **Writing.** [`to_tsv`] writes what Excel itself puts on the clipboard: tabs, CRLF after
//! every row (the last too), a cell holding a tab, a line break or `"` quoted with `""`
//! doubled (line breaks inside a cell as LF, as Excel stores them). [`to_html`] writes a small
//! UTF-8 `<table>` that Excel, LibreOffice and Google Sheets paste as cells; a line break is a
//! `<br>` that Excel keeps in the same cell.

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// Cell texts of a pasted or copied block, row-major, every row the same length (ragged rows
/// padded with "").
pub type Block = Vec<Vec<String>>;

/// Excel's column limit; columns beyond it are dropped.
const MAX_COLS: usize = 16_384;
/// Cells a parsed HTML table may expand to (spans included); a larger table is cut (no real
/// paste comes near: an E.81 of 5 000 rows × 40 columns is 200 000 cells).
const MAX_CELLS: usize = 1 << 21;
/// HTML caps `colspan` at 1000 and `rowspan` at 65534.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65_534;

fn pad(mut rows: Block) -> Block {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, String::new());
    }
    rows
}

// ----- TSV -----------------------------------------------------------------------------------

/// Excel's `text/plain`: tabs, CRLF/CR/LF normalised, trailing newline dropped, quoted fields
/// (`"a\tb"`, `"line1\nline2"`, `""` escapes) as Excel writes them. Empty text is no rows.
pub fn parse_tsv(text: &str) -> Block {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.is_empty() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut rest = text.as_str();
    loop {
        let (field, after) = if rest.starts_with('"') {
            quoted_field(rest).unwrap_or_else(|| plain_field(rest))
        } else {
            plain_field(rest)
        };
        row.push(field);
        match after.as_bytes().first() {
            Some(b'\t') => rest = after.get(1..).unwrap_or_default(),
            Some(b'\n') => {
                rows.push(std::mem::take(&mut row));
                rest = after.get(1..).unwrap_or_default();
                if rest.is_empty() {
                    break;
                }
            }
            _ => {
                rows.push(row);
                break;
            }
        }
    }
    pad(rows)
}

/// Up to the next tab or line break.
fn plain_field(s: &str) -> (String, &str) {
    let end = s.find(['\t', '\n']).unwrap_or(s.len());
    (
        s.get(..end).unwrap_or_default().to_string(),
        s.get(end..).unwrap_or_default(),
    )
}

/// `"…"` followed by a tab, a line break or the end; None when it is not (then the field is
/// read literally).
fn quoted_field(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut i = 1;
    loop {
        let j = i + s.get(i..)?.find('"')?;
        out.push_str(s.get(i..j)?);
        match s.as_bytes().get(j + 1) {
            Some(b'"') => {
                out.push('"');
                i = j + 2;
            }
            None | Some(b'\t') | Some(b'\n') => return Some((out, s.get(j + 1..)?)),
            Some(_) => return None,
        }
    }
}

/// Tabs between cells, CRLF after every row (the last too), as Excel puts a range on the
/// clipboard. A cell with a tab, a line break or `"` is quoted (`""` for `"`); its line breaks
/// are written as LF.
pub fn to_tsv(block: &Block) -> String {
    let mut out = String::new();
    for row in block {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            if cell.contains(['\t', '\n', '\r', '"']) {
                let cell = cell.replace("\r\n", "\n").replace('\r', "\n");
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}

// ----- HTML out ------------------------------------------------------------------------------

/// Text made safe inside HTML elements and double-quoted attributes (`&`, `<`, `>`, `"`).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_html_into(s, &mut out);
    out
}

fn escape_html_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// A minimal UTF-8 `<table>` that Excel and LibreOffice paste as cells. Line breaks in a cell
/// become `<br>` marked for Excel to keep them in the same cell.
pub fn to_html(block: &Block) -> String {
    let mut out = String::from("<html><head><meta charset=\"utf-8\"></head><body><table>");
    for row in block {
        out.push_str("<tr>");
        for cell in row {
            out.push_str("<td>");
            let cell = cell.replace("\r\n", "\n").replace('\r', "\n");
            for (i, line) in cell.split('\n').enumerate() {
                if i > 0 {
                    out.push_str("<br style=\"mso-data-placement:same-cell\">");
                }
                escape_html_into(line, &mut out);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table></body></html>");
    out
}

// ----- HTML in: tokens -----------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Start {
        name: String,
        attrs: Vec<(String, Option<String>)>,
    },
    End {
        name: String,
    },
    /// `<![if cond]>`
    IfStart(String),
    /// `<![endif]>`
    IfEnd,
}

/// A forgiving HTML tokenizer: comments, doctype and processing instructions are skipped,
/// `<style>`/`<script>` contents are skipped, a `<` that starts no tag is text, a tag cut off
/// by the end of the input is dropped. Every position it slices at is an ASCII byte or the
/// end, so slices are always on character boundaries.
struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Position of `needle` (ASCII, lower case) in `hay` from `from`, ignoring ASCII case.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (from..=h.len() - n.len()).find(|&i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

impl<'a> Tokenizer<'a> {
    fn new(s: &'a str) -> Self {
        Tokenizer { s, pos: 0 }
    }

    fn byte(&self, i: usize) -> Option<u8> {
        self.s.as_bytes().get(i).copied()
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or_default()
    }

    /// Move past the next `>` (or to the end).
    fn skip_past(&mut self, marker: &str) {
        self.pos = match self.rest().find(marker) {
            Some(i) => self.pos + i + marker.len(),
            None => self.s.len(),
        };
    }

    fn skip_space(&mut self) {
        while self.byte(self.pos).is_some_and(is_space) {
            self.pos += 1;
        }
    }

    /// Bytes up to (not including) one for which `stop` holds; non-ASCII bytes never stop.
    fn take_until(&mut self, stop: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        while self.byte(self.pos).is_some_and(|b| !stop(b)) {
            self.pos += 1;
        }
        self.s.get(start..self.pos).unwrap_or_default()
    }

    /// `<![if cond]>`, `<![endif]>`, `<![CDATA[…]]>`, positioned at `<![`.
    fn bracket(&mut self) -> Option<Token<'a>> {
        let rest = self.rest();
        if rest
            .get(..9)
            .is_some_and(|h| h.eq_ignore_ascii_case("<![cdata["))
        {
            let body = rest.get(9..).unwrap_or_default();
            let end = body.find("]]>").unwrap_or(body.len());
            self.pos += 9 + end + 3;
            self.pos = self.pos.min(self.s.len());
            return Some(Token::Text(body.get(..end).unwrap_or_default()));
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let inner = rest.get(3..end).unwrap_or_default();
        self.pos = (self.pos + end + 1).min(self.s.len());
        let inner = inner.trim().trim_end_matches(']').trim();
        let lower = inner.to_ascii_lowercase();
        if lower == "endif" {
            return Some(Token::IfEnd);
        }
        lower
            .strip_prefix("if")
            .map(|cond| Token::IfStart(cond.trim().to_string()))
    }

    /// A start tag, positioned at `<` + letter. None when the input ends inside it.
    fn start_tag(&mut self) -> Option<Token<'a>> {
        self.pos += 1;
        let name = self
            .take_until(|b| is_space(b) || b == b'>' || b == b'/')
            .to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            self.skip_space();
            match self.byte(self.pos)? {
                b'>' => {
                    self.pos += 1;
                    break;
                }
                b'/' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let start = self.pos;
            let mut attr = self
                .take_until(|b| is_space(b) || b == b'>' || b == b'/' || b == b'=')
                .to_ascii_lowercase();
            if self.pos == start {
                // A lone `=`: skip it (progress is guaranteed).
                attr = String::from("=");
                self.pos += 1;
            }
            self.skip_space();
            let mut value = None;
            if self.byte(self.pos) == Some(b'=') && attr != "=" {
                self.pos += 1;
                self.skip_space();
                value = Some(match self.byte(self.pos)? {
                    q @ (b'"' | b'\'') => {
                        self.pos += 1;
                        let v = self.take_until(|b| b == q);
                        self.byte(self.pos)?;
                        self.pos += 1;
                        decode_entities(v)
                    }
                    _ => decode_entities(self.take_until(|b| is_space(b) || b == b'>')),
                });
            }
            if attr != "=" {
                attrs.push((attr, value));
            }
        }
        if matches!(
            name.as_str(),
            "style" | "script" | "xml" | "textarea" | "title"
        ) {
            // Raw text: skip to its end tag (or the end of the input).
            let close = format!("</{name}");
            self.pos = find_ci(self.s, self.pos, &close).unwrap_or(self.s.len());
        }
        Some(Token::Start { name, attrs })
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(&rest[..end]));
            }
            let next = self.byte(self.pos + 1);
            if rest.starts_with("<!--") {
                self.pos += 4;
                self.skip_past("-->");
            } else if rest.starts_with("<![") {
                if let Some(t) = self.bracket() {
                    return Some(t);
                }
            } else if matches!(next, Some(b'!' | b'?')) {
                self.skip_past(">");
            } else if next == Some(b'/') {
                if self
                    .byte(self.pos + 2)
                    .is_some_and(|b| b.is_ascii_alphabetic())
                {
                    self.pos += 2;
                    let name = self
                        .take_until(|b| is_space(b) || b == b'>' || b == b'/')
                        .to_ascii_lowercase();
                    self.skip_past(">");
                    return Some(Token::End { name });
                }
                // `</ …>` is a bogus comment to a browser.
                self.skip_past(">");
            } else if next.is_some_and(|b| b.is_ascii_alphabetic()) {
                let tag = self.start_tag();
                if tag.is_none() {
                    // Cut off by the end of the input: nothing more to read.
                    self.pos = self.s.len();
                }
                return tag;
            } else {
                self.pos += 1;
                return Some(Token::Text("<"));
            }
        }
    }
}

// ----- HTML in: entities and cell text -------------------------------------------------------

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{ad}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "minus" => '−',
        "middot" => '·',
        "bull" => '•',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "euro" => '€',
        "cent" => '¢',
        "pound" => '£',
        "yen" => '¥',
        "sect" => '§',
        "para" => '¶',
        "sup2" => '²',
        "sup3" => '³',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "le" => '≤',
        "ge" => '≥',
        _ => return None,
    })
}

/// The entity at the start of `s` (which starts with `&`): its character and length. Numeric
/// entities that name no character give U+FFFD. Only the five common ones work without `;`.
fn entity(s: &str) -> Option<(char, usize)> {
    let body = s.get(1..)?;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (num, 10, 2),
        };
        let n = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if n == 0 {
            return None;
        }
        let value = u32::from_str_radix(digits.get(..n)?, radix).ok();
        let c = value
            .filter(|v| *v != 0)
            .and_then(char::from_u32)
            .unwrap_or('\u{fffd}');
        let semi = usize::from(digits.as_bytes().get(n) == Some(&b';'));
        return Some((c, skip + n + semi));
    }
    let n = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = body.get(..n)?;
    if body.as_bytes().get(n) == Some(&b';') {
        return named_entity(name).map(|c| (c, n + 2));
    }
    match name {
        "amp" | "lt" | "gt" | "quot" | "nbsp" => named_entity(name).map(|c| (c, n + 1)),
        _ => None,
    }
}

/// Attribute values: entities decoded, nothing else changed.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = rest.get(len..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A cell's text as a browser shows it: whitespace runs as one space, `<br>` as `\n`,
/// no spaces around line breaks, no-break spaces as plain spaces.
#[derive(Default)]
struct CellText {
    buf: String,
    space: bool,
}

impl CellText {
    fn push_char(&mut self, c: char) {
        if self.space && !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push(' ');
        }
        self.space = false;
        self.buf.push(if c == '\u{a0}' { ' ' } else { c });
    }

    fn push_raw(&mut self, raw: &str) {
        let mut rest = raw;
        while let Some(c) = rest.chars().next() {
            if c == '&' {
                if let Some((decoded, len)) = entity(rest) {
                    self.push_char(decoded);
                    rest = rest.get(len..).unwrap_or_default();
                    continue;
                }
            }
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                self.space = true;
            } else {
                self.push_char(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }

    fn newline(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        self.buf.push('\n');
        self.space = false;
    }

    /// A block boundary (`<p>`, `<div>`): a line break unless at a line's start.
    fn soft_break(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.newline();
        }
    }

    fn finish(self) -> String {
        self.buf.trim_matches([' ', '\n']).to_string()
    }
}

// ----- HTML in: numbers ----------------------------------------------------------------------

/// Excel's raw number (`x:num`, locale-neutral, possibly `1.5E-3` or with binary noise) as
/// the text the caller reads back exactly; None when it is not a number.
fn raw_number(raw: &str) -> Option<String> {
    let t = raw.trim();
    if t.is_empty() || t.len() > 64 {
        return None;
    }
    let d = if t.contains(['e', 'E']) {
        Decimal::from_scientific(t).ok()?
    } else {
        Decimal::from_str(t).ok()?
    };
    let d = d.normalize();
    let digits = d.mantissa().unsigned_abs().to_string().len();
    let d = if digits > 15 {
        d.round_sf_with_strategy(15, RoundingStrategy::MidpointAwayFromZero)?
            .normalize()
    } else {
        d
    };
    let s = d.to_string();
    // `123.456` would be read the Indonesian way (123456): write it with a decimal comma.
    let unsigned = s.strip_prefix('-').unwrap_or(&s);
    let ambiguous = unsigned
        .split_once('.')
        .is_some_and(|(i, f)| (1..=3).contains(&i.len()) && i != "0" && f.len() == 3);
    Some(if ambiguous {
        s.replacen('.', ",", 1)
    } else {
        s
    })
}

/// Whether a displayed text shows a plain number (so Excel's raw value may replace it): not a
/// percentage, not a date or time.
fn shows_plain_number(display: &str) -> bool {
    let t = display.trim();
    if t.ends_with('%') || t.contains(['/', ':']) {
        return false;
    }
    let b = t.as_bytes();
    // `15-07-2024`: digits on both sides of a dash.
    if b.windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'-' && w[2].is_ascii_digit())
    {
        return false;
    }
    // A word before the last digit (`15 Juli 2024`, `Jul-24`), except a currency prefix and an
    // exponent (`1,5E+03`); a unit after the number (`6 Dok`) is fine.
    let Some(last_digit) = t.rfind(|c: char| c.is_ascii_digit()) else {
        return true;
    };
    let head = t.get(..last_digit).unwrap_or_default();
    let head = ["rp.", "rp"]
        .iter()
        .find_map(|p| {
            head.get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .map(|_| &head[p.len()..])
        })
        .unwrap_or(head);
    let mut chars = head.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, 'e' | 'E') && matches!(chars.peek(), Some('+' | '-')) {
            continue;
        }
        if c.is_alphabetic() {
            return false;
        }
    }
    true
}

// ----- HTML in: the table --------------------------------------------------------------------

struct Parsed {
    text: String,
    rowspan: usize,
    colspan: usize,
}

struct OpenCell {
    text: CellText,
    rowspan: usize,
    colspan: usize,
    /// `x:num="…"` or `sdval="…"`.
    num: Option<String>,
}

#[derive(Default)]
struct TableReader {
    /// Table nesting (1 = the table read).
    depth: usize,
    found: bool,
    done: bool,
    rows: Vec<Vec<Parsed>>,
    row_open: bool,
    cell: Option<OpenCell>,
    /// One entry per open `<![if …]>`: whether its content is skipped.
    conditions: Vec<bool>,
}

fn span(attrs: &[(String, Option<String>)], name: &str, max: usize) -> usize {
    let Some(v) = attrs
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, v)| v.as_deref())
    else {
        return 1;
    };
    let digits: String = v
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    match digits.parse::<usize>() {
        // rowspan=0: to the end of the table.
        Ok(0) if name == "rowspan" => 0,
        Ok(n) => n.clamp(1, max),
        Err(_) => 1,
    }
}

impl TableReader {
    fn close_cell(&mut self) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        let shown = cell.text.finish();
        let text = match cell.num.as_deref().and_then(raw_number) {
            Some(raw) if shows_plain_number(&shown) => raw,
            _ => shown,
        };
        if let Some(row) = self.rows.last_mut() {
            row.push(Parsed {
                text,
                rowspan: cell.rowspan,
                colspan: cell.colspan,
            });
        }
    }

    fn open_row(&mut self) {
        self.close_cell();
        self.rows.push(Vec::new());
        self.row_open = true;
    }

    fn token(&mut self, tok: Token) {
        match tok {
            Token::IfStart(cond) => {
                self.conditions
                    .push(cond.eq_ignore_ascii_case("supportmisalignedcolumns"));
                return;
            }
            Token::IfEnd => {
                self.conditions.pop();
                return;
            }
            _ if self.done || self.conditions.iter().any(|skip| *skip) => return,
            _ => {}
        }
        match tok {
            Token::Start { name, .. } if name == "table" => {
                self.found = true;
                self.depth += 1;
                if self.depth > 1 {
                    if let Some(c) = &mut self.cell {
                        c.text.space = true;
                    }
                }
            }
            Token::End { name } if name == "table" => match self.depth {
                0 => {}
                1 => {
                    self.close_cell();
                    self.depth = 0;
                    self.done = true;
                }
                _ => self.depth -= 1,
            },
            _ if self.depth == 0 => {}
            Token::Text(t) => {
                if let Some(c) = &mut self.cell {
                    c.text.push_raw(t);
                }
            }
            Token::Start { name, .. } if name == "br" => {
                if let Some(c) = &mut self.cell {
                    c.text.newline();
                }
            }
            Token::Start { name, .. } | Token::End { name }
                if matches!(name.as_str(), "p" | "div" | "li" | "ul" | "ol") =>
            {
                if let Some(c) = &mut self.cell {
                    c.text.soft_break();
                }
            }
            // Inside a nested table: its cells are separated by spaces.
            Token::Start { name, .. } | Token::End { name }
                if self.depth > 1 && matches!(name.as_str(), "tr" | "td" | "th") =>
            {
                if let Some(c) = &mut self.cell {
                    c.text.space = true;
                }
            }
            Token::Start { name, .. } if name == "tr" => self.open_row(),
            Token::End { name } if name == "tr" => {
                self.close_cell();
                self.row_open = false;
            }
            Token::Start { name, attrs } if name == "td" || name == "th" => {
                self.close_cell();
                if !self.row_open {
                    self.open_row();
                }
                let value = |key: &str| {
                    attrs
                        .iter()
                        .find(|(n, _)| n == key)
                        .and_then(|(_, v)| v.clone())
                };
                self.cell = Some(OpenCell {
                    text: CellText::default(),
                    rowspan: span(&attrs, "rowspan", MAX_ROWSPAN),
                    colspan: span(&attrs, "colspan", MAX_COLSPAN),
                    num: value("x:num").or_else(|| value("sdval")),
                });
            }
            Token::End { name } if name == "td" || name == "th" => self.close_cell(),
            Token::Start { name, .. }
                if matches!(
                    name.as_str(),
                    "thead" | "tbody" | "tfoot" | "caption" | "colgroup"
                ) =>
            {
                self.close_cell();
                self.row_open = false;
            }
            _ => {}
        }
    }

    /// Place the cells on a grid, spans included (HTML's table model; a rowspan past the last
    /// row stops there).
    fn block(mut self) -> Block {
        self.close_cell();
        let nrows = self.rows.len();
        let mut grid: Vec<Vec<Option<String>>> = vec![Vec::new(); nrows];
        let mut budget = MAX_CELLS;
        'rows: for (r, cells) in self.rows.into_iter().enumerate() {
            let mut c = 0;
            for cell in cells {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    break;
                }
                let left = nrows - r;
                let rs = if cell.rowspan == 0 {
                    left
                } else {
                    cell.rowspan.min(left)
                };
                let cs = cell.colspan.min(MAX_COLS - c);
                // Slots this cell may allocate: the ones it covers, and for a rowspan the rows
                // below, which may not reach column c yet.
                let cost = if rs == 1 {
                    cs
                } else {
                    rs.saturating_mul(c + cs)
                };
                if cost > budget {
                    break 'rows;
                }
                budget -= cost;
                for line in grid.iter_mut().skip(r).take(rs) {
                    if line.len() < c + cs {
                        line.resize(c + cs, None);
                    }
                    for slot in &mut line[c..c + cs] {
                        if slot.is_none() {
                            *slot = Some(String::new());
                        }
                    }
                }
                grid[r][c] = Some(cell.text);
                c += cs;
            }
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        let keep = match width {
            0 => nrows,
            w => nrows.min(MAX_CELLS / w),
        };
        grid.into_iter()
            .take(keep)
            .map(|row| {
                let mut row: Vec<String> = row.into_iter().map(Option::unwrap_or_default).collect();
                row.resize(width, String::new());
                row
            })
            .collect()
    }
}

/// Excel's (or LibreOffice's, Google Sheets') `text/html`: the first table's cells; None when
/// there is no `<table>`. See the module doc for what is read and how.
pub fn parse_html(html: &str) -> Option<Block> {
    let mut reader = TableReader::default();
    for tok in Tokenizer::new(html) {
        reader.token(tok);
        if reader.done {
            break;
        }
    }
    reader.found.then(|| reader.block())
}

/// What a paste carries: the HTML table when there is one with cells, else the TSV text.
pub fn parse_clipboard(html: Option<&str>, text: Option<&str>) -> Block {
    if let Some(block) = html
        .and_then(parse_html)
        .filter(|b| b.iter().any(|row| !row.is_empty()))
    {
        return block;
    }
    text.map(parse_tsv).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(rows: &[&[&str]]) -> Block {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/../tests/fixtures/clipboard/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// A JSON array of arrays of strings (the expected-block fixtures), read without serde.
    fn json_block(s: &str) -> Block {
        fn string(chars: &mut std::iter::Peekable<std::str::Chars>) -> String {
            let mut out = String::new();
            loop {
                match chars.next().expect("unterminated string") {
                    '"' => return out,
                    '\\' => match chars.next().expect("escape") {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'u' => {
                            let hex: String = chars.by_ref().take(4).collect();
                            let v = u32::from_str_radix(&hex, 16).expect("hex");
                            out.push(char::from_u32(v).expect("BMP char"));
                        }
                        c => out.push(c),
                    },
                    c => out.push(c),
                }
            }
        }
        let mut chars = s.chars().peekable();
        let mut rows = Vec::new();
        let mut depth = 0;
        while let Some(c) = chars.next() {
            match c {
                '[' => {
                    depth += 1;
                    if depth == 2 {
                        rows.push(Vec::new());
                    }
                }
                ']' => depth -= 1,
                '"' => rows
                    .last_mut()
                    .expect("a string outside a row")
                    .push(string(&mut chars)),
                _ => {}
            }
        }
        rows
    }

    #[test]
    fn tsv_reads_what_excel_writes() {
        let cases: Vec<(&str, Block)> = vec![
            ("", vec![]),
            ("\r\n", block(&[&[""]])),
            ("a", block(&[&["a"]])),
            ("a\tb\r\nc\td\r\n", block(&[&["a", "b"], &["c", "d"]])),
            ("a\tb\nc\td", block(&[&["a", "b"], &["c", "d"]])),
            ("a\tb\rc\td\r", block(&[&["a", "b"], &["c", "d"]])),
            // Ragged rows are padded; empty cells and empty rows are kept.
            (
                "a\r\nb\tc\t\r\n\r\n",
                block(&[&["a", "", ""], &["b", "c", ""], &["", "", ""]]),
            ),
            ("\ta\t\r\n", block(&[&["", "a", ""]])),
            // Quoted cells: line breaks (LF inside, as Excel writes them), tabs, quotes.
            (
                "\"baris 1\nbaris 2\"\t12\r\n",
                block(&[&["baris 1\nbaris 2", "12"]]),
            ),
            ("\"a\tb\"\tc\r\n", block(&[&["a\tb", "c"]])),
            (
                "\"Kata \"\"tepat\"\" waktu\nlagi\"\r\n",
                block(&[&["Kata \"tepat\" waktu\nlagi"]]),
            ),
            ("\"\"\tx\r\n", block(&[&["", "x"]])),
            ("\"line1\r\nline2\"\r\n", block(&[&["line1\nline2"]])),
            // Quotes that do not make a quoted cell are text.
            ("5\" pipa\tx\r\n", block(&[&["5\" pipa", "x"]])),
            ("\"judul\" lain\tx\r\n", block(&[&["\"judul\" lain", "x"]])),
            (
                "\"tidak ditutup\tx\r\ny\r\n",
                block(&[&["\"tidak ditutup", "x"], &["y", ""]]),
            ),
            ("a\t\"", block(&[&["a", "\""]])),
            // Indonesian numbers stay text for the caller to read.
            ("12\t1.234.567,89\r\n", block(&[&["12", "1.234.567,89"]])),
            ("é\tü\r\n", block(&[&["é", "ü"]])),
        ];
        for (text, want) in cases {
            assert_eq!(parse_tsv(text), want, "{text:?}");
        }
    }

    #[test]
    fn tsv_writes_what_excel_writes() {
        let b = block(&[
            &["Kode", "Indikator", "Rp"],
            &["5.03.02", "baris 1\nbaris 2", "1.234.567,89"],
            &["", "Kata \"tepat\"", "a\tb"],
        ]);
        let tsv = to_tsv(&b);
        assert_eq!(
            tsv,
            "Kode\tIndikator\tRp\r\n5.03.02\t\"baris 1\nbaris 2\"\t1.234.567,89\r\n\
             \t\"Kata \"\"tepat\"\"\"\t\"a\tb\"\r\n"
        );
        assert_eq!(parse_tsv(&tsv), b);
        assert_eq!(to_tsv(&block(&[&["a\r\nb"]])), "\"a\nb\"\r\n");
        assert_eq!(to_tsv(&vec![]), "");
        // Round trips, including the awkward ones.
        for b in [
            block(&[&[""]]),
            block(&[&["", ""], &["", "x"]]),
            block(&[&["\"", "\"\"", "\"a\""]]),
            block(&[&["\n", "\t"]]),
            block(&[&["  spasi  ", "é"]]),
        ] {
            assert_eq!(parse_tsv(&to_tsv(&b)), b, "{b:?}");
        }
    }

    #[test]
    fn tsv_300_rows() {
        let text = fixture("tsv_300.txt");
        assert!(text.ends_with("\r\n") && !text.contains("\n\r"));
        let b = parse_tsv(&text);
        assert_eq!(b.len(), 300);
        let mut total = Decimal::ZERO;
        for (i, row) in b.iter().enumerate() {
            let n = Decimal::from(i as u64 + 1);
            // Generated as K = n × 12,5 and Rp = n × 1.234.567,89 (see the fixture's script).
            let k = (n * Decimal::new(125, 1)).normalize();
            let rp = n * Decimal::new(123_456_789, 2);
            let want_k = capaian_domain::num::format_id(k, k.scale());
            let want_rp = capaian_domain::num::format_id(rp, 2);
            assert_eq!(row, &vec![want_k, want_rp.clone()], "row {}", i + 1);
            let read = capaian_domain::num::parse_number_input(&want_rp);
            assert_eq!(read, Ok(rp), "row {}", i + 1);
            total += rp;
        }
        assert_eq!(b[0], ["12,5", "1.234.567,89"]);
        assert_eq!(b[299], ["3.750", "370.370.367,00"]);
        assert_eq!(total, Decimal::new(5_574_074_023_350, 2));
    }

    #[test]
    fn html_from_excel_365() {
        let html = fixture("excel_365.html");
        let want = json_block(&fixture("excel_365.expected.json"));
        let got = parse_html(&html).expect("a table");
        assert_eq!(got, want);
        // Every row is as wide as the widest.
        assert!(got.iter().all(|r| r.len() == got[0].len()));
        // The HTML wins over the TSV Excel puts beside it (which has rounded numbers).
        let tsv = "No\tKode\r\n1\t1.234.568\r\n";
        assert_eq!(parse_clipboard(Some(&html), Some(tsv)), want);
    }

    #[test]
    fn html_cells() {
        let t = |body: &str| format!("<table><tr>{body}</tr></table>");
        let cases: Vec<(String, &[&str])> = vec![
            // Whitespace collapses like a browser shows it; <br> is a line break.
            (t("<td>  a \r\n  b  </td>"), &["a b"]),
            (t("<td>baris 1<br>\r\n   baris 2</td>"), &["baris 1\nbaris 2"]),
            (t("<td>a <BR/> b<br></td>"), &["a\nb"]),
            (t("<td>a<br><br>b</td>"), &["a\n\nb"]),
            // Entities.
            (
                t("<td>A&amp;B &lt;x&gt; &quot;q&quot; &#39;s&#39; &#x41;&#160;Z&nbsp;&nbsp;!</td>"),
                &["A&B <x> \"q\" 's' A Z  !"],
            ),
            (t("<td>&nbsp;</td><td>&#0;</td><td>&bogus; &amp</td>"), &["", "\u{fffd}", "&bogus; &"]),
            (t("<td>1 &lt 2</td>"), &["1 < 2"]),
            // Inline tags are transparent, block tags break lines.
            (
                t("<td><font color=red><b>Pro</b>gram</font> <span style='x'>A</span></td>"),
                &["Program A"],
            ),
            (t("<td><p>satu</p><p>dua</p></td>"), &["satu\ndua"]),
            (t("<td><div>satu</div>dua</td>"), &["satu\ndua"]),
            // Excel's numbers: the raw value unless shown as a percentage or a date.
            (t("<td x:num=\"1234567.89\">1.234.568</td>"), &["1234567.89"]),
            (t("<td x:num>12</td>"), &["12"]),
            (t("<td x:num=\"0.4567\">45,67%</td>"), &["45,67%"]),
            (t("<td x:num=\"0.4567\">45,67 %</td>"), &["45,67 %"]),
            (t("<td x:num=\"-1234\">(1.234)</td>"), &["-1234"]),
            (t("<td x:num=\"0\">Rp -</td>"), &["0"]),
            (t("<td x:num=\"150000000\">Rp&nbsp;150.000.000</td>"), &["150000000"]),
            (t("<td x:num=\"6\">6 Dok</td>"), &["6"]),
            (t("<td x:num=\"0.30000000000000004\">0,3</td>"), &["0.3"]),
            (t("<td x:num=\"1234567.8899999999\">1.234.567,89</td>"), &["1234567.89"]),
            (t("<td x:num=\"1.5E-3\">0,0015</td>"), &["0.0015"]),
            (t("<td x:num=\"1.23456E+5\">1,23E+05</td>"), &["123456"]),
            (t("<td x:num=\"123.456\">123,456</td>"), &["123,456"]),
            (t("<td x:num=\"-1.5\">-1,5</td>"), &["-1.5"]),
            (t("<td x:num=\"0.125\">0,125</td>"), &["0.125"]),
            (t("<td x:num=\"45488\">15/07/2024</td>"), &["15/07/2024"]),
            (t("<td x:num=\"45488\">15 Juli 2024</td>"), &["15 Juli 2024"]),
            (t("<td x:num=\"45488\">15-07-2024</td>"), &["15-07-2024"]),
            (t("<td x:num=\"0.5\">12:00</td>"), &["12:00"]),
            (t("<td x:num=\"abc\">7</td>"), &["7"]),
            (t("<td x:num=\"5\" x:fmla=\"=SUM(A1:A2)\">5</td>"), &["5"]),
            (t("<td x:str>5.03.02</td><td x:str=\"x\">001</td>"), &["5.03.02", "001"]),
            (t("<td x:bool=\"TRUE\">TRUE</td><td x:err=\"#DIV/0!\">#DIV/0!</td>"), &["TRUE", "#DIV/0!"]),
            // LibreOffice's raw values.
            (t("<td sdval=\"1234567.89\" sdnum=\"1057;0;#.##0,00\">1.234.567,89</td>"), &["1234567.89"]),
            // Attributes of every shape, line breaks inside tags.
            (
                t("<td class=xl66\r\n  style='border-top:none;\r\n  width:48pt' align=right\r\n  x:num=\"2.5\">2,5</td>"),
                &["2.5"],
            ),
            (t("<TD CLASS=\"a\" X:NUM=\"3\">3</TD>"), &["3"]),
            (t("<td title='a>b' x:num=4>4</td>"), &["4"]),
        ];
        for (html, want) in cases {
            let got = parse_html(&html).expect("a table");
            assert_eq!(
                got,
                vec![want.iter().map(|s| s.to_string()).collect::<Vec<_>>()],
                "{html}"
            );
        }
    }

    #[test]
    fn html_spans() {
        let html = "<table>\
            <tr><td rowspan=2>No</td><td colspan=2>Target</td><td rowspan=\"3\">Ket</td></tr>\
            <tr><td>K</td><td>Rp</td></tr>\
            <tr><td>1</td><td colspan=2>gabung</td></tr>\
            <tr><td colspan=0>x</td><td rowspan=9>turun</td><td>y</td></tr>\
            </table>";
        assert_eq!(
            parse_html(html).unwrap(),
            block(&[
                &["No", "Target", "", "Ket"],
                &["", "K", "Rp", ""],
                &["1", "gabung", "", ""],
                &["x", "turun", "y", ""],
            ])
        );
        // rowspan=0 runs to the end of the table.
        let html = "<table><tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td></tr></table>";
        assert_eq!(parse_html(html).unwrap(), block(&[&["a", "b"], &["", "c"]]));
    }

    #[test]
    fn html_from_libreoffice_and_google_sheets() {
        let libreoffice = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.0 Transitional//EN\">\n\
            <html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"/>\
            <title></title><style type=\"text/css\">body,div,table,thead,tbody,tfoot,tr,th,td,p \
            { font-family:\"Liberation Sans\"; font-size:x-small }</style></head><body>\n\
            <table cellspacing=\"0\" border=\"0\">\n\t<colgroup width=\"85\"></colgroup>\n\
            \t<colgroup width=\"120\"></colgroup>\n\t<tr>\n\
            \t\t<td height=\"17\" align=\"left\">Indikator</td>\n\
            \t\t<td align=\"right\" sdval=\"2700000\" sdnum=\"1057;0;#.##0\">2.700.000</td>\n\
            \t</tr>\n\t<tr>\n\t\t<td height=\"17\" align=\"left\"><br></td>\n\
            \t\t<td align=\"left\">baris 1<br>baris 2</td>\n\t</tr>\n</table>\n</body></html>";
        assert_eq!(
            parse_html(libreoffice).unwrap(),
            block(&[&["Indikator", "2700000"], &["", "baris 1\nbaris 2"]])
        );
        let sheets = "<meta charset='utf-8'><google-sheets-html-origin><style type=\"text/css\">\
            <!--td {border: 1px solid #cccccc;}br {mso-data-placement:same-cell;}--></style>\
            <table xmlns=\"http://www.w3.org/1999/xhtml\" cellspacing=\"0\" cellpadding=\"0\" \
            dir=\"ltr\" border=\"1\" style=\"table-layout:fixed;font-size:10pt\" \
            data-sheets-root=\"1\"><colgroup><col width=\"100\"/><col width=\"100\"/></colgroup>\
            <tbody><tr style=\"height:21px;\"><td style=\"overflow:hidden;\" \
            data-sheets-value=\"{&quot;1&quot;:3,&quot;3&quot;:1234567.89}\">1.234.567,89</td>\
            <td style=\"overflow:hidden;\">Dok &amp; Lap</td></tr></tbody></table>\
            </google-sheets-html-origin>";
        assert_eq!(
            parse_html(sheets).unwrap(),
            block(&[&["1.234.567,89", "Dok & Lap"]])
        );
    }

    #[test]
    fn html_without_table_or_broken() {
        assert_eq!(parse_html(""), None);
        assert_eq!(parse_html("<p>teks saja</p>"), None);
        assert_eq!(parse_html("<!-- <table> -->"), None);
        assert_eq!(parse_html("<style>table{}</style><td>x</td>"), None);
        assert_eq!(parse_html("<table>"), Some(vec![]));
        // Unclosed tags and stray `<`: what can be read.
        assert_eq!(
            parse_html("<table><tr><td>a < b<td>c").unwrap(),
            block(&[&["a < b", "c"]])
        );
        assert_eq!(
            parse_html("<table><td>1<tr><td>2</td><td>3").unwrap(),
            block(&[&["1", ""], &["2", "3"]])
        );
        assert_eq!(
            parse_html("<table><tr><td>a</td><td x:num=\"5").unwrap(),
            block(&[&["a"]])
        );
        assert_eq!(
            parse_html("<table><tr><td>a</td><td class=").unwrap(),
            block(&[&["a"]])
        );
        assert_eq!(
            parse_html("<table><tr><td>a<!-- b").unwrap(),
            block(&[&["a"]])
        );
        assert_eq!(
            parse_html("<table><tr><td>a</ b>c<").unwrap(),
            block(&[&["ac<"]])
        );
        assert_eq!(
            parse_html("<table><tr><td>a<![CDATA[<b>]]>").unwrap(),
            block(&[&["a<b>"]])
        );
        assert_eq!(
            parse_html("<table><tr><td>a &#xZZ; &#99999999;").unwrap(),
            block(&[&["a &#xZZ; \u{fffd}"]])
        );
        // Only the first table; a nested table's cells join its cell's text.
        assert_eq!(
            parse_html(
                "<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table>d</td></tr></table>\
                 <table><tr><td>lain</td></tr></table>"
            )
            .unwrap(),
            block(&[&["a b c d"]])
        );
        // Huge spans are bounded.
        let big =
            "<table><tr><td colspan=99999 rowspan=99999>x</td></tr><tr><td>y</td></tr></table>";
        let b = parse_html(big).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].len(), MAX_COLSPAN + 1);
        assert_eq!(b[1][MAX_COLSPAN], "y");
        // Arbitrary bytes never panic.
        let junk = "<table><tr><td>é<<>>&#;&;<a =b c='d>\"<td x:num=1e999999>ü</td></tr>";
        for end in 0..=junk.len() {
            if let Some(s) = junk.get(..end) {
                let _ = parse_html(s);
                let _ = parse_tsv(s);
            }
        }
    }

    #[test]
    fn random_markup_never_panics() {
        // Deterministic pseudo-random soup of the pieces real clipboards are made of.
        const PIECES: &[&str] = &[
            "<table",
            "<tr",
            "<td",
            "</td>",
            "</tr>",
            "</table>",
            ">",
            "<",
            "/>",
            " ",
            "\r\n",
            "\"",
            "'",
            "=",
            "x:num",
            "=\"1.5E-3\"",
            "rowspan=",
            "colspan=",
            "0",
            "3",
            "99999",
            "&",
            "&nbsp;",
            "&#",
            "x",
            ";",
            "<!--",
            "-->",
            "<![if supportMisalignedColumns]>",
            "<![endif]>",
            "<style>",
            "</style>",
            "<br>",
            "é",
            "€",
            "\t",
            "%",
            "Rp",
            "<![CDATA[",
            "]]>",
            "</",
            "<?",
            "<!",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..2000 {
            let mut html = String::new();
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                html.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            if let Some(b) = parse_html(&html) {
                assert!(b.iter().all(|r| r.len() == b[0].len()), "{html}");
            }
            let b = parse_tsv(&html);
            assert!(b.iter().all(|r| r.len() == b[0].len()), "{html}");
            let _ = parse_clipboard(Some(&html), Some(&html));
        }
    }

    #[test]
    fn html_round_trip_and_clipboard_choice() {
        let b = block(&[
            &["Kode", "Indikator & \"kutip\"", "<Rp>"],
            &["5.03.02", "baris 1\nbaris 2", "1.234.567,89"],
            &["", "é ü", ""],
        ]);
        let html = to_html(&b);
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("Indikator &amp; &quot;kutip&quot;"));
        assert!(html.contains("&lt;Rp&gt;"));
        assert!(html.contains("baris 1<br style=\"mso-data-placement:same-cell\">baris 2"));
        assert_eq!(parse_html(&html).unwrap(), b);
        assert_eq!(parse_clipboard(Some(&html), Some("lain")), b);
        // No table in the HTML, or an empty one: the text.
        let tsv = to_tsv(&b);
        assert_eq!(parse_clipboard(Some("<b>x</b>"), Some(&tsv)), b);
        assert_eq!(parse_clipboard(Some("<table></table>"), Some(&tsv)), b);
        assert_eq!(parse_clipboard(None, Some(&tsv)), b);
        assert_eq!(parse_clipboard(None, None), Block::new());
    }
}
