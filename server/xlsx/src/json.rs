//! The JSON of `capaian import FILE.xlsx --json`, and its reverse.
//!
//! Shape (numbers are decimal strings; null = blank or `-`):
//! ```text
//! { "form", "sheet", "year", "quarter", "region", "pd",
//!   "rows": [ { "row", "level", "kode", "kode_raw", ["kode_sumber"], "name", "indicator", "unit",
//!               "renstra": {k, rp}, "prev": {k, rp}, "target": {k, rp}, "tw": [{k, rp} ×4],
//!               "stated": {c12, c13, c14, c15}, "unit_pd", "keterangan", "semantics",
//!               "narasi": [{pendorong, penghambat, tindak_lanjut, keterangan} ×4],
//!               "rencana": {sasaran, lokasi, sumber_dana, catatan_penting, maju: {k, rp},
//!                           triwulan: [{k: target TW, rp: anggaran kas TW} ×4],
//!                           [bulan: [realisasi Rp ×12]]},
//!               "computed": {c12, c13, c14, c15} } ],
//!   "totals": { "target_rp", "realisasi_rp", "penyerapan_pct" },
//!   "problems": [ { "sheet", "cell", "severity", "code", "message" } ] }
//! ```
//! Inputs and sums keep full precision (`"721957596.6"`); computed percentages (columns 13
//! and 15, penyerapan) are in percent units rounded half-up to 2 decimals (`"46.93"`). A K
//! value is its number, its grade (`"BB"`, `"BB (71,51)"`) or its text. `narasi` (the
//! per-quarter narrative) is left out when all of it is empty; absent means empty; so is
//! `rencana` (the sasaran a node serves — E.81 column 2 —, and the plan's values E.81 does
//! not print: a Renja's lokasi, sumber dana, catatan
//! and prakiraan maju n+1, an anggaran kas per quarter, the rencana aksi's target per quarter,
//! the realisasi per month — `bulan`, left out when no month has one). `kode_sumber`
//! (`found`: from the nomenclature by name; `confirmed`: chosen by the person) is left out
//! when the file stated the code.
//! [`document_from_json`] reads the same shape back (`computed`, `totals`, `problems` are
//! ignored): an edited JSON becomes a document again.

use std::str::FromStr;

use capaian_domain::e81::{E81Computed, RowComputed};
use capaian_domain::model::{
    Document, Grade, IndicatorSemantics, KValue, KodeSource, Level, Narasi, NilaiRencana, Pair,
    Problem, Row, Severity, Stated,
};
use capaian_domain::num::{parse_cell, round_half_up, CellValue};
use rust_decimal::Decimal;
use serde::ser::SerializeSeq;
use serde::Serialize;
use serde_json::Value;

use crate::error::JsonError;
use crate::Import;

fn grade_text(g: Grade) -> &'static str {
    match g {
        Grade::AA => "AA",
        Grade::A => "A",
        Grade::BB => "BB",
        Grade::B => "B",
        Grade::CC => "CC",
        Grade::C => "C",
        Grade::D => "D",
    }
}

fn dec_s(d: Decimal) -> String {
    d.to_string()
}

/// Percent units, rounded half-up, always two decimals (`"27.00"`, `"46.93"`).
fn pct_s(d: Decimal) -> String {
    pct_d(d).to_string()
}

/// The decimal [`pct_s`] prints.
fn pct_d(d: Decimal) -> Decimal {
    let mut r = round_half_up(d, 2);
    if r.scale() < 2 {
        r.rescale(2);
    }
    r
}

/// A K value as its JSON string: number, grade text, or text (None = null).
fn k_string(k: &Option<KValue>, percent: bool) -> Option<String> {
    match k {
        None => None,
        Some(KValue::Number(d)) => Some(if percent { pct_s(*d) } else { dec_s(*d) }),
        Some(KValue::Grade { grade, score }) => Some(match score {
            // Indonesian decimal comma: unambiguous for the parser on the way back.
            Some(s) => format!(
                "{} ({})",
                grade_text(*grade),
                s.to_string().replace('.', ",")
            ),
            None => grade_text(*grade).to_string(),
        }),
        Some(KValue::Text(t)) => Some(t.clone()),
    }
}

/// A K value as JSON: number string, grade text, or text.
pub fn k_json(k: &Option<KValue>, percent: bool) -> Value {
    k_string(k, percent).map_or(Value::Null, Value::String)
}

/// A JSON string written straight from its value (no `String` per number: 20 000 rows
/// hold some 600 000 of them). Prints exactly what [`k_string`] / [`dec_s`] return.
enum StrJ<'a> {
    Dec(Decimal),
    Text(&'a str),
    Owned(String),
}

impl Serialize for StrJ<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            StrJ::Dec(d) => s.serialize_str(DecText::new(*d).as_str()),
            StrJ::Text(t) => s.serialize_str(t),
            StrJ::Owned(t) => s.serialize_str(t),
        }
    }
}

/// A decimal's text exactly as its `Display` prints it (`-` for negative values, digits,
/// the point at the scale, `0.` before fractions), written to the stack without going
/// through the formatter: numbers are most of the JSON.
struct DecText {
    buf: [u8; 64],
    start: usize,
}

impl DecText {
    fn new(d: Decimal) -> Self {
        let mut buf = [b'0'; 64];
        let scale = d.scale() as usize;
        let mut m = d.mantissa().unsigned_abs();
        let mut at = buf.len();
        let mut digits = 0usize;
        // u64 arithmetic for the usual mantissas, u128 for the rest.
        while m > u128::from(u64::MAX) {
            at -= 1;
            buf[at] = b'0' + (m % 10) as u8;
            m /= 10;
            digits += 1;
        }
        let mut n = m as u64;
        while n > 0 {
            at -= 1;
            buf[at] = b'0' + (n % 10) as u8;
            n /= 10;
            digits += 1;
        }
        // Leading zeros up to the scale (the buffer is pre-filled with '0').
        while digits < scale {
            at -= 1;
            digits += 1;
        }
        let end = buf.len();
        if scale > 0 {
            // Shift the whole part left by one and put the point before the fraction.
            let point = end - scale;
            if digits == scale {
                // "0." before a pure fraction.
                at -= 1;
                buf[at] = b'0';
            }
            buf.copy_within(at..point, at - 1);
            at -= 1;
            buf[point - 1] = b'.';
        } else if digits == 0 {
            at -= 1; // zero: "0"
        }
        if d.is_sign_negative() {
            at -= 1;
            buf[at] = b'-';
        }
        DecText { buf, start: at }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or_default()
    }
}

fn num_j<'a>(d: Decimal, percent: bool) -> StrJ<'a> {
    StrJ::Dec(if percent { pct_d(d) } else { d })
}

fn k_j(k: &Option<KValue>, percent: bool) -> Option<StrJ<'_>> {
    match k {
        None => None,
        Some(KValue::Number(d)) => Some(num_j(*d, percent)),
        Some(KValue::Text(t)) => Some(StrJ::Text(t)),
        Some(KValue::Grade { .. }) => k_string(k, percent).map(StrJ::Owned),
    }
}

#[derive(Serialize)]
struct PairJ<'a> {
    k: Option<StrJ<'a>>,
    rp: Option<StrJ<'a>>,
}

impl<'a> PairJ<'a> {
    fn new(p: &'a Pair, percent: bool) -> Self {
        PairJ {
            k: k_j(&p.k, percent),
            rp: p.rp.map(|d| num_j(d, percent)),
        }
    }
}

#[derive(Serialize)]
struct ColsJ<'a> {
    c12: PairJ<'a>,
    c13: PairJ<'a>,
    c14: PairJ<'a>,
    c15: PairJ<'a>,
}

#[derive(Serialize)]
struct RowJ<'a> {
    row: u32,
    level: &'static str,
    kode: Option<&'a str>,
    kode_raw: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kode_sumber: Option<KodeSource>,
    name: &'a str,
    indicator: &'a str,
    unit: Option<&'a str>,
    renstra: PairJ<'a>,
    prev: PairJ<'a>,
    target: PairJ<'a>,
    tw: [PairJ<'a>; 4],
    stated: ColsJ<'a>,
    unit_pd: &'a str,
    keterangan: &'a str,
    semantics: &'a IndicatorSemantics,
    #[serde(skip_serializing_if = "narasi_empty")]
    narasi: &'a [Narasi; 4],
    #[serde(skip_serializing_if = "Option::is_none")]
    rencana: Option<RencanaJ<'a>>,
    /// Absent in [`document_json`]; null when the computation has no such row.
    #[serde(skip_serializing_if = "Option::is_none")]
    computed: Option<Option<ColsJ<'a>>>,
}

impl<'a> RowJ<'a> {
    fn new(r: &'a Row, computed: Option<Option<&'a RowComputed>>) -> Self {
        RowJ {
            row: r.sheet_row,
            level: level_str(r.level),
            kode: r.kode.as_deref(),
            kode_raw: r.kode_raw.as_deref(),
            kode_sumber: r.kode_sumber,
            name: &r.name,
            indicator: &r.indicator,
            unit: r.unit.as_deref(),
            renstra: PairJ::new(&r.renstra, false),
            prev: PairJ::new(&r.prev, false),
            target: PairJ::new(&r.target, false),
            tw: tw_j(&r.tw),
            stated: ColsJ {
                c12: PairJ::new(&r.stated.c12, false),
                c13: PairJ::new(&r.stated.c13, false),
                c14: PairJ::new(&r.stated.c14, false),
                c15: PairJ::new(&r.stated.c15, false),
            },
            unit_pd: &r.unit_pd,
            keterangan: &r.keterangan,
            semantics: &r.semantics,
            narasi: &r.narasi,
            rencana: (!r.rencana.is_empty()).then(|| RencanaJ::new(&r.rencana)),
            computed: computed.map(|c| {
                c.map(|c| ColsJ {
                    c12: PairJ::new(&c.c12, false),
                    c13: PairJ::new(&c.c13, true),
                    c14: PairJ::new(&c.c14, false),
                    c15: PairJ::new(&c.c15, true),
                })
            }),
        }
    }
}

/// [`NilaiRencana`]: the plan's values of a row that E.81 does not print.
#[derive(Serialize)]
struct RencanaJ<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    sasaran: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    lokasi: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    sumber_dana: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    catatan_penting: &'a str,
    maju: PairJ<'a>,
    triwulan: [PairJ<'a>; 4],
    #[serde(skip_serializing_if = "Option::is_none")]
    bulan: Option<[Option<StrJ<'a>>; 12]>,
}

impl<'a> RencanaJ<'a> {
    fn new(r: &'a NilaiRencana) -> Self {
        RencanaJ {
            sasaran: &r.sasaran,
            lokasi: &r.lokasi,
            sumber_dana: &r.sumber_dana,
            catatan_penting: &r.catatan_penting,
            maju: PairJ::new(&r.maju, false),
            triwulan: tw_j(&r.triwulan),
            bulan: r
                .bulan
                .iter()
                .any(Option::is_some)
                .then(|| r.bulan.map(|m| m.map(|d| num_j(d, false)))),
        }
    }
}

fn tw_j(tw: &[Pair; 4]) -> [PairJ<'_>; 4] {
    [0, 1, 2, 3].map(|i| PairJ::new(&tw[i], false))
}

fn narasi_empty(n: &&[Narasi; 4]) -> bool {
    n.iter().all(Narasi::is_empty)
}

/// The rows, serialised one at a time (no intermediate tree for 20 000 rows).
struct RowsJ<'a> {
    rows: &'a [Row],
    computed: Option<&'a E81Computed>,
}

impl Serialize for RowsJ<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.rows.len()))?;
        for (i, r) in self.rows.iter().enumerate() {
            let c = self.computed.map(|c| c.rows.get(i));
            seq.serialize_element(&RowJ::new(r, c))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct TotalsJ {
    target_rp: String,
    realisasi_rp: String,
    penyerapan_pct: Option<String>,
}

#[derive(Serialize)]
struct ProblemJ<'a> {
    sheet: Option<&'a str>,
    cell: Option<&'a str>,
    severity: Severity,
    code: &'a str,
    message: &'a str,
}

impl<'a> ProblemJ<'a> {
    fn new(p: &'a Problem) -> Self {
        ProblemJ {
            sheet: p.at.sheet.as_deref(),
            cell: p.at.cell.as_deref(),
            severity: p.severity,
            code: &p.code,
            message: &p.message,
        }
    }
}

/// The document JSON: its title facts, its rows, then totals and problems (the parts are
/// separate so the rows can be written on two threads between them).
#[derive(Serialize)]
struct DocJ<'a> {
    #[serde(flatten)]
    head: HeadJ<'a>,
    rows: RowsJ<'a>,
    #[serde(flatten)]
    tail: TailJ<'a>,
}

#[derive(Serialize)]
struct HeadJ<'a> {
    form: &'a str,
    sheet: &'a str,
    year: Option<i32>,
    quarter: Option<u8>,
    region: Option<&'a str>,
    pd: Option<&'a str>,
}

#[derive(Serialize)]
struct TailJ<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    totals: Option<TotalsJ>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problems: Option<Vec<ProblemJ<'a>>>,
}

fn level_str(l: Level) -> &'static str {
    l.key()
}

fn doc_j<'a>(doc: &'a Document, computed: Option<&'a E81Computed>) -> DocJ<'a> {
    DocJ {
        head: HeadJ {
            form: &doc.form,
            sheet: &doc.sheet,
            year: doc.year,
            quarter: doc.quarter,
            region: doc.region.as_deref(),
            pd: doc.pd.as_deref(),
        },
        rows: RowsJ {
            rows: &doc.rows,
            computed,
        },
        tail: TailJ {
            totals: computed.map(|c| TotalsJ {
                target_rp: dec_s(c.totals.target_rp),
                realisasi_rp: dec_s(c.totals.realisasi_rp),
                penyerapan_pct: c.totals.penyerapan_pct.map(pct_s),
            }),
            problems: None,
        },
    }
}

/// Stream the import report JSON to `w` (what `capaian import FILE --json` prints): the
/// same JSON as [`import_json`], without building a `serde_json::Value` tree first.
/// `computed` and `compute_problems` come from `capaian_domain::e81::compute`; compute
/// problems (located by row + field) are given their sheet cell here.
pub fn write_import_json<W: std::io::Write>(
    w: W,
    import: &Import,
    computed: &E81Computed,
    compute_problems: &[Problem],
) -> serde_json::Result<()> {
    with_import_doc(import, computed, compute_problems, |d| write_doc(w, d))
}

/// Rows below this many are written on the calling thread alone.
const PARALLEL_ROWS: usize = 2048;

/// [`DocJ`] as compact JSON, byte for byte what `serde_json::to_writer` writes, with the
/// second half of the rows serialised on another thread while this one writes the first.
fn write_doc<W: std::io::Write>(mut w: W, d: &DocJ<'_>) -> serde_json::Result<()> {
    let rows = d.rows.rows;
    if rows.len() < PARALLEL_ROWS {
        return serde_json::to_writer(w, d);
    }
    // The members before and after `rows`, by the same serializers DocJ uses.
    let head = serde_json::to_vec(&d.head)?;
    let tail = serde_json::to_vec(&d.tail)?;
    let computed = d.rows.computed;
    fn row<'a>(computed: Option<&'a E81Computed>, i: usize, r: &'a Row) -> RowJ<'a> {
        RowJ::new(r, computed.map(|c| c.rows.get(i)))
    }
    let mid = rows.len() / 2;
    let io = serde_json::Error::io;
    std::thread::scope(|scope| -> serde_json::Result<()> {
        let spawned = std::thread::Builder::new()
            .name("capaian-xlsx-json".into())
            .spawn_scoped(scope, || -> serde_json::Result<Vec<u8>> {
                let mut buf = Vec::with_capacity((rows.len() - mid) * 1024);
                for (i, r) in rows.iter().enumerate().skip(mid) {
                    buf.push(b',');
                    serde_json::to_writer(&mut buf, &row(computed, i, r))?;
                }
                Ok(buf)
            });
        let Ok(second) = spawned else {
            // No second thread: everything on this one.
            return serde_json::to_writer(&mut w, d);
        };
        // `{"form":…,"pd":…` + `,"rows":[`
        w.write_all(&head[..head.len() - 1]).map_err(io)?;
        w.write_all(b",\"rows\":[").map_err(io)?;
        for (i, r) in rows.iter().enumerate().take(mid) {
            if i > 0 {
                w.write_all(b",").map_err(io)?;
            }
            serde_json::to_writer(&mut w, &row(computed, i, r))?;
        }
        let rest = second
            .join()
            .map_err(|_| io(std::io::Error::other("penulisan JSON terhenti tak terduga")))??;
        // mid ≥ 1 here, so the second half's leading comma separates the halves.
        w.write_all(&rest).map_err(io)?;
        w.write_all(b"]").map_err(io)?;
        if tail.len() > 2 {
            // `{"totals":…}` → `,"totals":…}`
            w.write_all(b",").map_err(io)?;
            w.write_all(&tail[1..]).map_err(io)?;
        } else {
            w.write_all(b"}").map_err(io)?;
        }
        Ok(())
    })
}

/// The import report as a JSON value (see the module docs for the shape).
pub fn import_json(import: &Import, computed: &E81Computed, compute_problems: &[Problem]) -> Value {
    with_import_doc(import, computed, compute_problems, |d| {
        serde_json::to_value(d).unwrap_or(Value::Null)
    })
}

/// Hands `f` the document with its computed columns and every problem located at a sheet cell
/// (a continuation, because the JSON view borrows the located problems).
fn with_import_doc<R>(
    import: &Import,
    computed: &E81Computed,
    compute_problems: &[Problem],
    f: impl FnOnce(&DocJ<'_>) -> R,
) -> R {
    let located = import.locate(compute_problems);
    let mut d = doc_j(&import.document, Some(computed));
    d.tail.problems = Some(
        import
            .problems
            .iter()
            .chain(located.iter())
            .map(ProblemJ::new)
            .collect(),
    );
    f(&d)
}

/// The document alone as JSON (same row shape as [`import_json`], without computed
/// columns, totals, or problems): what `capaian fill --data DOC.json` reads.
pub fn document_json(doc: &Document) -> Value {
    serde_json::to_value(doc_j(doc, None)).unwrap_or(Value::Null)
}

// ---------------------------------------------------------------------------------------
// Reverse.

fn get_str(v: &Value, key: &str, path: &str) -> Result<Option<String>, JsonError> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(JsonError::at(
            format!("{path}.{key}"),
            format!("harus teks, bukan {other}"),
        )),
    }
}

fn get_dec(v: &Value, key: &str, path: &str) -> Result<Option<Decimal>, JsonError> {
    dec_from(v.get(key), &format!("{path}.{key}"))
}

fn dec_from(v: Option<&Value>, path: &str) -> Result<Option<Decimal>, JsonError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Decimal::from_str(s.trim())
            .map(Some)
            .map_err(|e| JsonError::at(path, format!("'{s}' bukan angka desimal ({e})"))),
        Some(Value::Number(n)) => Decimal::from_str(&n.to_string())
            .map(Some)
            .map_err(|e| JsonError::at(path, e.to_string())),
        Some(other) => Err(JsonError::at(
            path,
            format!("harus angka dalam teks, bukan {other}"),
        )),
    }
}

/// A pair per quarter (`[{k, rp} ×4]`).
fn tw_from(v: Option<&Value>, path: &str) -> Result<[Pair; 4], JsonError> {
    let mut out: [Pair; 4] = Default::default();
    match v {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) if a.len() <= 4 => {
            for (i, p) in a.iter().enumerate() {
                out[i] = pair_from(Some(p), &format!("{path}[{i}]"))?;
            }
        }
        Some(_) => return Err(JsonError::at(path, "harus larik empat {k, rp}")),
    }
    Ok(out)
}

/// A value per month (`[rp ×12]`, null for a month without one).
fn bulan_from(v: Option<&Value>, path: &str) -> Result<[Option<Decimal>; 12], JsonError> {
    let mut out = [None; 12];
    match v {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) if a.len() <= 12 => {
            for (i, m) in a.iter().enumerate() {
                out[i] = dec_from(Some(m), &format!("{path}[{i}]"))?;
            }
        }
        Some(_) => {
            return Err(JsonError::at(
                path,
                "harus larik dua belas angka (satu per bulan)",
            ))
        }
    }
    Ok(out)
}

fn rencana_from(v: Option<&Value>, path: &str) -> Result<NilaiRencana, JsonError> {
    match v {
        None | Some(Value::Null) => Ok(NilaiRencana::default()),
        Some(o @ Value::Object(_)) => Ok(NilaiRencana {
            sasaran: get_str(o, "sasaran", path)?.unwrap_or_default(),
            lokasi: get_str(o, "lokasi", path)?.unwrap_or_default(),
            sumber_dana: get_str(o, "sumber_dana", path)?.unwrap_or_default(),
            catatan_penting: get_str(o, "catatan_penting", path)?.unwrap_or_default(),
            maju: pair_from(o.get("maju"), &format!("{path}.maju"))?,
            triwulan: tw_from(o.get("triwulan"), &format!("{path}.triwulan"))?,
            bulan: bulan_from(o.get("bulan"), &format!("{path}.bulan"))?,
        }),
        Some(other) => Err(JsonError::at(
            path,
            format!("harus objek {{lokasi, sumber_dana, …}}, bukan {other}"),
        )),
    }
}

/// A K value from JSON: a plain decimal string (our own output format, read strictly so
/// `"1.250"` stays 1.25), else the domain's cell parser for grades (`"BB (71,51)"`), else
/// text.
fn k_from(v: Option<&Value>, path: &str) -> Result<Option<KValue>, JsonError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Decimal::from_str(&n.to_string())
            .map(|d| Some(KValue::Number(d)))
            .map_err(|e| JsonError::at(path, e.to_string())),
        Some(Value::String(s)) => {
            if let Ok(d) = Decimal::from_str(s.trim()) {
                return Ok(Some(KValue::Number(d)));
            }
            let (parsed, _) = parse_cell(s);
            Ok(match parsed.value {
                CellValue::Blank | CellValue::Dash => None,
                CellValue::Grade { grade, score } => Some(KValue::Grade { grade, score }),
                _ => Some(KValue::Text(s.clone())),
            })
        }
        Some(other) => Err(JsonError::at(
            path,
            format!("nilai K tidak dikenal: {other}"),
        )),
    }
}

fn pair_from(v: Option<&Value>, path: &str) -> Result<Pair, JsonError> {
    match v {
        None | Some(Value::Null) => Ok(Pair::default()),
        Some(o @ Value::Object(_)) => Ok(Pair {
            k: k_from(o.get("k"), &format!("{path}.k"))?,
            rp: get_dec(o, "rp", path)?,
        }),
        Some(other) => Err(JsonError::at(
            path,
            format!("harus objek {{k, rp}}, bukan {other}"),
        )),
    }
}

fn narasi_from(v: Option<&Value>, path: &str) -> Result<[Narasi; 4], JsonError> {
    let mut out: [Narasi; 4] = Default::default();
    match v {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) if a.len() <= 4 => {
            for (i, n) in a.iter().enumerate() {
                let p = format!("{path}[{i}]");
                match n {
                    Value::Null => {}
                    Value::Object(_) => {
                        out[i] = Narasi {
                            pendorong: get_str(n, "pendorong", &p)?.unwrap_or_default(),
                            penghambat: get_str(n, "penghambat", &p)?.unwrap_or_default(),
                            tindak_lanjut: get_str(n, "tindak_lanjut", &p)?.unwrap_or_default(),
                            keterangan: get_str(n, "keterangan", &p)?.unwrap_or_default(),
                        }
                    }
                    other => {
                        return Err(JsonError::at(
                            p,
                            format!(
                                "harus objek {{pendorong, penghambat, tindak_lanjut, keterangan}}, bukan {other}"
                            ),
                        ))
                    }
                }
            }
        }
        Some(_) => {
            return Err(JsonError::at(
                path,
                "harus larik empat {pendorong, penghambat, tindak_lanjut, keterangan}",
            ))
        }
    }
    Ok(out)
}

fn level_from(s: &str, path: &str) -> Result<Level, JsonError> {
    Level::parse(s).ok_or_else(|| {
        let known: Vec<&str> = Level::ALL.iter().map(|l| l.key()).collect();
        JsonError::at(
            path,
            format!("tingkat '{s}' tidak dikenal ({})", known.join(", ")),
        )
    })
}

fn row_from(v: &Value, path: &str) -> Result<Row, JsonError> {
    if !v.is_object() {
        return Err(JsonError::at(path, "baris harus objek"));
    }
    let sheet_row = match v.get("row") {
        None | Some(Value::Null) => 0,
        Some(n) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| JsonError::at(format!("{path}.row"), "harus nomor baris"))?,
    };
    let level = level_from(
        &get_str(v, "level", path)?
            .ok_or_else(|| JsonError::at(format!("{path}.level"), "wajib ada"))?,
        &format!("{path}.level"),
    )?;
    let tw = tw_from(v.get("tw"), &format!("{path}.tw"))?;
    let stated = match v.get("stated") {
        None | Some(Value::Null) => Stated::default(),
        Some(s) => Stated {
            c12: pair_from(s.get("c12"), &format!("{path}.stated.c12"))?,
            c13: pair_from(s.get("c13"), &format!("{path}.stated.c13"))?,
            c14: pair_from(s.get("c14"), &format!("{path}.stated.c14"))?,
            c15: pair_from(s.get("c15"), &format!("{path}.stated.c15"))?,
        },
    };
    let semantics: IndicatorSemantics = match v.get("semantics") {
        None | Some(Value::Null) => IndicatorSemantics::default(),
        Some(s) => serde_json::from_value(s.clone())
            .map_err(|e| JsonError::at(format!("{path}.semantics"), e.to_string()))?,
    };
    let kode_sumber: Option<KodeSource> = match v.get("kode_sumber") {
        None | Some(Value::Null) => None,
        Some(s) => Some(
            serde_json::from_value(s.clone())
                .map_err(|e| JsonError::at(format!("{path}.kode_sumber"), e.to_string()))?,
        ),
    };
    Ok(Row {
        sheet_row,
        level,
        kode: get_str(v, "kode", path)?,
        kode_raw: get_str(v, "kode_raw", path)?,
        name: get_str(v, "name", path)?.unwrap_or_default(),
        indicator: get_str(v, "indicator", path)?.unwrap_or_default(),
        unit: get_str(v, "unit", path)?,
        semantics,
        renstra: pair_from(v.get("renstra"), &format!("{path}.renstra"))?,
        prev: pair_from(v.get("prev"), &format!("{path}.prev"))?,
        target: pair_from(v.get("target"), &format!("{path}.target"))?,
        tw,
        stated,
        unit_pd: get_str(v, "unit_pd", path)?.unwrap_or_default(),
        keterangan: get_str(v, "keterangan", path)?.unwrap_or_default(),
        narasi: narasi_from(v.get("narasi"), &format!("{path}.narasi"))?,
        kode_sumber,
        rencana: rencana_from(v.get("rencana"), &format!("{path}.rencana"))?,
    })
}

/// Read a document back from the JSON of [`import_json`] or [`document_json`].
pub fn document_from_json(v: &Value) -> Result<Document, JsonError> {
    if !v.is_object() {
        return Err(JsonError::at("$", "dokumen harus objek JSON"));
    }
    let rows = match v.get("rows") {
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, r)| row_from(r, &format!("$.rows[{i}]")))
            .collect::<Result<Vec<_>, _>>()?,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(JsonError::at("$.rows", "harus larik")),
    };
    let year = match v.get("year") {
        None | Some(Value::Null) => None,
        Some(n) => Some(
            n.as_i64()
                .and_then(|y| i32::try_from(y).ok())
                .ok_or_else(|| JsonError::at("$.year", "harus tahun"))?,
        ),
    };
    let quarter = match v.get("quarter") {
        None | Some(Value::Null) => None,
        Some(n) => Some(
            n.as_u64()
                .and_then(|q| u8::try_from(q).ok())
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| JsonError::at("$.quarter", "harus 1..4"))?,
        ),
    };
    Ok(Document {
        form: get_str(v, "form", "$")?.unwrap_or_default(),
        sheet: get_str(v, "sheet", "$")?.unwrap_or_default(),
        year,
        quarter,
        region: get_str(v, "region", "$")?,
        pd: get_str(v, "pd", "$")?,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::DecText;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn decimal_text_is_display() {
        let mut cases: Vec<Decimal> = [
            "0",
            "-0",
            "0.00",
            "-0.00",
            "1",
            "-1",
            "12.34",
            "0.05",
            "-0.05",
            "721957596.6",
            "0.0000000000000000000000000001",
            "18446744073709551615",
            "18446744073709551616",
            "1000000",
            "46.93",
            "27.00",
        ]
        .iter()
        .map(|s| Decimal::from_str(s).expect(s))
        .collect();
        cases.push(Decimal::new(-0, 5).set_sign_negative_copy());
        cases.push(Decimal::from_i128_with_scale((1 << 96) - 1, 28));
        cases.push(Decimal::from_i128_with_scale(-(1 << 95), 3));
        for scale in 0..=28 {
            for m in [0i64, 1, -7, 10, 123456789, i64::MAX, i64::MIN + 1] {
                cases.push(Decimal::new(m, scale));
            }
        }
        for d in cases {
            assert_eq!(DecText::new(d).as_str(), d.to_string(), "{d:?}");
        }
    }

    /// The rows written on two threads are byte for byte serde_json's own output.
    #[test]
    fn parallel_rows_are_serde_json() {
        use capaian_domain::e81::{compute, E81Settings};
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/xlsx/big_900.xlsx"
        );
        let bytes = std::fs::read(path).unwrap();
        let import = crate::read_workbook(&bytes, &crate::Limits::default()).unwrap();
        assert!(import.document.rows.len() >= super::PARALLEL_ROWS);
        let (computed, problems) = compute(&import.document, &E81Settings::default());
        let mut fast = Vec::new();
        super::write_import_json(&mut fast, &import, &computed, &problems).unwrap();
        let plain = super::with_import_doc(&import, &computed, &problems, |d| {
            serde_json::to_vec(d).unwrap()
        });
        assert!(fast == plain);
    }

    trait NegCopy {
        fn set_sign_negative_copy(self) -> Self;
    }

    impl NegCopy for Decimal {
        fn set_sign_negative_copy(mut self) -> Self {
            self.set_sign_negative(true);
            self
        }
    }
}
