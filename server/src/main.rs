//! `capaian`: the server (default) and command-line tools.

mod data_dir;
mod import;
mod store;
mod web;

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
    /// Membaca workbook Formulir E.81 dan menampilkan isinya beserta hasil hitung.
    Import(ImportArgs),
}

#[derive(Args, Debug, Clone)]
struct ImportArgs {
    /// Berkas .xlsx yang dibaca.
    file: PathBuf,
    /// Cetak dokumen sebagai JSON (bukan ringkasan).
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug, Clone)]
struct ServeArgs {
    /// Alamat dan port yang didengarkan.
    #[arg(long, default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    /// Folder data (basis data tertanam SurrealKV).
    #[arg(long, default_value = "./data")]
    data: PathBuf,
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
fn import_command(args: &ImportArgs) -> Result<(), String> {
    use std::io::Write;
    let imported =
        import::import_path(&args.file).map_err(|e| format!("{}: {e}", args.file.display()))?;
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

/// A short Indonesian report of an import, for people.
fn write_summary(
    out: &mut impl std::io::Write,
    imported: &import::Imported,
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
    for level in [
        Level::Program,
        Level::Kegiatan,
        Level::SubKegiatan,
        Level::Indikator,
    ] {
        let n = doc.rows.iter().filter(|r| r.level == level).count();
        if n > 0 {
            writeln!(out, "{}: {n} baris", nama_level(level))?;
        }
    }
    let t = &imported.computed.totals;
    writeln!(out, "Pagu (Σ program): Rp {}", angka(t.target_rp))?;
    writeln!(out, "Realisasi (Σ program): Rp {}", angka(t.realisasi_rp))?;
    writeln!(out, "Penyerapan: {}", persen(t.penyerapan_pct))?;
    let problems = imported.all_problems();
    writeln!(out, "Masalah: {}", problems.len())?;
    for p in problems {
        let sheet = p.at.sheet.unwrap_or_default();
        let cell = p.at.cell.unwrap_or_default();
        let tingkat = app::format::nama_tingkat(p.severity);
        writeln!(
            out,
            "  [{tingkat}] Sheet '{sheet}' sel {cell}: {}",
            p.message
        )?;
    }
    Ok(())
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
    let data = data_dir::DataDir::open(&args.data).map_err(|e| e.to_string())?;
    let db_path = data.database_path();
    let endpoint = format!("surrealkv://{}?sync=every", db_path.display());
    let store = store::SurrealStore::connect(&endpoint)
        .await
        .map_err(|e| database_open_error(&db_path, &e))?;
    tracing::info!(
        "Basis data SurrealKV (tertanam) dibuka di {}",
        db_path.display()
    );
    let site = site_root(args.site);
    if !site
        .join("pkg")
        .join(format!("{}.js", app::OUTPUT_NAME))
        .is_file()
    {
        tracing::warn!(
            "Berkas situs tidak ditemukan di {}/pkg: halaman tampil tanpa JavaScript. Bangun dengan `make run`.",
            site.display()
        );
    }
    let ctx = AppContext {
        store: Arc::new(store),
        info: ServerInfo {
            data_dir: data.path().display().to_string(),
            engine: "SurrealDB tertanam (SurrealKV)".into(),
        },
    };
    let router = web::router(ctx, &site, args.addr);
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|e| format!("Tidak dapat mendengarkan di {}: {e}", args.addr))?;
    tracing::info!("Capaian siap di http://{}", args.addr);
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("Capaian berhenti.");
        })
        .await
        .map_err(|e| format!("Server berhenti karena galat: {e}"))
}

fn database_open_error(path: &Path, e: &surrealdb::Error) -> String {
    format!(
        "Basis data di '{}' tidak dapat dibuka: {e}. Jika folder ini berasal dari program lain, pilih folder lain dengan --data.",
        path.display()
    )
}
