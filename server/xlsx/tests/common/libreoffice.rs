//! LibreOffice as the second opinion on exported workbooks: convert (recalculating every
//! formula on load), strip cached formula values, read formula cells and values back, and
//! compare each formula cell LibreOffice recalculated with the value the export cached.
//! Shared by the E.81 and Renja export tests. LibreOffice must be installed: the helpers fail,
//! never skip.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;

pub fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read entry");
            (f.name().map(|n| n.to_string()).expect("entry name"), data)
        })
        .collect()
}

pub fn sheet_xml(bytes: &[u8]) -> String {
    let (_, data) = zip_entries(bytes)
        .into_iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .expect("sheet1.xml");
    String::from_utf8(data).expect("utf8")
}

/// `<c r="REF" …>…</c>` (or self-closed) of a cell.
pub fn cell_xml<'a>(xml: &'a str, r: &str) -> Option<&'a str> {
    let start = xml.find(&format!("<c r=\"{r}\""))?;
    let rest = &xml[start..];
    let open_end = rest.find('>')?;
    if rest[..open_end].ends_with('/') {
        return Some(&rest[..=open_end]);
    }
    let end = rest.find("</c>")?;
    Some(&rest[..end + 4])
}

/// The same package with every cached formula value (`<v>` after `</f>`) removed.
pub fn strip_cached(bytes: &[u8]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in zip_entries(bytes) {
            let data = if name.starts_with("xl/worksheets/sheet") {
                let xml = String::from_utf8(data).expect("utf8");
                let mut s = String::with_capacity(xml.len());
                let mut rest = xml.as_str();
                while let Some(i) = rest.find("</f>") {
                    s.push_str(&rest[..i + 4]);
                    rest = &rest[i + 4..];
                    if rest.starts_with("<v>") {
                        if let Some(j) = rest.find("</v>") {
                            rest = &rest[j + 4..];
                        }
                    } else if rest.starts_with("<v/>") {
                        rest = &rest[4..];
                    }
                }
                s.push_str(rest);
                // String-typed formula cells without a value: drop the type.
                s.replace(" t=\"str\"", "").into_bytes()
            } else {
                data
            };
            w.start_file(name, opts).expect("zip entry");
            w.write_all(&data).expect("zip write");
        }
        w.finish().expect("zip finish");
    }
    out.into_inner()
}

// ---------------------------------------------------------------------------------------------
// LibreOffice.

pub const SOFFICE: &str = "/usr/bin/soffice";

/// Convert with LibreOffice (recalculating every formula on load) into `out_dir`.
pub fn soffice_convert(input: &Path, to: &str, out_dir: &Path, profile: &Path) {
    assert!(
        Path::new(SOFFICE).exists(),
        "LibreOffice is required for this test: apt-get install -y libreoffice-calc-nogui"
    );
    let user = profile.join("user");
    std::fs::create_dir_all(&user).expect("profile dir");
    // Recalculate OOXML files on load, always (not only when LibreOffice thinks it must).
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .expect("registry");
    let status = Command::new(SOFFICE)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(out_dir)
        .arg(input)
        .status()
        .expect("run soffice");
    assert!(status.success(), "soffice failed on {input:?}");
}

/// A workbook printed to PDF by LibreOffice, as `pdfinfo` and `pdftotext -layout` read it.
pub struct Printed {
    pub pages: usize,
    /// Width and height of the first page, in points.
    pub size: (f64, f64),
    /// Each page's text.
    pub texts: Vec<String>,
}

/// Prints `bytes` (named `name`, no extension) to PDF through LibreOffice and reads it back
/// with poppler-utils; the files are removed unless `CAPAIAN_KEEP_PDF` is set.
pub fn printed(bytes: &[u8], name: &str) -> Printed {
    let dir = tmp_dir(&format!("{name}-pdf"));
    let input = dir.join(format!("{name}.xlsx"));
    std::fs::write(&input, bytes).expect("write");
    soffice_convert(&input, "pdf", &dir, &dir.join("profile"));
    let pdf = dir.join(format!("{name}.pdf"));
    let run = |args: &[&str]| {
        let out = Command::new(args[0])
            .args(&args[1..])
            .output()
            .unwrap_or_else(|e| {
                panic!("{} is required for this test (poppler-utils): {e}", args[0])
            });
        assert!(out.status.success(), "{args:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let p = pdf.to_str().expect("path");
    let info = run(&["pdfinfo", p]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("page count");
    let dims: Vec<f64> = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("page size")
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(dims.len() >= 2, "{info}");
    let texts = run(&["pdftotext", "-layout", p, "-"])
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect();
    if std::env::var_os("CAPAIAN_KEEP_PDF").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        eprintln!("kept {}", dir.display());
    }
    Printed {
        pages,
        size: (dims[0], dims[1]),
        texts,
    }
}

pub fn tmp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("capaian-export-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

pub fn sheet_range(bytes: &[u8]) -> calamine::Range<Data> {
    sheet_range_at(bytes, 0)
}

/// The `i`-th sheet's cells.
pub fn sheet_range_at(bytes: &[u8], i: usize) -> calamine::Range<Data> {
    let mut x: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("xlsx");
    let name = x.sheet_names().get(i).cloned().expect("a sheet");
    x.worksheet_range(&name).expect("range")
}

/// How many sheets the workbook has.
pub fn sheet_count(bytes: &[u8]) -> usize {
    let x: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("xlsx");
    x.sheet_names().len()
}

pub fn formula_cells(bytes: &[u8]) -> Vec<(u32, u32, String)> {
    formula_cells_at(bytes, 0)
}

/// The `i`-th sheet's formula cells: (row, column, formula).
pub fn formula_cells_at(bytes: &[u8], i: usize) -> Vec<(u32, u32, String)> {
    let mut x: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("xlsx");
    let name = x.sheet_names().get(i).cloned().expect("a sheet");
    let f = x.worksheet_formula(&name).expect("formulas");
    let (r0, c0) = f.start().unwrap_or((0, 0));
    f.used_cells()
        .filter(|(_, _, s)| !s.is_empty())
        .map(|(r, c, s)| (r as u32 + r0, c as u32 + c0, s.clone()))
        .collect()
}

pub fn value_at(range: &calamine::Range<Data>, r: u32, c: u32) -> Option<Decimal> {
    match range.get_value((r, c)) {
        Some(Data::Float(f)) => Decimal::from_str(&format!("{f}")).ok(),
        Some(Data::Int(i)) => Some(Decimal::from(*i)),
        Some(Data::String(s)) if s.is_empty() => None,
        Some(Data::Empty) | None => None,
        Some(other) => panic!("cell ({r},{c}) is {other:?}"),
    }
}

/// Export `bytes` (file stem `stem`) recalculated by LibreOffice twice — as written, and with
/// every cached formula value stripped — and compare every formula cell with the value the
/// export cached: `agree(column, ours, LibreOffice's)`. Panics listing the first cells that
/// differ; returns how many formula cells agreed (in each of the two recalculations).
pub fn recalculated_agree(
    stem: &str,
    bytes: &[u8],
    agree: impl Fn(u32, Option<Decimal>, Option<Decimal>) -> bool,
) -> usize {
    let dir = tmp_dir(stem);
    let (in_dir, out_dir, out_bare) = (dir.join("in"), dir.join("out"), dir.join("out-bare"));
    for d in [&in_dir, &out_dir, &out_bare] {
        std::fs::create_dir_all(d).expect("dir");
    }
    let as_written = in_dir.join(format!("{stem}.xlsx"));
    std::fs::write(&as_written, bytes).expect("write export");
    let bare_dir = dir.join("bare");
    std::fs::create_dir_all(&bare_dir).expect("dir");
    let bare = bare_dir.join(format!("{stem}.xlsx"));
    let stripped = strip_cached(bytes);
    assert!(
        !sheet_xml(&stripped).contains("</f><v>"),
        "cached values were not stripped"
    );
    std::fs::write(&bare, &stripped).expect("write stripped");
    soffice_convert(&as_written, "xlsx", &out_dir, &dir.join("profile"));
    soffice_convert(&bare, "xlsx", &out_bare, &dir.join("profile"));

    // Every sheet's formula cells.
    let mut checked = 0;
    for sheet in 0..sheet_count(bytes) {
        let ours = sheet_range_at(bytes, sheet);
        let formulas = formula_cells_at(bytes, sheet);
        for out in [&out_dir, &out_bare] {
            let office_bytes = std::fs::read(out.join(format!("{stem}.xlsx")))
                .unwrap_or_else(|e| panic!("{stem}: LibreOffice wrote nothing in {out:?}: {e}"));
            let office = sheet_range_at(&office_bytes, sheet);
            let mut bad = Vec::new();
            for (r, c, f) in &formulas {
                let a = value_at(&ours, *r, *c);
                let b = value_at(&office, *r, *c);
                if !agree(*c, a, b) {
                    bad.push(format!("({r},{c}) ={f}: Capaian {a:?}, LibreOffice {b:?}"));
                }
            }
            assert!(
                bad.is_empty(),
                "{stem} sheet {sheet} ({}): {} of {} formula cells differ:\n{}",
                out.display(),
                bad.len(),
                formulas.len(),
                bad[..bad.len().min(20)].join("\n")
            );
        }
        checked += formulas.len();
    }
    let _ = std::fs::remove_dir_all(&dir);
    checked
}
