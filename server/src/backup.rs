//! The backup file: a zip holding a manifest (`capaian-cadangan.json`, with the SHA-256 of
//! every other entry), the records (`data.json`) and every stored workbook as its own entry
//! (`berkas/…`). `capaian backup` writes it, `capaian restore` checks all of it before
//! writing anything.

use std::collections::BTreeMap;
use std::io::{Read, Seek, Write};

use serde::{Deserialize, Serialize};
use surrealdb::types::Bytes;
use zip::write::SimpleFileOptions;

use crate::operations::sha256_hex;
use crate::store::Dump;

pub const MANIFEST: &str = "capaian-cadangan.json";
const DATA: &str = "data.json";
const FORMAT: &str = "capaian-cadangan";
const FORMAT_VERSION: u32 = 1;
/// Largest entry a backup may hold once inflated (a zip bomb is refused, not inflated).
const MAX_ENTRY_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// What a backup holds, by count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub ruang_kerja: usize,
    pub dokumen: usize,
    pub peristiwa: usize,
    pub sel: usize,
    pub pengajuan: usize,
    #[serde(default)]
    pub akun: usize,
}

impl Counts {
    pub fn of(dump: &Dump) -> Counts {
        Counts {
            ruang_kerja: dump.workspaces.len(),
            dokumen: dump.documents.len(),
            peristiwa: dump.events.len(),
            sel: dump.cells.len(),
            pengajuan: dump.submissions.len(),
            akun: dump.accounts.len(),
        }
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ruang kerja, {} dokumen, {} peristiwa, {} sel diubah, {} pengajuan, {} akun",
            self.ruang_kerja, self.dokumen, self.peristiwa, self.sel, self.pengajuan, self.akun
        )
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    format: String,
    versi_format: u32,
    versi_program: String,
    jumlah: Counts,
    /// Entry name → hex SHA-256.
    sha256: BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("Berkas cadangan tidak dapat ditulis: {0}")]
    Write(String),
    #[error("Berkas ini bukan cadangan Capaian yang utuh: {0}")]
    NotBackup(String),
    #[error("Cadangan rusak: isi '{0}' tidak cocok dengan sidik SHA-256 di manifest.")]
    Corrupt(String),
    #[error("Cadangan dibuat dengan format versi {0}; program ini membaca versi {FORMAT_VERSION}. Perbarui Capaian.")]
    NewerFormat(u32),
}

fn document_entry(id: &str) -> String {
    format!("berkas/dokumen/{id}.xlsx")
}

/// The latest file merged into a document, its template.
fn template_entry(id: &str) -> String {
    format!("berkas/dokumen/{id}.template.xlsx")
}

/// The `i`-th file kept beside a document to compare it against (`Dump::pembanding`).
fn pembanding_entry(i: usize) -> String {
    format!("berkas/pembanding/{i}.xlsx")
}

fn submission_entry(id: &str, jenis: &str) -> String {
    format!("berkas/pengajuan/{id}/{jenis}.xlsx")
}

/// Writes `dump` as a backup zip.
pub fn write_backup(dump: &Dump, out: impl Write + Seek) -> Result<Counts, BackupError> {
    let werr = |e: &dyn std::fmt::Display| BackupError::Write(e.to_string());
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    entries.push((DATA.into(), serde_json::to_vec(dump).map_err(|e| werr(&e))?));
    for d in &dump.documents {
        entries.push((document_entry(&d.id), d.berkas.to_vec()));
        if let Some(t) = &d.template_isi {
            entries.push((template_entry(&d.id), t.to_vec()));
        }
    }
    for (i, p) in dump.pembanding.iter().enumerate() {
        entries.push((pembanding_entry(i), p.isi.to_vec()));
    }
    for s in &dump.submissions {
        entries.push((submission_entry(&s.id, "formulir"), s.formulir_isi.to_vec()));
        if let Some(t) = &s.template_isi {
            entries.push((submission_entry(&s.id, "template"), t.to_vec()));
        }
        if let Some(l) = &s.laporan_isi {
            entries.push((submission_entry(&s.id, "laporan"), l.to_vec()));
        }
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        versi_format: FORMAT_VERSION,
        versi_program: env!("CARGO_PKG_VERSION").into(),
        jumlah: Counts::of(dump),
        sha256: entries
            .iter()
            .map(|(name, bytes)| (name.clone(), sha256_hex(bytes)))
            .collect(),
    };
    let mut zip = zip::ZipWriter::new(out);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file(MANIFEST, options).map_err(|e| werr(&e))?;
    zip.write_all(&serde_json::to_vec_pretty(&manifest).map_err(|e| werr(&e))?)
        .map_err(|e| werr(&e))?;
    for (name, bytes) in &entries {
        zip.start_file(name.as_str(), options)
            .map_err(|e| werr(&e))?;
        zip.write_all(bytes).map_err(|e| werr(&e))?;
    }
    zip.finish().map_err(|e| werr(&e))?;
    Ok(manifest.jumlah)
}

/// Reads one entry whole, refusing anything that inflates past the limit.
fn entry(zip: &mut zip::ZipArchive<impl Read + Seek>, name: &str) -> Result<Vec<u8>, BackupError> {
    let mut file = zip
        .by_name(name)
        .map_err(|_| BackupError::NotBackup(format!("isi '{name}' tidak ada")))?;
    if file.size() > MAX_ENTRY_BYTES {
        return Err(BackupError::NotBackup(format!(
            "isi '{name}' terlalu besar"
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0));
    (&mut file)
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| BackupError::NotBackup(format!("isi '{name}' tidak terbaca: {e}")))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(BackupError::NotBackup(format!(
            "isi '{name}' terlalu besar"
        )));
    }
    Ok(bytes)
}

/// Reads and checks a backup zip: every entry against its SHA-256, the counts against the
/// manifest. Nothing is written anywhere.
pub fn read_backup(input: impl Read + Seek) -> Result<(Dump, Counts), BackupError> {
    let mut zip = zip::ZipArchive::new(input)
        .map_err(|e| BackupError::NotBackup(format!("bukan berkas zip ({e})")))?;
    let manifest: Manifest = serde_json::from_slice(&entry(&mut zip, MANIFEST)?)
        .map_err(|e| BackupError::NotBackup(format!("manifest tidak terbaca ({e})")))?;
    if manifest.format != FORMAT {
        return Err(BackupError::NotBackup(format!(
            "format '{}' tidak dikenal",
            manifest.format
        )));
    }
    if manifest.versi_format > FORMAT_VERSION {
        return Err(BackupError::NewerFormat(manifest.versi_format));
    }
    let mut checked = |name: &str| -> Result<Vec<u8>, BackupError> {
        let bytes = entry(&mut zip, name)?;
        match manifest.sha256.get(name) {
            Some(sha) if *sha == sha256_hex(&bytes) => Ok(bytes),
            _ => Err(BackupError::Corrupt(name.into())),
        }
    };
    let mut dump: Dump = serde_json::from_slice(&checked(DATA)?)
        .map_err(|e| BackupError::NotBackup(format!("data.json tidak terbaca ({e})")))?;
    for d in &mut dump.documents {
        d.berkas = Bytes::from(checked(&document_entry(&d.id))?);
        if d.template.is_some() {
            d.template_isi = Some(Bytes::from(checked(&template_entry(&d.id))?));
        }
    }
    for (i, p) in dump.pembanding.iter_mut().enumerate() {
        p.isi = Bytes::from(checked(&pembanding_entry(i))?);
    }
    for s in &mut dump.submissions {
        s.formulir_isi = Bytes::from(checked(&submission_entry(&s.id, "formulir"))?);
        if s.template_sha.is_some() {
            s.template_isi = Some(Bytes::from(checked(&submission_entry(&s.id, "template"))?));
        }
        // Submissions made before they carried the laporan triwulan have none.
        if s.laporan_sha.is_some() {
            s.laporan_isi = Some(Bytes::from(checked(&submission_entry(&s.id, "laporan"))?));
        }
    }
    let counts = Counts::of(&dump);
    if counts != manifest.jumlah {
        return Err(BackupError::NotBackup(format!(
            "manifest menyebut {}, isinya {counts}",
            manifest.jumlah
        )));
    }
    Ok((dump, counts))
}
