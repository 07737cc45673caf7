//! `capaian`: the server (default) and command-line tools.

use capaian_server::progress::{step, Step};
use capaian_server::{assets, backup, data_dir, http, periksa, store, workbook};

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use app::ssr::{AppContext, ServerInfo};
use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "capaian",
    version,
    about = "Capaian: evaluasi Renja (Formulir E.81) dan realisasi anggaran per triwulan",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Menjalankan server Capaian (bawaan).
    Serve(ServeArgs),
    /// Membaca workbook (Formulir E.81, ekspor SIPD, Renja, atau Perjanjian Kinerja) dan menampilkan isinya beserta
    /// hasil hitung.
    Import(ImportArgs),
    /// Menulis formulir resmi (rumus hidup) dari workbook yang dibaca: Formulir E.81, Renja, atau Perjanjian Kinerja.
    Export(ExportArgs),
    /// Mengisi template asli instansi dengan nilai dokumen (JSON dari `capaian import --json`):
    /// Formulir E.81 instansi, atau Renja atau Perjanjian Kinerja instansi dengan target dan
    /// anggaran dokumen.
    Fill(FillArgs),
    /// Menyalin seluruh isi basis data (dokumen, riwayat, pengajuan) ke satu berkas cadangan.
    Backup(BackupArgs),
    /// Memulihkan berkas cadangan ke folder data yang kosong.
    Restore(BackupArgs),
    /// Memeriksa apakah berkas-berkas setahun sepakat: Formulir E.81 dengan ekspor SIPD (pagu,
    /// realisasi s.d. triwulan), dengan Renja dan Perjanjian Kinerja (target dan pagu kolom 7),
    /// angka demi angka dengan selnya; atau, dengan --ruang-kerja, rekonsiliasi ruang kerja yang
    /// tersimpan (rencana dengan dirinya dan dengan setiap berkas yang disimpannya). Keluar
    /// bukan-nol bila ada beda.
    Periksa(PeriksaArgs),
}

#[derive(Args, Debug)]
struct PeriksaArgs {
    /// Berkas .xlsx/.xls: Formulir E.81, ekspor SIPD, Renja dan Perjanjian Kinerja dari
    /// instansi dan tahun yang sama.
    #[arg(required_unless_present = "ruang_kerja", num_args = 1..)]
    files: Vec<PathBuf>,
    /// Rekonsiliasi ruang kerja yang tersimpan (id, atau nama Perangkat Daerah dan tahunnya,
    /// mis. "BKPSDM 2026"), seperti halaman Rekonsiliasi.
    #[arg(long, conflicts_with = "files")]
    ruang_kerja: Option<String>,
    #[command(flatten)]
    db: DbArgs,
    /// Cetak hasilnya sebagai JSON (bukan laporan).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    pengaturan: SettingsArgs,
}

#[derive(Args, Debug, Clone)]
struct BackupArgs {
    /// Berkas cadangan (.zip) yang ditulis atau dibaca.
    file: PathBuf,
    #[command(flatten)]
    db: DbArgs,
}

/// Where the database is: an embedded folder (default) or a shared SurrealDB server.
#[derive(Args, Debug, Clone)]
struct DbArgs {
    /// Folder data (basis data tertanam SurrealKV).
    #[arg(long, default_value = "./data")]
    data: PathBuf,
    /// Server SurrealDB bersama, mis. ws://192.168.1.10:8000 (tanpa ini: tertanam di --data).
    #[arg(long, env = "CAPAIAN_DB")]
    db: Option<String>,
    /// Namespace di server SurrealDB.
    #[arg(long, env = "CAPAIAN_DB_NS", default_value = store::DEFAULT_NAMESPACE)]
    db_ns: String,
    /// Nama database di server SurrealDB.
    #[arg(long, env = "CAPAIAN_DB_NAME", default_value = store::DEFAULT_DATABASE)]
    db_name: String,
    /// Pengguna root server SurrealDB.
    #[arg(long, env = "CAPAIAN_DB_USER")]
    db_user: Option<String>,
    /// Kata sandi pengguna root server SurrealDB.
    #[arg(long, env = "CAPAIAN_DB_PASS", hide_env_values = true)]
    db_pass: Option<String>,
}

/// An open store, the lock on its data folder (embedded only) and how to describe it.
struct Opened {
    store: store::SurrealStore,
    _lock: Option<data_dir::DataDir>,
    location: String,
    engine: String,
}

async fn open_store(args: &DbArgs) -> Result<Opened, String> {
    if let Some(url) = &args.db {
        let scheme = url.split("://").next().unwrap_or_default();
        if !matches!(scheme, "ws" | "wss") || !url.contains("://") {
            return Err(format!(
                "--db '{url}' tidak dikenal: tulis alamat server SurrealDB seperti ws://192.168.1.10:8000."
            ));
        }
        let credentials = match (&args.db_user, &args.db_pass) {
            (Some(u), Some(p)) => Some((u.clone(), p.clone())),
            (None, None) => None,
            _ => {
                return Err(
                    "Isi --db-user dan --db-pass bersama-sama (atau tidak keduanya).".into(),
                )
            }
        };
        let conn = store::Connection {
            endpoint: url.clone(),
            namespace: args.db_ns.clone(),
            database: args.db_name.clone(),
            credentials,
        };
        let store = store::SurrealStore::open(&conn).await.map_err(|e| {
            format!("Server SurrealDB di {url} tidak dapat dipakai: {e}. Periksa alamat, namespace/database dan kata sandi.")
        })?;
        return Ok(Opened {
            store,
            _lock: None,
            location: format!("{url} (ns {}, db {})", args.db_ns, args.db_name),
            engine: "Server SurrealDB (bersama)".into(),
        });
    }
    let data = data_dir::DataDir::open(&args.data).map_err(|e| e.to_string())?;
    let db_path = data.database_path();
    // A commit cut short by a crash or power loss was never acknowledged: remove it before
    // the engine opens the log (see store/wal.rs for why the engine cannot be left to it).
    match store::wal::cut_torn_end(&db_path) {
        Ok(Some(cut)) => tracing::warn!(
            "Catatan transaksi terakhir di {} tidak lengkap (program berhenti mendadak): {} bita dibuang. Transaksi itu belum pernah dikonfirmasi.",
            cut.segment,
            cut.bytes_removed
        ),
        Ok(None) => {}
        Err(e) => {
            return Err(format!(
                "Catatan transaksi di '{}' tidak dapat diperiksa: {e}",
                db_path.display()
            ))
        }
    }
    let endpoint = format!("surrealkv://{}?sync=every", db_path.display());
    let store = store::SurrealStore::connect(&endpoint)
        .await
        .map_err(|e| database_open_error(&db_path, &e))?;
    Ok(Opened {
        store,
        location: data.path().display().to_string(),
        _lock: Some(data),
        engine: "SurrealDB tertanam (SurrealKV)".into(),
    })
}

/// `capaian backup FILE`: every record and stored workbook into one zip.
async fn backup_command(args: BackupArgs) -> Result<(), String> {
    let opened = open_store(&args.db).await?;
    let reading = Step::start(format!("Membaca basis data {}", opened.location));
    let dump = opened.store.dump().await.map_err(|e| e.to_string())?;
    reading.done();
    let mut bytes = std::io::Cursor::new(Vec::new());
    let counts = step(format!("Menulis cadangan {}", args.file.display()), || {
        backup::write_backup(&dump, &mut bytes).map_err(|e| e.to_string())
    })?;
    write_output(&args.file, bytes.get_ref())?;
    println!(
        "Cadangan dari {} ditulis ke {}: {counts}.",
        opened.location,
        args.file.display()
    );
    Ok(())
}

/// `capaian restore FILE`: checks the whole backup, then writes it into an empty database.
async fn restore_command(args: BackupArgs) -> Result<(), String> {
    let file = std::fs::File::open(&args.file)
        .map_err(|e| format!("{}: tidak dapat dibaca: {e}", args.file.display()))?;
    let (dump, counts) = step(
        format!("Memeriksa cadangan {}", args.file.display()),
        || backup::read_backup(std::io::BufReader::new(file)),
    )
    .map_err(|e| format!("{}: {e}", args.file.display()))?;
    let opened = open_store(&args.db).await?;
    let writing = Step::start(format!("Memulihkan ke {}", opened.location));
    opened.store.load(dump).await.map_err(|e| e.to_string())?;
    writing.done();
    println!(
        "Cadangan {} dipulihkan ke {}: {counts}.",
        args.file.display(),
        opened.location
    );
    Ok(())
}

#[derive(Args, Debug, Clone)]
struct ExportArgs {
    /// Workbook yang dibaca: Formulir E.81 atau Renja.
    file: PathBuf,
    /// Berkas .xlsx yang ditulis.
    #[arg(long)]
    out: PathBuf,
    /// Ukuran kertas cetak.
    #[arg(long, value_enum, default_value = "f4")]
    kertas: Kertas,
    #[command(flatten)]
    pengaturan: SettingsArgs,
}

/// The computation settings of a command run on files (a workspace has its own, chosen on
/// its page): the rating scale and the capaian cap.
#[derive(Args, Debug, Clone)]
struct SettingsArgs {
    /// Skala predikat capaian.
    #[arg(long, value_enum, default_value = "permendagri86")]
    skala: Skala,
    /// Batasi setiap capaian kinerja paling tinggi 100%.
    #[arg(long)]
    batas_100: bool,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
enum Skala {
    /// Permendagri 86/2017 (Sangat Tinggi … Sangat Rendah).
    Permendagri86,
    /// SAKIP (AA … D).
    Sakip,
}

impl SettingsArgs {
    fn e81(&self) -> capaian_domain::e81::E81Settings {
        use capaian_domain::pengaturan::{Pengaturan, PilihanSkala};
        Pengaturan {
            skala: match self.skala {
                Skala::Permendagri86 => PilihanSkala::Permendagri86,
                Skala::Sakip => PilihanSkala::Sakip,
            },
            batas_100: self.batas_100,
            ..Pengaturan::default()
        }
        .e81()
    }
}

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
enum Kertas {
    A4,
    F4,
}

#[derive(Args, Debug, Clone)]
struct FillArgs {
    /// Template asli (workbook .xlsx instansi).
    template: PathBuf,
    /// Dokumen JSON (keluaran `capaian import --json`, boleh sudah diubah).
    #[arg(long)]
    data: PathBuf,
    /// Berkas .xlsx yang ditulis.
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    pengaturan: SettingsArgs,
}

#[derive(Args, Debug, Clone)]
struct ImportArgs {
    /// Berkas .xlsx yang dibaca.
    file: PathBuf,
    /// Cetak dokumen sebagai JSON (bukan ringkasan).
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    pengaturan: SettingsArgs,
}

#[derive(Args, Debug, Clone)]
struct ServeArgs {
    /// Alamat dan port yang didengarkan. Bawaan: 127.0.0.1:3000 (hanya komputer ini);
    /// dengan --lan: 0.0.0.0:3000 (seluruh jaringan).
    #[arg(long)]
    addr: Option<SocketAddr>,
    /// Dipakai tim di jaringan kantor: mendengarkan di jaringan dan setiap orang harus masuk
    /// dengan akunnya (peran, bidang, alur verifikasi). Jalankan pertama kali untuk membuat akun admin.
    #[arg(long, env = "CAPAIAN_LAN", value_parser = clap::builder::BoolishValueParser::new(), num_args = 0..=1, default_missing_value = "true", default_value = "false")]
    lan: bool,
    #[command(flatten)]
    db: DbArgs,
    /// Folder berkas situs (pkg/ berisi wasm, js, css). Bawaan: ../site di samping program.
    #[arg(long, env = "CAPAIAN_SITE")]
    site: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,surrealdb=warn,surrealkv=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Tidak dapat memulai: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command {
        Some(Command::Import(args)) => import_command(&args),
        Some(Command::Export(args)) => export_command(&args),
        Some(Command::Fill(args)) => fill_command(&args),
        Some(Command::Periksa(args)) if args.ruang_kerja.is_some() => {
            runtime.block_on(periksa_workspace_command(args))
        }
        Some(Command::Periksa(args)) => periksa_command(&args),
        Some(Command::Backup(args)) => runtime.block_on(backup_command(args)),
        Some(Command::Restore(args)) => runtime.block_on(restore_command(args)),
        Some(Command::Serve(args)) => runtime.block_on(serve(args)),
        None => runtime.block_on(serve(cli.serve)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("capaian: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `capaian import FILE [--json]`: exit 0 when the file was read (problems may be listed).
/// A workbook without an E.81 sheet is read as a SIPD export when it is one (rekapitulasi
/// belanja, anggaran kas, rincian APBD, LRA per rekening: `capaian_xlsx::sipd`).
fn import_command(args: &ImportArgs) -> Result<(), String> {
    use std::io::Write;
    let imported = match read_any(&args.file, &args.pengaturan)? {
        periksa::Berkas::E81(imported) => imported,
        periksa::Berkas::Sipd(sipd) => return write_sipd(args.json, &sipd),
        periksa::Berkas::Renja(renja) => return write_renja(args.json, &renja),
        periksa::Berkas::Pk(pk) => return write_pk(args.json, &pk),
        periksa::Berkas::Kinerja(k) => return write_kinerja(args.json, &k),
        periksa::Berkas::Lkjip(l) => return write_lkjip(args.json, &l),
        periksa::Berkas::Tc29(t) => return write_tc29(args.json, &t),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        imported
            .write_json(&mut out)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        write_summary(&mut out, &imported)
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| format!("Tidak dapat menulis keluaran: {e}"))
}

/// Another form's reading as the command line writes it: with `--json` the JSON `value`
/// (`formulir` first, then the table, what is derived, and the problems), else its summary for
/// people, a line each (`lines`), then every problem with its cell.
fn write_reading(
    json: bool,
    value: impl FnOnce() -> serde_json::Value,
    lines: impl FnOnce() -> Vec<String>,
    problems: &[capaian_domain::model::Problem],
) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if json {
        serde_json::to_writer(&mut out, &value())
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        (|| {
            for line in lines() {
                writeln!(out, "{line}")?;
            }
            writeln!(out, "Masalah: {}", problems.len())?;
            write_problems(&mut out, problems)
        })()
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| format!("Tidak dapat menulis keluaran: {e}"))
}

/// A SIPD export as read: JSON (`--json`: `formulir` names what it is, then the table, its
/// problems and each sheet's layout), or what it holds for people
/// ([`workbook::budget_summary`]).
fn write_sipd(json: bool, reading: &capaian_xlsx::sipd::SipdReading) -> Result<(), String> {
    write_reading(
        json,
        || {
            serde_json::json!({
                "formulir": reading.layout.nama(),
                "anggaran": &reading.anggaran,
                "masalah": &reading.problems,
                "lembar": &reading.sheets,
            })
        },
        || workbook::budget_summary(reading),
        &reading.problems,
    )
}

/// A Renja as read: JSON (`--json`: `formulir`, the table, what `hitung` derives — each row's
/// pagu as it stands, the totals, the selisih —, and every problem: the reading's and the
/// sums', which the reading holds), or a short report for people.
fn write_renja(json: bool, reading: &capaian_xlsx::renja::RenjaReading) -> Result<(), String> {
    write_reading(
        json,
        || {
            let (hitung, _) = capaian_domain::renja::hitung(&reading.renja);
            serde_json::json!({
                "formulir": capaian_domain::renja::FORMULIR_RENJA,
                "renja": &reading.renja,
                "hitung": &hitung,
                "masalah": &reading.problems,
            })
        },
        || workbook::renja_summary(reading),
        &reading.problems,
    )
}

/// A Perjanjian Kinerja as read: JSON (`--json`: `formulir` = `perjanjian_kinerja`, the PK —
/// the statement page, the kinerja rows under `sasaran`/`indikator`/`satuan`/`target`, the
/// anggaran rows under `tingkat`/`kode`/`uraian`/`anggaran`/`keterangan` —, what `hitung`
/// derives — Σ anggaran and its terbilang — and every problem), or what it holds for people
/// ([`workbook::pk_summary`]).
fn write_pk(json: bool, reading: &capaian_xlsx::PkReading) -> Result<(), String> {
    write_reading(
        json,
        || {
            let (hitung, _) = capaian_domain::pk::hitung(&reading.pk);
            serde_json::json!({
                "formulir": capaian_domain::pk::FORMULIR_PK,
                "pk": &reading.pk,
                "hitung": &hitung,
                "masalah": &reading.problems,
                "tabel": &reading.tabel,
            })
        },
        || workbook::pk_summary(reading),
        &reading.problems,
    )
}

/// The Renstra's table of tujuan, sasaran and IKU as read (targets of the table's year, when
/// its title names one): `--json` gives the rows as a document (`formulir`, `dokumen`).
fn write_kinerja(json: bool, reading: &capaian_xlsx::KinerjaReading) -> Result<(), String> {
    write_reading(
        json,
        || {
            serde_json::json!({
                "formulir": capaian_xlsx::FORMULIR_KINERJA,
                "dokumen": &reading.document,
                "tahun_kolom": &reading.tahun_kolom,
                "masalah": &reading.problems,
            })
        },
        || workbook::kinerja_summary(reading, reading.document.year.unwrap_or_default()),
        &reading.problems,
    )
}

fn write_lkjip(json: bool, reading: &capaian_xlsx::LkjipReading) -> Result<(), String> {
    write_reading(
        json,
        || {
            serde_json::json!({
                "formulir": workbook::NAMA_LKJIP,
                "tahun": reading.tahun,
                "tabel": &reading.tabel,
                "masalah": &reading.problems,
            })
        },
        || workbook::lkjip_summary(reading),
        &reading.problems,
    )
}

fn write_tc29(json: bool, reading: &capaian_xlsx::Tc29Reading) -> Result<(), String> {
    write_reading(
        json,
        || {
            serde_json::json!({
                "formulir": workbook::NAMA_TC29,
                "lembar": reading.lembar,
                "tahun": reading.tahun,
                "baris": reading.baris.len(),
                "masalah": &reading.problems,
            })
        },
        || {
            let mut lines = vec![format!(
                "{} — sheet '{}'",
                workbook::NAMA_TC29,
                reading.lembar
            )];
            if let Some(y) = reading.tahun {
                lines.push(format!("Renja tahun {y}"));
            }
            lines.push(format!("{} baris indikator", reading.baris.len()));
            lines
        },
        &reading.problems,
    )
}

/// A PK written as the signed document: the statement page, the lampiran kinerja and the
/// lampiran anggaran with its Jumlah a live sum and the terbilang.
fn export_pk_command(
    args: &ExportArgs,
    reading: &capaian_xlsx::PkReading,
    paper: capaian_xlsx::export::Paper,
) -> Result<(), String> {
    let (h, _) = capaian_domain::pk::hitung(&reading.pk);
    let meta = capaian_xlsx::export::PkMeta { paper };
    let bytes = step(format!("Menulis {}", args.out.display()), || {
        capaian_xlsx::export::export_pk(&reading.pk, &h, &meta)
    })
    .map_err(|e| e.to_string())?;
    write_output(&args.out, &bytes)
}

/// A short Indonesian report of an import, for people.
fn write_summary(
    out: &mut impl std::io::Write,
    imported: &workbook::Imported,
) -> std::io::Result<()> {
    use app::format::{angka, nama_level, persen};
    use capaian_domain::model::Level;
    let doc = &imported.import.document;
    writeln!(out, "Formulir {} — sheet '{}'", doc.form, doc.sheet)?;
    if let (Some(q), Some(y)) = (doc.quarter, doc.year) {
        writeln!(
            out,
            "Periode: Triwulan {} Tahun {y}",
            app::format::romawi(q)
        )?;
    }
    for level in Level::ALL {
        let n = doc.rows.iter().filter(|r| r.level == level).count();
        if n > 0 {
            writeln!(out, "{}: {n} baris", nama_level(level))?;
        }
    }
    let t = &imported.computed.totals;
    writeln!(out, "Pagu (Σ program): {}", app::format::pagu(t))?;
    writeln!(out, "Realisasi (Σ program): Rp {}", angka(t.realisasi_rp))?;
    writeln!(out, "Penyerapan: {}", persen(t.penyerapan_pct))?;
    writeln!(
        out,
        "Rata-rata capaian kinerja: {}",
        persen(t.rata_rata_capaian)
    )?;
    writeln!(
        out,
        "Predikat kinerja: {}",
        t.predikat.as_deref().unwrap_or("-")
    )?;
    let problems = imported.all_problems();
    writeln!(out, "Masalah: {}", problems.len())?;
    write_problems(out, &problems)
}

/// One line per problem: `[Peringatan] Sheet 'E.81' sel K14: …`.
fn write_problems(
    out: &mut impl std::io::Write,
    problems: &[capaian_domain::model::Problem],
) -> std::io::Result<()> {
    for p in problems {
        let tingkat = app::format::nama_tingkat(p.severity);
        writeln!(out, "  [{tingkat}] {}", workbook::problem_line(p))?;
    }
    Ok(())
}

/// `capaian export FILE --out OUT`: the official form with live formulas — an E.81's, or a
/// Renja's (its rows as read, every parent and the Jumlah as a live sum).
fn export_command(args: &ExportArgs) -> Result<(), String> {
    let settings = args.pengaturan.e81();
    let paper = match args.kertas {
        Kertas::A4 => capaian_xlsx::export::Paper::A4,
        Kertas::F4 => capaian_xlsx::export::Paper::F4,
    };
    let imported = match read_any(&args.file, &args.pengaturan)? {
        periksa::Berkas::E81(imported) => imported,
        periksa::Berkas::Renja(reading) => return export_renja_command(args, &reading, paper),
        periksa::Berkas::Pk(reading) => return export_pk_command(args, &reading, paper),
        periksa::Berkas::Sipd(_) => {
            return Err(format!(
                "{}: ekspor SIPD tidak diekspor ulang sebagai formulir; gabungkan ke dokumen E.81 (`capaian periksa` membandingkannya).",
                args.file.display()
            ))
        }
        periksa::Berkas::Tc29(_) => {
            return Err(format!(
                "{}: T-C.29 tidak diekspor ulang dari berkasnya; T-C.29 disusun dari rencana dan riwayatnya di halaman T-C.29 ruang kerja (`capaian periksa` memeriksa rumus berkas ini).",
                args.file.display()
            ))
        }
        periksa::Berkas::Lkjip(_) => {
            return Err(format!(
                "{}: tabel LKjIP tidak diekspor ulang dari berkasnya; LKjIP Bab III disusun dari rencana di halaman LKjIP ruang kerja (`capaian periksa` memeriksa angka berkas ini).",
                args.file.display()
            ))
        }
        periksa::Berkas::Kinerja(_) => {
            return Err(format!(
                "{}: tabel tujuan, sasaran dan IKU Renstra tidak diekspor ulang sebagai formulir; gabungkan ke dokumen (sasaran dan IKU-nya tampil di Perjanjian Kinerja, laporan triwulan dan LKjIP).",
                args.file.display()
            ))
        }
    };
    let doc = &imported.import.document;
    let mut meta = capaian_xlsx::export::ExportMeta::from_document(doc);
    meta.paper = paper;
    // The form it was read as: Formulir E.81, a laporan triwulan, a rencana aksi.
    let bytes = step(format!("Menulis {}", args.out.display()), || {
        workbook::form_sheet(doc, &doc.form, meta, &settings)
    })
    .map_err(|e| e.to_string())?;
    write_output(&args.out, &bytes)
}

/// A Renja written as the official form: the PD is its unit organisasi row's name, the year
/// its own.
fn export_renja_command(
    args: &ExportArgs,
    reading: &capaian_xlsx::renja::RenjaReading,
    paper: capaian_xlsx::export::Paper,
) -> Result<(), String> {
    use capaian_domain::renja::hitung;
    let renja = &reading.renja;
    let (h, _) = hitung(renja);
    let meta = capaian_xlsx::export::RenjaMeta {
        pd: renja.unit().unwrap_or_default().to_string(),
        kabupaten: String::new(),
        tahun: renja
            .tahun
            .unwrap_or_else(capaian_xlsx::export::current_year),
        kepala_nama: String::new(),
        kepala_nip: String::new(),
        kepala_pangkat: None,
        tempat: String::new(),
        tanggal: None,
        paper,
    };
    let bytes = step(format!("Menulis {}", args.out.display()), || {
        capaian_xlsx::export::export_renja(renja, &h, &meta)
    })
    .map_err(|e| e.to_string())?;
    write_output(&args.out, &bytes)
}

/// Reads a file of the command line: an E.81 (read and computed), else — no E.81 sheet — a
/// SIPD export or a Renja ([`periksa::baca`]), showing progress when it takes a while.
fn read_any(file: &Path, settings: &SettingsArgs) -> Result<periksa::Berkas, String> {
    use capaian_xlsx::ReadError;
    let at = |e: ReadError| format!("{}: {e}", file.display());
    let limits = capaian_xlsx::Limits::default();
    let size = std::fs::metadata(file).map_err(|e| at(e.into()))?.len();
    if size > limits.max_file_bytes {
        return Err(at(ReadError::TooLarge {
            size,
            limit: limits.max_file_bytes,
        }));
    }
    let bytes = std::fs::read(file).map_err(|e| at(e.into()))?;
    step(format!("Membaca {}", file.display()), || {
        periksa::baca(&bytes, &settings.e81())
    })
    .map_err(at)
}

/// `capaian periksa FILE… [--json]`: every E.81 against every SIPD export given — the pagu, and
/// the realisasi through the quarter the SIPD export's period ends with (else the E.81's
/// reporting quarter) — and against every Renja given (target and pagu), figure by figure with
/// both cells (`capaian_server::periksa`). Exit status non-zero when anything disagrees (a
/// figure, or a row only one file has).
fn periksa_command(args: &PeriksaArgs) -> Result<(), String> {
    use std::io::Write;
    let mut files = Vec::new();
    for file in &args.files {
        files.push((
            file.display().to_string(),
            read_any(file, &args.pengaturan)?,
        ));
    }
    let laporan = periksa::bandingkan(&files, &args.pengaturan.e81().scale);
    let beda = laporan.tidak_sepakat();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = (|| -> std::io::Result<()> {
        if args.json {
            let value = serde_json::json!({
                "pasangan": &laporan.pasangan,
                "pasangan_renja": &laporan.pasangan_renja,
                "pasangan_pk": &laporan.pasangan_pk,
                "sendiri": &laporan.sendiri,
                "tidak_sepakat": beda,
            });
            serde_json::to_writer(&mut out, &value).map_err(std::io::Error::other)?;
            writeln!(out)?;
            return out.flush();
        }
        if laporan.pasangan.is_empty()
            && laporan.pasangan_renja.is_empty()
            && laporan.pasangan_pk.is_empty()
            && laporan.sendiri.is_empty()
        {
            let (e, s, r) = laporan.dibaca;
            writeln!(
                out,
                "Tidak ada yang dibandingkan: berikan sedikitnya satu Formulir E.81 dan satu ekspor SIPD, Renja atau Perjanjian Kinerja (dibaca: {e} E.81, {s} SIPD, {r} Renja).",
            )?;
        }
        for p in &laporan.pasangan {
            periksa::write_pasangan(&mut out, p)?;
        }
        for p in &laporan.pasangan_renja {
            periksa::write_pasangan_renja(&mut out, p)?;
        }
        for p in &laporan.pasangan_pk {
            periksa::write_pasangan_pk(&mut out, p)?;
        }
        for p in &laporan.sendiri {
            periksa::write_sendiri(&mut out, p)?;
        }
        out.flush()
    })();
    written.map_err(|e| format!("Tidak dapat menulis keluaran: {e}"))?;
    if beda > 0 {
        return Err(format!("{beda} hal tidak sepakat antara berkas-berkas ini"));
    }
    Ok(())
}

/// `capaian periksa --ruang-kerja WS [--json]`: the workspace's Rekonsiliasi, as its page shows
/// it (`capaian_server::rekonsiliasi`), from the database in `--data` (or `--db`). Exit status
/// non-zero when anything disagrees.
async fn periksa_workspace_command(args: PeriksaArgs) -> Result<(), String> {
    use std::io::Write;
    let wanted = args.ruang_kerja.clone().unwrap_or_default();
    let opened = open_store(&args.db).await?;
    let store: std::sync::Arc<dyn app::ssr::Store> = std::sync::Arc::new(opened.store);
    let workspaces = store.list_workspaces().await.map_err(|e| e.to_string())?;
    let ws = capaian_server::rekonsiliasi::ruang_kerja(&workspaces, &wanted)?.clone();
    let ctx = AppContext {
        store,
        info: ServerInfo {
            data_dir: opened.location.clone(),
            engine: opened.engine.clone(),
        },
        lan: false,
    };
    let reading = Step::start(format!("Rekonsiliasi {} {}", ws.nama_pd, ws.tahun));
    let view = capaian_server::rekonsiliasi::view(&ctx, ws)
        .await
        .map_err(|e| e.to_string())?;
    reading.done();
    let beda = view.tidak_sepakat();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        serde_json::to_writer(&mut out, &capaian_server::rekonsiliasi::json(&view))
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
            .and_then(|()| out.flush())
    } else {
        capaian_server::rekonsiliasi::write_text(&mut out, &view).and_then(|()| out.flush())
    };
    written.map_err(|e| format!("Tidak dapat menulis keluaran: {e}"))?;
    if view.dokumen.is_none() {
        return Err("Ruang kerja ini belum mempunyai dokumen.".into());
    }
    if beda > 0 {
        return Err(format!("{beda} hal tidak sepakat di ruang kerja ini"));
    }
    Ok(())
}

/// `capaian fill TEMPLATE --data DOC.json --out OUT`: the agency's own workbook, filled.
fn fill_command(args: &FillArgs) -> Result<(), String> {
    let template = app::ssr::Template {
        nama_berkas: args.template.display().to_string(),
        isi: std::fs::read(&args.template)
            .map_err(|e| format!("{}: tidak dapat dibaca: {e}", args.template.display()))?,
        baris: None,
    };
    let json = std::fs::read(&args.data)
        .map_err(|e| format!("{}: tidak dapat dibaca: {e}", args.data.display()))?;
    let value: serde_json::Value = serde_json::from_slice(&json)
        .map_err(|e| format!("{}: bukan JSON yang sah: {e}", args.data.display()))?;
    let doc = capaian_xlsx::json::document_from_json(&value)
        .map_err(|e| format!("{}: {e}", args.data.display()))?;
    let (bytes, problems) = step(format!("Mengisi {}", args.template.display()), || {
        // No E.81 sheet: the agency's PK or Renja, filled with the document's targets and pagu.
        workbook::filled_template(
            &template,
            &doc,
            &capaian_xlsx::ReadOptions::default(),
            &args.pengaturan.e81(),
        )
    })
    .map_err(|e| format!("{}: {e}", args.template.display()))?;
    write_problems(&mut std::io::stderr().lock(), &problems)
        .map_err(|e| format!("Tidak dapat menulis keluaran: {e}"))?;
    write_output(&args.out, &bytes)
}

/// Writes beside the target and renames, so a failed write never leaves half a workbook.
fn write_output(out: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut tmp = out.as_os_str().to_owned();
    tmp.push(".sementara");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, out))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("{}: tidak dapat ditulis: {e}", out.display())
        })
}

/// The site folder: `--site`, else `site/` beside the binary's folder (`target/site` for
/// `target/debug/capaian`), else `./target/site`.
fn site_root(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(site) = explicit {
        return site;
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent().map(|p| p.join("site")))
        .filter(|p| p.join("pkg").is_dir())
        .unwrap_or_else(|| PathBuf::from("target/site"))
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let opened = open_store(&args.db).await?;
    tracing::info!("Basis data dibuka: {} ({})", opened.location, opened.engine);
    let assets = assets::Assets::load(&site_root(args.site));
    if !assets.present() {
        tracing::warn!(
            "Berkas situs tidak ditemukan di {}/pkg: halaman tampil tanpa JavaScript. Bangun dengan `make run`.",
            assets.site_root.display()
        );
    }
    let Opened {
        store,
        _lock,
        location,
        engine,
    } = opened;
    let addr = listen_addr(args.addr, args.lan);
    let store: Arc<dyn app::ssr::Store> = Arc::new(store);
    if args.lan {
        let accounts = store.count_accounts().await.map_err(|e| e.to_string())?;
        if accounts == 0 {
            tracing::info!(
                "Mode LAN, belum ada akun: buka http://{addr}/siapkan untuk membuat akun admin pertama."
            );
        } else {
            tracing::info!("Mode LAN: {accounts} akun; setiap orang masuk dengan akunnya.");
        }
    } else if !addr.ip().is_loopback() {
        tracing::warn!(
            "Mendengarkan di {addr} tanpa --lan: siapa pun di jaringan dapat mengubah data tanpa masuk. Pakai --lan untuk tim."
        );
    }
    let ctx = AppContext {
        store,
        info: ServerInfo {
            data_dir: location,
            engine,
        },
        lan: args.lan,
    };
    let router = http::router(ctx, &assets, addr);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("Tidak dapat mendengarkan di {addr}: {e}"))?;
    tracing::info!("Capaian siap di http://{addr}");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("Capaian berhenti.");
    })
    .await
    .map_err(|e| format!("Server berhenti karena galat: {e}"))
}

/// Where to listen: `--addr`, else this PC only (127.0.0.1:3000), or with `--lan` the network.
fn listen_addr(addr: Option<SocketAddr>, lan: bool) -> SocketAddr {
    addr.unwrap_or(if lan {
        SocketAddr::from(([0, 0, 0, 0], 3000))
    } else {
        SocketAddr::from(([127, 0, 0, 1], 3000))
    })
}

fn database_open_error(path: &Path, e: &surrealdb::Error) -> String {
    format!(
        "Basis data di '{}' tidak dapat dibuka: {e}. Jika folder ini berasal dari program lain, pilih folder lain dengan --data.",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_pc_listens_on_loopback_and_a_team_on_the_network() {
        let parse = |args: &[&str]| {
            let cli = Cli::try_parse_from(args).expect("arguments");
            listen_addr(cli.serve.addr, cli.serve.lan)
        };
        assert_eq!(parse(&["capaian"]).to_string(), "127.0.0.1:3000");
        assert!(!Cli::try_parse_from(["capaian"]).expect("args").serve.lan);
        assert_eq!(parse(&["capaian", "--lan"]).to_string(), "0.0.0.0:3000");
        assert_eq!(
            parse(&["capaian", "--lan", "--addr", "192.168.1.5:8080"]).to_string(),
            "192.168.1.5:8080"
        );
    }
}
