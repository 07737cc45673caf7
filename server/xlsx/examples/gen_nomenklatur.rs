//! Writes `server/xlsx/data/nomenklatur.tsv`, the part of the national nomenclature the
//! product uses, from the shared compilation `nomenklatur_sub_kegiatan.csv` (Kepmendagri
//! 900.1.15.5 series; see `server/xlsx/data/README.md`).
//!
//! One line per node (bidang urusan, program, kegiatan, sub kegiatan), sorted by code:
//! `jenis_pemda` (`PROV`, `KABKOT` or `PROV,KABKOT` when both carry the same node), `kode`,
//! `nama`, and for a sub kegiatan its standard `indikator` and `satuan` and the code it
//! replaces (`kode_sebelumnya`). Whitespace runs (line breaks inside the source's quoted cells)
//! become one space; a name that starts with another code (the old one, a slip of the source)
//! loses it. Codes are checked with the domain's [`kode::normalize`]; anything the generator
//! cannot place stops it with the source line.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-domain cargo run -p capaian-xlsx --example gen_nomenklatur -- \
//!     ../shared/data/nomenklatur_sub_kegiatan.csv server/xlsx/data/nomenklatur.tsv
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use capaian_domain::kode;

/// The records of an RFC 4180 CSV text (quoted fields may hold commas, quotes doubled, and
/// line breaks), each with the line it starts on.
fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut fields)));
                line += 1;
                start = line;
            }
            c => field.push(c),
        }
    }
    if quoted {
        return Err(format!("baris {start}: tanda kutip tidak ditutup"));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start, fields));
    }
    Ok(out)
}

/// Whitespace runs as one space, trimmed.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A canonical planning code of `segments` segments, or None.
fn canonical(raw: &str, segments: usize) -> Option<String> {
    let (k, _) = kode::normalize(raw);
    k.filter(|k| k == raw && k.split('.').count() == segments)
}

/// `"1.01.02 PROGRAM …"` → (`1.01.02`, `PROGRAM …`), the code checked for its depth.
fn split_cell(cell: &str, segments: usize) -> Result<(String, String), String> {
    let cell = squash(cell);
    let (code, name) = cell
        .split_once(' ')
        .ok_or_else(|| format!("'{cell}' bukan 'kode nama'"))?;
    let code = canonical(code, segments)
        .ok_or_else(|| format!("'{code}' bukan kode {segments} segmen yang baku"))?;
    // A name that starts with another code of the same depth (the source's slip).
    let name = match name.split_once(' ') {
        Some((first, rest)) if canonical(first, segments).is_some() => rest,
        _ => name,
    };
    if name.is_empty() {
        return Err(format!("kode {code} tanpa nama"));
    }
    Ok((code, name.to_string()))
}

#[derive(Clone, PartialEq, Eq)]
struct Node {
    nama: String,
    indikator: String,
    satuan: String,
    sebelumnya: String,
}

fn main() -> Result<(), String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let mut args = std::env::args().skip(1);
    let src = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/data/nomenklatur_sub_kegiatan.csv"));
    let dst = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("server/xlsx/data/nomenklatur.tsv"));
    let text = std::fs::read_to_string(&src).map_err(|e| format!("{}: {e}", src.display()))?;
    let records = csv_records(&text)?;
    let (_, header) = records.first().ok_or("CSV kosong")?;
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("kolom '{name}' tidak ada"))
    };
    let c_jenis = col("jenis_pemda")?;
    let levels = [
        (col("bidang_urusan")?, 2),
        (col("program")?, 3),
        (col("kegiatan")?, 5),
        (col("sub_kegiatan")?, 6),
    ];
    let (c_ind, c_sat, c_prev) = (
        col("indikator")?,
        col("satuan")?,
        col("sub_kegiatan_sebelumnya")?,
    );

    // (kode, node) → the jenis carrying it; one node per (jenis, kode).
    let mut nodes: BTreeMap<(String, String), (Node, Vec<&str>)> = BTreeMap::new();
    let mut per_jenis: BTreeMap<(String, String), Node> = BTreeMap::new();
    let mut sub_kegiatan = 0usize;
    for (line, rec) in &records[1..] {
        let at = |e: String| format!("{}:{line}: {e}", src.display());
        let get = |c: usize| rec.get(c).map(String::as_str).unwrap_or("");
        let jenis = match get(c_jenis).trim() {
            "PROV" => "PROV",
            "KABKOT" => "KABKOT",
            other => return Err(at(format!("jenis_pemda '{other}'"))),
        };
        for (c, segments) in levels {
            let (code, nama) = split_cell(get(c), segments).map_err(at)?;
            let node = if segments == 6 {
                sub_kegiatan += 1;
                let prev = squash(get(c_prev));
                let sebelumnya = match prev.split(' ').next() {
                    Some(p) if !p.is_empty() => canonical(p, 6)
                        .ok_or_else(|| at(format!("kode sebelumnya '{p}' tidak baku")))?,
                    _ => String::new(),
                };
                Node {
                    nama,
                    indikator: squash(get(c_ind)),
                    satuan: squash(get(c_sat)),
                    sebelumnya,
                }
            } else {
                Node {
                    nama,
                    indikator: String::new(),
                    satuan: String::new(),
                    sebelumnya: String::new(),
                }
            };
            match per_jenis.get(&(jenis.to_string(), code.clone())) {
                Some(seen) if *seen != node => {
                    return Err(at(format!("kode {code} ({jenis}) dengan dua isi berbeda")))
                }
                Some(_) => continue,
                None => {
                    per_jenis.insert((jenis.to_string(), code.clone()), node.clone());
                }
            }
            let key = (
                code,
                format!(
                    "{}\t{}\t{}\t{}",
                    node.nama, node.indikator, node.satuan, node.sebelumnya
                ),
            );
            let entry = nodes.entry(key).or_insert_with(|| (node, Vec::new()));
            entry.1.push(jenis);
        }
    }

    let mut out = String::new();
    out.push_str(
        "# Nomenklatur urusan, program, kegiatan dan sub kegiatan (Kepmendagri 900.1.15.5).\n\
         # Dibuat oleh server/xlsx/examples/gen_nomenklatur.rs dari nomenklatur_sub_kegiatan.csv;\n\
         # jangan diubah dengan tangan. Sumber dan lisensi: server/xlsx/data/README.md.\n\
         # jenis_pemda\tkode\tnama\tindikator\tsatuan\tkode_sebelumnya\n",
    );
    for ((code, _), (node, mut jenis)) in nodes {
        jenis.sort_unstable_by_key(|j| *j != "PROV");
        jenis.dedup();
        out.push_str(&format!(
            "{}\t{code}\t{}\t{}\t{}\t{}\n",
            jenis.join(","),
            node.nama,
            node.indikator,
            node.satuan,
            node.sebelumnya
        ));
    }
    std::fs::write(&dst, &out).map_err(|e| format!("{}: {e}", dst.display()))?;
    println!(
        "{} sub kegiatan, {} simpul, {} byte → {}",
        sub_kegiatan,
        per_jenis.len(),
        out.len(),
        dst.display()
    );
    Ok(())
}
