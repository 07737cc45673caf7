//! The year kept in the store: edits as events, conflicts, quarter locks, submissions with
//! their exact files, diffs, the budget change, last year's column 6, backup and restore.
//! Runs the library in-process against an embedded SurrealKV database in a temp folder.

use std::sync::Arc;

mod common;

use app::ssr::{AppContext, ServerInfo, Store};
use app::types::{EditOutcome, EditRequest, EventFilter, EventKind, Point};
use capaian_domain::edit::{self, Cell, CellValue};
use capaian_domain::model::KValue;
use capaian_domain::workspace::NewWorkspace;
use capaian_server::operations::{self, document_sha, sha256_hex, OperationError};
use capaian_server::store::SurrealStore;
use rust_decimal::Decimal;

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/xlsx")
        .join(name)
}

async fn open(dir: &std::path::Path) -> Arc<SurrealStore> {
    let endpoint = format!("surrealkv://{}", dir.join("db").display());
    Arc::new(SurrealStore::connect(&endpoint).await.expect("connect"))
}

fn context(store: Arc<SurrealStore>) -> AppContext {
    AppContext {
        lan: false,
        store,
        info: ServerInfo {
            data_dir: "test".into(),
            engine: "test".into(),
        },
    }
}

fn workspace(tahun: i32) -> NewWorkspace {
    NewWorkspace {
        nama_pd: "Badan Kepegawaian dan Pengembangan SDM".into(),
        kabupaten: "Kota Tarakan".into(),
        tahun,
        kepala_nama: "Hj. Siti Rahmah".into(),
        kepala_nip: "197007071991072005".into(),
    }
}

fn rp(n: i64) -> CellValue {
    CellValue::Rp(Decimal::from(n))
}

fn k(n: i64) -> CellValue {
    CellValue::K(KValue::Number(Decimal::from(n)))
}

fn req(baris: usize, kolom: Cell, nilai: CellValue, versi: u64) -> EditRequest {
    EditRequest {
        baris,
        kolom,
        nilai,
        versi,
    }
}

/// Imports a fixture into a new workspace of `tahun`; returns the document id.
async fn import(
    ctx: &AppContext,
    tahun: i32,
    file: &str,
) -> (String, Vec<capaian_domain::model::Problem>) {
    let ws = ctx
        .store
        .create_workspace(workspace(tahun))
        .await
        .expect("workspace");
    let bytes = std::fs::read(fixture(file)).expect("fixture");
    let outcome = operations::import_workbook(ctx, &ws, file.into(), bytes)
        .await
        .expect("import");
    (outcome.summary.id, outcome.problems)
}

/// A sub kegiatan row with a Rp target: the rows edits are made on.
fn leaf_rows(doc: &capaian_domain::model::Document) -> Vec<usize> {
    doc.rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.level == capaian_domain::model::Level::SubKegiatan && r.target.rp.is_some()
        })
        .map(|(i, _)| i)
        .collect()
}

#[tokio::test]
async fn edits_conflicts_locks_submissions_and_diffs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    let ctx = context(store.clone());
    let (id, _) = import(&ctx, 2026, "e81_101.xlsx").await;
    let imported = store.get_document(&id).await.expect("get").expect("doc");
    assert_eq!(imported.summary.versi, 0);
    let rows = leaf_rows(&imported.document);
    let (a, b) = (rows[0], rows[1]);

    // Two edits in one batch: versions 1 and 2.
    let out = store
        .apply_edits(
            &id,
            "Rina",
            None,
            vec![
                req(a, Cell::TwRp(3), rp(1_500_000), 0),
                req(b, Cell::TwK(3), k(7), 0),
            ],
        )
        .await
        .expect("edit")
        .expect("doc");
    let EditOutcome::Applied { versi, sel, .. } = out else {
        panic!("{out:?}")
    };
    assert_eq!(versi, 2);
    assert_eq!(sel.iter().map(|c| c.versi).collect::<Vec<_>>(), [1, 2]);

    // A stale version is refused with the current value, and nothing of the batch is stored.
    let out = store
        .apply_edits(
            &id,
            "Budi",
            None,
            vec![
                req(b, Cell::Penghambat(3), CellValue::Text("hujan".into()), 0),
                req(a, Cell::TwRp(3), rp(9), 0),
            ],
        )
        .await
        .expect("edit")
        .expect("doc");
    let EditOutcome::Conflict(conflicts) = out else {
        panic!("{out:?}")
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!((conflicts[0].baris, conflicts[0].versi_sekarang), (a, 1));
    assert_eq!(conflicts[0].nilai_sekarang, rp(1_500_000));
    let now = store.get_document(&id).await.expect("get").expect("doc");
    assert_eq!(now.summary.versi, 2);
    assert_eq!(
        edit::get(&now.document.rows[b], Cell::Penghambat(3)),
        CellValue::Empty
    );

    // With the version it saw, Budi's edit goes through.
    let out = store
        .apply_edits(
            &id,
            "Budi",
            None,
            vec![req(a, Cell::TwRp(3), rp(2_000_000), 1)],
        )
        .await
        .expect("edit")
        .expect("doc");
    assert!(
        matches!(out, EditOutcome::Applied { versi: 3, .. }),
        "{out:?}"
    );
    // A value of the wrong type and a row that does not exist are refused, not stored.
    let out = store
        .apply_edits(
            &id,
            "Budi",
            None,
            vec![req(a, Cell::TwRp(3), CellValue::Text("x".into()), 3)],
        )
        .await
        .expect("edit")
        .expect("doc");
    assert!(matches!(out, EditOutcome::Invalid(_)), "{out:?}");
    let out = store
        .apply_edits(
            &id,
            "Budi",
            None,
            vec![req(999_999, Cell::TwRp(3), rp(1), 0)],
        )
        .await
        .expect("edit")
        .expect("doc");
    assert!(
        matches!(out, EditOutcome::Invalid(ref m) if m.contains("999999")),
        "{out:?}"
    );

    // The current document is the import plus the log.
    let current = store.get_document(&id).await.expect("get").expect("doc");
    let replayed = app::ssr::snapshot(store.as_ref(), &id, current.summary.versi)
        .await
        .expect("snapshot")
        .expect("doc");
    assert_eq!(replayed, current.document);

    // Submit TW III: the files are stored with their SHA-256 and come back byte for byte.
    let sub = operations::submit_quarter(&ctx, &app::akses::Pelaku::lokal(), &id, 3, "Rina")
        .await
        .expect("submit");
    assert_eq!((sub.triwulan, sub.revisi, sub.versi), (3, 1, 3));
    // The official form, the laporan triwulan, the agency's template filled.
    assert_eq!(sub.berkas.len(), 3, "{:?}", sub.berkas);
    for f in &sub.berkas {
        let (info, bytes) = store
            .get_submission_file(&sub.id, &f.jenis)
            .await
            .expect("file")
            .expect("found");
        assert_eq!(info.sha256, sha256_hex(&bytes));
        assert_eq!(info.ukuran, bytes.len() as u64);
        // The official form reads back with the submitted values.
        if f.jenis == "formulir" {
            let back = capaian_xlsx::read_workbook(&bytes, &capaian_xlsx::Limits::default())
                .expect("read");
            assert_eq!(
                back.document.rows[a].tw[2].rp,
                Some(Decimal::from(2_000_000))
            );
            assert_eq!(back.document.quarter, Some(3));
        }
        // So does the laporan capaian kinerja dan keuangan s.d. TW III.
        if f.jenis == "laporan" {
            let back = capaian_xlsx::read_workbook_with(
                &bytes,
                &capaian_xlsx::Limits::default(),
                &capaian_xlsx::FormProfile::laporan(),
            )
            .expect("read");
            assert_eq!(back.document.form, "laporan_triwulan");
            assert_eq!(
                back.document.rows[a].tw[2].rp,
                Some(Decimal::from(2_000_000))
            );
        }
    }
    assert!(sub.berkas.iter().any(|f| f.jenis == "laporan"));
    let frozen = app::ssr::submitted_document(store.as_ref(), &sub)
        .await
        .expect("frozen")
        .expect("doc");
    assert_eq!(document_sha(&frozen).expect("sha"), sub.sha_dokumen);
    // The streamed hash is the hash of the document's JSON text.
    assert_eq!(
        sub.sha_dokumen,
        sha256_hex(&serde_json::to_vec(&frozen).expect("json"))
    );

    // TW III is locked; TW IV and targets are not.
    let out = store
        .apply_edits(&id, "Budi", None, vec![req(a, Cell::TwRp(3), rp(1), 3)])
        .await
        .expect("edit")
        .expect("doc");
    assert!(
        matches!(out, EditOutcome::Locked { triwulan: 3, .. }),
        "{out:?}"
    );
    let again =
        operations::submit_quarter(&ctx, &app::akses::Pelaku::lokal(), &id, 3, "Rina").await;
    assert!(
        matches!(again, Err(OperationError::AlreadySubmitted(_))),
        "{again:?}"
    );
    let out = store
        .apply_edits(
            &id,
            "Budi",
            None,
            vec![req(a, Cell::TwRp(4), rp(500_000), 0)],
        )
        .await
        .expect("edit")
        .expect("doc");
    assert!(
        matches!(out, EditOutcome::Applied { versi: 5, .. }),
        "{out:?}"
    );

    // Unlock with a reason, correct TW III, submit again: revision 2; the first stays as it was.
    assert_eq!(
        store
            .unlock_quarter(&id, 3, "Kabid", "Salah ketik realisasi")
            .await
            .expect("unlock"),
        Some(Some(6))
    );
    assert_eq!(
        store
            .unlock_quarter(&id, 3, "Kabid", "lagi-lagi")
            .await
            .expect("unlock"),
        Some(None)
    );
    let out = store
        .apply_edits(
            &id,
            "Rina",
            None,
            vec![req(a, Cell::TwRp(3), rp(2_100_000), 3)],
        )
        .await
        .expect("edit")
        .expect("doc");
    assert!(
        matches!(out, EditOutcome::Applied { versi: 7, .. }),
        "{out:?}"
    );
    let sub2 = operations::submit_quarter(&ctx, &app::akses::Pelaku::lokal(), &id, 3, "Rina")
        .await
        .expect("resubmit");
    assert_eq!((sub2.revisi, sub2.versi), (2, 7));
    let first_again = app::ssr::submitted_document(store.as_ref(), &sub)
        .await
        .expect("frozen")
        .expect("doc");
    assert_eq!(document_sha(&first_again).expect("sha"), sub.sha_dokumen);

    // The diff between the two submissions: the corrected cell and the TW IV cell.
    let diff = app::ssr::diff(
        store.as_ref(),
        &id,
        &Point::Pengajuan(sub.id.clone()),
        &Point::Pengajuan(sub2.id.clone()),
    )
    .await
    .expect("diff")
    .expect("doc");
    let cells: Vec<_> = diff
        .perubahan
        .iter()
        .map(|c| {
            (
                c.perubahan.baris,
                c.perubahan.cell,
                c.perubahan.lama.clone(),
                c.perubahan.baru.clone(),
                c.perubahan.oleh.clone(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            (
                a,
                Cell::TwRp(3),
                rp(2_000_000),
                rp(2_100_000),
                "Rina".to_string()
            ),
            (
                a,
                Cell::TwRp(4),
                CellValue::Empty,
                rp(500_000),
                "Budi".to_string()
            ),
        ]
    );
    let xlsx = capaian_server::workbook::diff_workbook(&diff).expect("xlsx");
    assert!(xlsx.starts_with(b"PK"));

    // The activity lists every event, newest first, and filters by person and row.
    let all = store
        .list_events(&id, &EventFilter::default())
        .await
        .expect("events");
    assert_eq!(all.len(), 8);
    assert_eq!(all.first().map(|e| e.jenis), Some(EventKind::Ajukan));
    let unlock = all
        .iter()
        .find(|e| e.jenis == EventKind::BukaKunci)
        .expect("unlock event");
    assert_eq!(
        (
            unlock.triwulan,
            unlock.alasan.as_deref(),
            unlock.oleh.as_str()
        ),
        (Some(3), Some("Salah ketik realisasi"), "Kabid")
    );
    let budi = store
        .list_events(
            &id,
            &EventFilter {
                oleh: Some("Budi".into()),
                ..Default::default()
            },
        )
        .await
        .expect("events");
    assert!(!budi.is_empty() && budi.iter().all(|e| e.oleh == "Budi"));
    let row_b = store
        .list_events(
            &id,
            &EventFilter {
                baris: Some(b),
                ..Default::default()
            },
        )
        .await
        .expect("events");
    assert_eq!(row_b.len(), 1);
    // The activity view names everyone in the log, whatever the filter.
    let view = app::ssr::activity(
        store.as_ref(),
        &id,
        EventFilter {
            oleh: Some("Budi".into()),
            ..Default::default()
        },
    )
    .await
    .expect("activity")
    .expect("doc");
    assert_eq!(view.orang, ["Budi", "Kabid", "Rina"]);
    assert!(view.peristiwa.iter().all(|(e, _)| e.oleh == "Budi"));
}

#[tokio::test]
async fn budget_change_compares_murni_and_perubahan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    let ctx = context(store.clone());
    let (id, _) = import(&ctx, 2026, "e81_102.xlsx").await;
    let doc = store.get_document(&id).await.expect("get").expect("doc");
    let a = leaf_rows(&doc.document)[0];
    let murni = doc.document.rows[a].target.rp.expect("target");
    let view = app::ssr::budget_comparison(store.as_ref(), &id)
        .await
        .expect("budget")
        .expect("doc");
    assert_eq!(view.versi_perubahan, None);

    assert_eq!(
        store
            .start_budget_change(&id, "Kasubag", "APBD-P 2026 ditetapkan")
            .await
            .expect("start"),
        Some(Some(1))
    );
    assert_eq!(
        store
            .start_budget_change(&id, "Kasubag", "sekali lagi")
            .await
            .expect("start"),
        Some(None)
    );
    let naik = murni + Decimal::from(25_000_000);
    store
        .apply_edits(
            &id,
            "Kasubag",
            None,
            vec![req(a, Cell::TargetRp, CellValue::Rp(naik), 0)],
        )
        .await
        .expect("edit")
        .expect("doc");
    let view = app::ssr::budget_comparison(store.as_ref(), &id)
        .await
        .expect("budget")
        .expect("doc");
    assert_eq!(view.versi_perubahan, Some(1));
    assert_eq!(view.baris.len(), doc.document.rows.len());
    let (_, _, _, row) = &view.baris[a];
    assert_eq!(
        (row.murni.rp, row.perubahan.rp, row.selisih_rp),
        (Some(murni), Some(naik), Some(Decimal::from(25_000_000)))
    );
    let changed = view
        .baris
        .iter()
        .filter(|(_, _, _, c)| c.murni != c.perubahan)
        .count();
    // The sub kegiatan, and its kegiatan and program, whose targets were the sums of their rows.
    assert_eq!(changed, 3);
}

#[tokio::test]
async fn last_years_final_submission_fills_column_6() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    let ctx = context(store.clone());
    let (last_id, _) = import(&ctx, 2025, "e81_101.xlsx").await;
    let sub = operations::submit_quarter(&ctx, &app::akses::Pelaku::lokal(), &last_id, 4, "Rina")
        .await
        .expect("submit");
    let last = app::ssr::submitted_document(store.as_ref(), &sub)
        .await
        .expect("frozen")
        .expect("doc");
    let (last_computed, _) =
        capaian_domain::e81::compute(&last, &capaian_domain::e81::E81Settings::default());

    let (next_id, problems) = import(&ctx, 2026, "e81_101.xlsx").await;
    let next = store
        .get_document(&next_id)
        .await
        .expect("get")
        .expect("doc");
    let mut filled = 0;
    for (i, row) in next.document.rows.iter().enumerate() {
        if last_computed.rows[i].c14.rp.is_some() {
            assert_eq!(row.prev.rp, last_computed.rows[i].c14.rp, "row {i}");
            filled += 1;
        }
    }
    assert!(filled > 0);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("Triwulan IV tahun 2025")),
        "{problems:#?}"
    );
}

#[tokio::test]
async fn backup_restores_identical_documents_events_and_submissions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    let ctx = context(store.clone());
    let (id, _) = import(&ctx, 2026, "e81_103.xlsx").await;
    let doc = store.get_document(&id).await.expect("get").expect("doc");
    let a = leaf_rows(&doc.document)[0];
    store
        .apply_edits(
            &id,
            "Rina",
            None,
            vec![
                req(a, Cell::TwRp(1), rp(42), 0),
                req(
                    a,
                    Cell::Pendorong(1),
                    CellValue::Text("Dukungan \"penuh\" ✓".into()),
                    0,
                ),
            ],
        )
        .await
        .expect("edit")
        .expect("doc");
    operations::submit_quarter(&ctx, &app::akses::Pelaku::lokal(), &id, 1, "Rina")
        .await
        .expect("submit");
    store
        .unlock_quarter(&id, 1, "Kabid", "Revisi data")
        .await
        .expect("unlock");
    // The team's records: an account, a bidang assignment, a quarter under verification and a note.
    store
        .create_account(
            app::types::AkunBaru {
                login: "sari".into(),
                nama: "Sari".into(),
                peran: app::akses::Peran::Operator,
                bidang: Some("Bidang Mutasi".into()),
                hash: capaian_server::akun::hash_password("rahasia-tim".into())
                    .await
                    .expect("hash"),
            },
            false,
        )
        .await
        .expect("account");
    let kegiatan = doc
        .document
        .rows
        .iter()
        .position(|r| r.level == capaian_domain::model::Level::Kegiatan)
        .expect("a kegiatan");
    store
        .set_owners(
            &id,
            "Rina",
            vec![(kegiatan, Some("Bidang Mutasi".into()))],
            None,
        )
        .await
        .expect("owners");
    store
        .workflow_step(&id, app::akses::Langkah::Ajukan, 2, "Rina", "")
        .await
        .expect("step")
        .expect("doc")
        .expect("applies");
    store
        .set_note(&id, 2, a, "Cek SP2D", "Kepala", None)
        .await
        .expect("note")
        .expect("doc")
        .expect("applies");
    // A later file merged in: a value that names it, and the file as the document's template.
    let merged_file = app::ssr::Template {
        nama_berkas: "E81 TW III.xlsx".into(),
        isi: std::fs::read(fixture("e81_103.xlsx")).expect("fixture"),
        baris: Some(
            doc.document
                .rows
                .iter()
                .map(|r| Some(r.sheet_row))
                .collect(),
        ),
    };
    store
        .merge_edits(
            &id,
            "Rina",
            app::ssr::Gabungan {
                berkas: "E81 TW III.xlsx".into(),
                triwulan: None,
                template: Some(merged_file.clone()),
                baris_baru: None,
                bentuk: 0,
                pembanding: None,
            },
            vec![req(a, Cell::TwRp(3), rp(7), 0)],
        )
        .await
        .expect("merge")
        .expect("doc");
    assert_eq!(
        store.document_template(&id).await.expect("template"),
        Some(merged_file.clone())
    );
    // A file of another form merged in is kept beside the document to compare against, and
    // leaves the template alone; so is one uploaded to compare, and one dropped is gone.
    store
        .merge_edits(
            &id,
            "Rina",
            app::ssr::Gabungan {
                berkas: "PK 2026.xlsx".into(),
                triwulan: None,
                template: None,
                baris_baru: None,
                bentuk: 0,
                pembanding: Some(b"isi PK".to_vec()),
            },
            Vec::new(),
        )
        .await
        .expect("merge")
        .expect("doc");
    for nama in ["Renja 2026.xlsx", "Salah.xlsx"] {
        assert!(store
            .keep_comparison_file(&id, nama, b"isi Renja".to_vec(), "Sari")
            .await
            .expect("keep"));
    }
    assert!(store
        .drop_comparison_file(&id, "Salah.xlsx")
        .await
        .expect("drop"));
    assert!(!store
        .drop_comparison_file(&id, "Salah.xlsx")
        .await
        .expect("drop"));
    assert!(!store
        .keep_comparison_file("tidak-ada", "x.xlsx", Vec::new(), "Sari")
        .await
        .expect("keep"));
    let mut kept: Vec<(String, Vec<u8>, String)> = store
        .comparison_files(&id)
        .await
        .expect("kept")
        .into_iter()
        .map(|b| (b.nama, b.isi, b.oleh))
        .collect();
    kept.sort();
    assert_eq!(
        kept,
        vec![
            (
                "PK 2026.xlsx".to_string(),
                b"isi PK".to_vec(),
                "Rina".to_string()
            ),
            (
                "Renja 2026.xlsx".to_string(),
                b"isi Renja".to_vec(),
                "Sari".to_string()
            ),
        ]
    );
    assert_eq!(
        store.document_template(&id).await.expect("template"),
        Some(merged_file)
    );

    let dump = store.dump().await.expect("dump");
    let mut file = std::io::Cursor::new(Vec::new());
    let counts = capaian_server::backup::write_backup(&dump, &mut file).expect("write");
    // Two edits, the roll-ups that followed the Rp edit, the submission and the unlock: every
    // event has its seq, so the document's version counts them.
    let versi = store
        .document_summary(&id)
        .await
        .expect("summary")
        .expect("doc")
        .versi;
    assert!(versi >= 4, "{versi}");
    assert_eq!(
        (
            counts.dokumen,
            counts.peristiwa,
            counts.pengajuan,
            counts.akun
        ),
        (1, versi as usize, 1, 1)
    );

    let other = tempfile::tempdir().expect("tempdir");
    let restored = open(other.path()).await;
    file.set_position(0);
    let (read, _) = capaian_server::backup::read_backup(&mut file).expect("read");
    restored.load(read).await.expect("load");
    assert_eq!(restored.dump().await.expect("dump"), dump);
    same_document(&restored, &store, &id).await;
    let subs = store.list_submissions(&id).await.expect("subs");
    assert_eq!(restored.list_submissions(&id).await.expect("subs"), subs);
    assert_eq!(
        restored.document_template(&id).await.expect("template"),
        store.document_template(&id).await.expect("template")
    );
    assert_eq!(
        restored.comparison_files(&id).await.expect("kept"),
        store.comparison_files(&id).await.expect("kept")
    );
    // Logins, bidang, the workflow stage and the notes come back too.
    assert_eq!(
        restored.get_account("sari").await.expect("account"),
        store.get_account("sari").await.expect("account")
    );
    assert_eq!(
        restored.owners(&id).await.expect("owners"),
        store.owners(&id).await.expect("owners")
    );
    assert_eq!(restored.list_notes(&id).await.expect("notes").len(), 1);
    assert_eq!(
        restored.list_notes(&id).await.expect("notes"),
        store.list_notes(&id).await.expect("notes")
    );
    let summary = restored
        .document_summary(&id)
        .await
        .expect("summary")
        .expect("doc");
    assert_eq!(summary.diajukan, vec![2]);
    let original = store
        .get_submission_file(&subs[0].id, "formulir")
        .await
        .expect("file");
    assert_eq!(
        restored
            .get_submission_file(&subs[0].id, "formulir")
            .await
            .expect("file"),
        original
    );

    // A second restore into the now non-empty database is refused.
    file.set_position(0);
    let (again, _) = capaian_server::backup::read_backup(&mut file).expect("read");
    assert!(restored.load(again).await.is_err());

    // A damaged backup is refused before anything is written.
    let mut bytes = file.into_inner();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    assert!(capaian_server::backup::read_backup(std::io::Cursor::new(bytes)).is_err());
}

/// A parent Rp that equalled the sum of its rows (as the file's SUM did) follows an edit of
/// one of them, at every level, in the same stored step; one that disagreed is left alone.
#[tokio::test]
async fn roll_ups_follow_their_rows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    let ctx = context(store.clone());
    let (id, _) = import(&ctx, 2026, "e81_101.xlsx").await;
    let before = store.get_document(&id).await.expect("get").expect("doc");
    let doc = &before.document;
    // The first sub kegiatan with a TW II Rp, and its kegiatan and program above it.
    let parents = capaian_domain::e81::structure(&doc.rows);
    let leaf = leaf_rows(doc)
        .into_iter()
        .find(|&i| doc.rows[i].tw[1].rp.is_some())
        .expect("a sub kegiatan with TW II Rp");
    let kegiatan = parents[leaf].expect("kegiatan");
    let program = parents[kegiatan].expect("program");
    let old_leaf = doc.rows[leaf].tw[1].rp.expect("leaf");
    let old_keg = doc.rows[kegiatan].tw[1].rp.expect("kegiatan stated");
    let old_prog = doc.rows[program].tw[1].rp.expect("program stated");
    let delta = Decimal::from(1_000_000);

    let out = store
        .apply_edits(
            &id,
            "Rina",
            None,
            vec![req(leaf, Cell::TwRp(2), CellValue::Rp(old_leaf + delta), 0)],
        )
        .await
        .expect("edit")
        .expect("doc");
    let EditOutcome::Applied {
        versi,
        sel,
        turunan,
        ..
    } = out
    else {
        panic!("{out:?}")
    };
    assert_eq!(sel.len(), 1);
    let derived: Vec<(usize, Cell)> = turunan.iter().map(|t| (t.baris, t.kolom)).collect();
    assert!(derived.contains(&(kegiatan, Cell::TwRp(2))), "{turunan:?}");
    assert!(derived.contains(&(program, Cell::TwRp(2))), "{turunan:?}");
    assert_eq!(versi, 1 + turunan.len() as u64);

    let after = store.get_document(&id).await.expect("get").expect("doc");
    assert_eq!(
        after.document.rows[kegiatan].tw[1].rp,
        Some(old_keg + delta)
    );
    assert_eq!(
        after.document.rows[program].tw[1].rp,
        Some(old_prog + delta)
    );
    // The roll-ups are in the log as edits (and so in the activity, the diff and replay).
    let edits = store.cell_edits(&id, 0, versi).await.expect("edits");
    assert_eq!(edits.len() as u64, versi);
    let (replayed, _) = capaian_domain::history::replay(&before.document, &edits, versi);
    assert_eq!(replayed, after.document);

    // A parent someone typed a different number into does not follow.
    let out = store
        .apply_edits(
            &id,
            "Budi",
            None,
            vec![req(
                kegiatan,
                Cell::TwRp(2),
                rp(5),
                after
                    .versi_sel
                    .iter()
                    .find(|v| v.baris == kegiatan && v.kolom == Cell::TwRp(2))
                    .map_or(0, |v| v.versi),
            )],
        )
        .await
        .expect("edit")
        .expect("doc");
    assert!(matches!(out, EditOutcome::Applied { .. }), "{out:?}");
    let leaf_version = store
        .get_document(&id)
        .await
        .expect("get")
        .expect("doc")
        .versi_sel
        .iter()
        .find(|v| v.baris == leaf && v.kolom == Cell::TwRp(2))
        .map_or(0, |v| v.versi);
    let out = store
        .apply_edits(
            &id,
            "Rina",
            None,
            vec![req(
                leaf,
                Cell::TwRp(2),
                CellValue::Rp(old_leaf),
                leaf_version,
            )],
        )
        .await
        .expect("edit")
        .expect("doc");
    let EditOutcome::Applied { turunan, .. } = out else {
        panic!("{out:?}")
    };
    assert!(
        turunan.iter().all(|t| t.baris != kegiatan),
        "a typed parent must not follow: {turunan:?}"
    );
    let last = store.get_document(&id).await.expect("get").expect("doc");
    assert_eq!(
        last.document.rows[kegiatan].tw[1].rp,
        Some(Decimal::from(5))
    );
}

/// A backup made by the version before workspace settings existed (commit df16e05, made with
/// its `capaian backup`: a workspace, an imported E.81 with edits, a final submission with its
/// two files, an unlock) restores into this version with nothing lost: every record equal to
/// the backup's, the documents and their logs readable, the submission files byte for byte,
/// and the workspace on the default settings.
#[tokio::test]
async fn a_backup_made_before_workspace_settings_restores_with_nothing_lost() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/backup/capaian-df16e05.zip");
    let bytes = std::fs::read(&path).expect("fixture backup");
    let (old, counts) =
        capaian_server::backup::read_backup(std::io::Cursor::new(&bytes)).expect("read");
    assert!(counts.dokumen >= 1 && counts.peristiwa >= 3 && counts.pengajuan >= 1);
    assert!(old.workspaces.iter().all(|w| w.pengaturan.is_none()));

    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    store.load(old.clone()).await.expect("load");
    assert_eq!(store.dump().await.expect("dump"), old);

    let ws = store
        .get_workspace(&old.workspaces[0].id)
        .await
        .expect("workspace")
        .expect("exists");
    assert_eq!(
        ws.pengaturan,
        capaian_domain::pengaturan::Pengaturan::default()
    );
    assert_eq!(ws.pengaturan_versi, 0);
    for d in &old.documents {
        let doc = store.get_document(&d.id).await.expect("get").expect("doc");
        assert_eq!(doc.summary.versi, u64::try_from(d.versi).expect("versi"));
        let events = store
            .list_events(&d.id, &EventFilter::default())
            .await
            .expect("events");
        assert_eq!(
            events.len(),
            old.events.iter().filter(|e| e.document == d.id).count()
        );
    }
    for s in &old.submissions {
        let submission = store
            .get_submission(&s.id)
            .await
            .expect("submission")
            .expect("exists");
        for file in &submission.berkas {
            let (info, body) = store
                .get_submission_file(&s.id, &file.jenis)
                .await
                .expect("file")
                .expect("exists");
            assert_eq!(capaian_server::operations::sha256_hex(&body), info.sha256);
        }
    }
}

/// A merged file's rows the document lacks are added (issue 13): each under its parent, with
/// every value as an event naming the file; the rows already there keep their values, cell
/// versions and bidang at their new positions; a request naming positions from before is
/// refused; the document as it was before the merge, a reopened store and a restored backup
/// all agree.
#[tokio::test]
async fn a_merged_files_new_rows_are_added_with_their_values_as_events_naming_the_file() {
    use capaian_domain::model::Level;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    let ctx = context(store.clone());
    let (id, _) = import(&ctx, 2026, "e81_102.xlsx").await;
    let before = store.get_document(&id).await.expect("get").expect("doc");
    let rows = &before.document.rows;
    let (keg, end) = common::baris_baru::first_kegiatan(&before.document);
    assert!(end < rows.len(), "rows after the kegiatan's subtree");
    // An edit and a bidang on rows after the insertion point, before the merge.
    let leaf = leaf_rows(&before.document)
        .into_iter()
        .find(|&i| i >= end)
        .expect("a sub kegiatan after the subtree");
    let owned = (end..rows.len())
        .find(|&i| rows[i].level.rank() <= Level::Kegiatan.rank())
        .expect("a program or kegiatan after the subtree");
    store
        .apply_edits(
            &id,
            "Budi",
            None,
            vec![req(leaf, Cell::TwRp(2), rp(123_456), 0)],
        )
        .await
        .expect("edit")
        .expect("doc");
    store
        .set_owners(
            &id,
            "Admin",
            vec![(owned, Some("Bidang Mutasi".into()))],
            None,
        )
        .await
        .expect("owners");
    let versi_before = store
        .document_summary(&id)
        .await
        .expect("summary")
        .expect("doc")
        .versi;
    let as_before = store.get_document(&id).await.expect("get").expect("doc");

    // The TW III file: the document as it stands plus a new sub kegiatan in that kegiatan.
    let mut file = as_before.document.clone();
    let mut added =
        common::baris_baru::sub_kegiatan_baru(rows[keg].kode.as_deref().unwrap_or_default(), 3);
    added.keterangan = "Kegiatan baru di APBD-P".into();
    file.rows.insert(end, added.clone());
    file.quarter = Some(3);
    let outcome = store
        .merge_edits(
            &id,
            "Rina",
            app::ssr::Gabungan {
                berkas: "E81 TW III.xlsx".into(),
                triwulan: Some(3),
                template: None,
                baris_baru: Some(Arc::new(file.clone())),
                bentuk: 0,
                pembanding: None,
            },
            Vec::new(),
        )
        .await
        .expect("merge")
        .expect("doc");
    let EditOutcome::Applied { ditambah, .. } = outcome else {
        panic!("{outcome:?}")
    };
    assert_eq!(ditambah, 1);

    let after = store.get_document(&id).await.expect("get").expect("doc");
    assert!(after.summary.bentuk > versi_before);
    assert_eq!(after.summary.baris as usize, rows.len() + 1);
    assert_eq!(after.document.rows.len(), rows.len() + 1);
    // The new row where the file has it, with the file's values.
    let mut expected = added.clone();
    expected.sheet_row = 0;
    assert_eq!(after.document.rows[end], expected);
    // Every other row as it was, one position on after the insertion.
    for (i, r) in as_before.document.rows.iter().enumerate() {
        let at = if i < end { i } else { i + 1 };
        assert_eq!(&after.document.rows[at], r, "row {i}");
    }
    // The earlier edit's version, and the bidang, moved with their rows.
    let version_of = |d: &app::types::StoredDocument, baris: usize, kolom: Cell| {
        d.versi_sel
            .iter()
            .find(|c| c.baris == baris && c.kolom == kolom)
            .map(|c| c.versi)
    };
    assert_eq!(
        version_of(&after, leaf + 1, Cell::TwRp(2)),
        version_of(&as_before, leaf, Cell::TwRp(2))
    );
    assert!(version_of(&after, end, Cell::TwRp(3)).is_some());
    let owners = store.owners(&id).await.expect("owners");
    assert_eq!(
        owners.get(&(owned + 1)).map(String::as_str),
        Some("Bidang Mutasi")
    );
    assert_eq!(owners.get(&owned), None);
    // The log: the rows added and each value, naming the file, at the new row's position.
    let events = store
        .list_events(&id, &EventFilter::default())
        .await
        .expect("events");
    let tambah = events
        .iter()
        .find(|e| e.jenis == EventKind::TambahBaris)
        .expect("tambah_baris");
    assert_eq!(tambah.sumber.as_deref(), Some("E81 TW III.xlsx"));
    assert_eq!(tambah.seq, after.summary.bentuk);
    let values: Vec<_> = events
        .iter()
        .filter(|e| e.jenis == EventKind::Ubah && e.seq > tambah.seq)
        .collect();
    assert_eq!(values.len(), 5, "{values:?}");
    assert!(values
        .iter()
        .all(|e| e.baris == Some(end) && e.sumber.as_deref() == Some("E81 TW III.xlsx")));
    let for_row = store
        .list_events(
            &id,
            &EventFilter {
                baris: Some(leaf + 1),
                ..EventFilter::default()
            },
        )
        .await
        .expect("events");
    assert_eq!(for_row.len(), 1);
    assert_eq!(for_row[0].kolom, Some(Cell::TwRp(2)));

    // Positions read before the rows were added are refused; the rows as they stand work.
    let stale = store
        .apply_edits(
            &id,
            "Budi",
            Some(0),
            vec![req(end, Cell::TwRp(3), rp(1), 0)],
        )
        .await
        .expect("edit")
        .expect("doc");
    assert_eq!(
        stale,
        EditOutcome::RowsChanged {
            bentuk: after.summary.bentuk
        }
    );
    let v = version_of(&after, end, Cell::TwRp(3)).expect("version");
    let ok = store
        .apply_edits(
            &id,
            "Budi",
            Some(after.summary.bentuk),
            vec![req(end, Cell::TwRp(3), rp(7_000_000), v)],
        )
        .await
        .expect("edit")
        .expect("doc");
    assert!(matches!(ok, EditOutcome::Applied { .. }), "{ok:?}");

    // The document as it was before the merge, replayed: without the new row.
    let then = app::ssr::snapshot(store.as_ref(), &id, versi_before)
        .await
        .expect("snapshot")
        .expect("doc");
    assert_eq!(then.rows, as_before.document.rows);
    // A diff across the merge lists the new row's values at its position.
    let diff = app::ssr::diff(
        store.as_ref(),
        &id,
        &Point::Versi(versi_before),
        &Point::Sekarang,
    )
    .await
    .expect("diff")
    .expect("doc");
    assert!(diff.perubahan.iter().any(|c| c.perubahan.baris == end
        && c.perubahan.cell == Cell::TwRp(3)
        && c.nama == added.name));

    // Notes and bidang name rows by position too: positions read before are refused.
    let refused = store
        .set_owners(&id, "Admin", vec![(owned, None)], Some(0))
        .await;
    assert!(
        matches!(refused, Err(app::ssr::StoreError::RowsChanged(b)) if b == after.summary.bentuk),
        "{refused:?}"
    );
    let refused = store
        .set_note(&id, 2, owned, "Cek", "Kepala", Some(0))
        .await;
    assert!(
        matches!(refused, Err(app::ssr::StoreError::RowsChanged(_))),
        "{refused:?}"
    );
    assert_eq!(
        store
            .owners(&id)
            .await
            .expect("owners")
            .get(&(owned + 1))
            .map(String::as_str),
        Some("Bidang Mutasi")
    );
    store
        .set_owners(
            &id,
            "Admin",
            vec![(end, Some("Bidang Evaluasi".into()))],
            Some(after.summary.bentuk),
        )
        .await
        .expect("owners")
        .expect("doc");
    let owners = store.owners(&id).await.expect("owners");
    assert_eq!(
        owners.get(&end).map(String::as_str),
        Some("Bidang Evaluasi")
    );
    assert_eq!(
        owners.get(&(owned + 1)).map(String::as_str),
        Some("Bidang Mutasi")
    );

    // A backup restored elsewhere (a store that has read nothing yet) reads the same
    // document, versions, bidang and log.
    let dump = store.dump().await.expect("dump");
    let other = tempfile::tempdir().expect("tempdir");
    let restored = open(other.path()).await;
    restored.load(dump.clone()).await.expect("load");
    assert_eq!(restored.dump().await.expect("dump"), dump);
    same_document(&restored, &store, &id).await;
}

/// Two stores hold the same document: its rows, values and versions, bidang and log.
async fn same_document(a: &SurrealStore, b: &SurrealStore, id: &str) {
    assert_eq!(
        a.get_document(id).await.expect("get"),
        b.get_document(id).await.expect("get")
    );
    assert_eq!(
        a.owners(id).await.expect("owners"),
        b.owners(id).await.expect("owners")
    );
    let all = EventFilter::default();
    assert_eq!(
        a.list_events(id, &all).await.expect("events"),
        b.list_events(id, &all).await.expect("events")
    );
}

/// A backup made by the version before rows were kept by number (commit 7e72d56, made with
/// its `capaian backup` after a session through its JSON API: two E.81 documents in one
/// workspace, edits, a bidang, a verification round with a note, three final submissions of
/// TW I with an unlock between, the budget change, and a merged file that became the
/// template; `tests/fixtures/backup/README.md`) restores into this version with nothing
/// lost: every record equal to the backup's, and each document's grid data, log,
/// submissions (with their files, byte for byte by SHA-256), notes and bidang exactly what
/// that version's API answered.
#[tokio::test]
async fn a_backup_made_before_rows_were_numbered_restores_with_nothing_lost() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/backup");
    let bytes = std::fs::read(root.join("capaian-7e72d56.zip")).expect("fixture backup");
    let (old, counts) =
        capaian_server::backup::read_backup(std::io::Cursor::new(&bytes)).expect("read");
    assert_eq!((counts.dokumen, counts.pengajuan), (2, 3));
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    store.load(old.clone()).await.expect("load");
    assert_eq!(store.dump().await.expect("dump"), old);
    let read = |name: String| -> serde_json::Value {
        let text = std::fs::read_to_string(root.join("7e72d56").join(name)).expect("expected");
        serde_json::from_str(&text).expect("json")
    };
    for d in &old.documents {
        let id = &d.id;
        let kisi: app::types::GridData =
            serde_json::from_value(read(format!("kisi-{id}.json"))).expect("grid data");
        let now = store.get_document(id).await.expect("get").expect("doc");
        assert_eq!(now.summary, kisi.summary, "{id}");
        assert_eq!(now.document, kisi.document, "{id}");
        assert_eq!(now.versi_sel, kisi.versi_sel, "{id}");
        assert_eq!(store.owners(id).await.expect("owners"), kisi.penugasan);
        assert_eq!(store.list_notes(id).await.expect("notes"), kisi.catatan);
        // The log, event for event, as that version's activity list gave it.
        let expected: Vec<serde_json::Value> = read(format!("aktivitas-{id}.json"))["peristiwa"]
            .as_array()
            .expect("events")
            .iter()
            .map(|p| p["peristiwa"].clone())
            .collect();
        let events: Vec<serde_json::Value> = store
            .list_events(id, &EventFilter::default())
            .await
            .expect("events")
            .iter()
            .map(|e| serde_json::to_value(e).expect("json"))
            .collect();
        assert_eq!(events, expected, "{id}");
        let subs: Vec<app::types::Submission> =
            serde_json::from_value(read(format!("pengajuan-{id}.json"))).expect("submissions");
        assert_eq!(store.list_submissions(id).await.expect("subs"), subs);
        for s in &subs {
            for f in &s.berkas {
                let (_, isi) = store
                    .get_submission_file(&s.id, &f.jenis)
                    .await
                    .expect("file")
                    .expect("exists");
                assert_eq!(sha256_hex(&isi), f.sha256, "{} {}", s.id, f.jenis);
            }
            // The document a submission froze replays to the hash recorded with it.
            let frozen = app::ssr::submitted_document(store.as_ref(), s)
                .await
                .expect("replay")
                .expect("doc");
            assert_eq!(
                document_sha(&frozen).expect("sha"),
                s.sha_dokumen,
                "{}",
                s.id
            );
        }
    }
}

/// A merged file's new row with a value in a submitted (locked) quarter is refused like any
/// edit of that quarter: nothing is stored, not even the row.
#[tokio::test]
async fn a_new_rows_value_in_a_locked_quarter_is_refused_and_nothing_is_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    let ctx = context(store.clone());
    let (id, _) = import(&ctx, 2026, "e81_102.xlsx").await;
    operations::submit_quarter(&ctx, &app::akses::Pelaku::lokal(), &id, 2, "Rina")
        .await
        .expect("submit");
    let before = store.get_document(&id).await.expect("get").expect("doc");
    let mut file = before.document.clone();
    let (keg, _) = common::baris_baru::first_kegiatan(&file);
    let added = common::baris_baru::sub_kegiatan_baru(
        file.rows[keg].kode.as_deref().unwrap_or_default(),
        2,
    );
    file.rows.insert(keg + 1, added);
    let outcome = store
        .merge_edits(
            &id,
            "Rina",
            app::ssr::Gabungan {
                berkas: "baru.xlsx".into(),
                triwulan: None,
                template: None,
                baris_baru: Some(Arc::new(file)),
                bentuk: 0,
                pembanding: None,
            },
            Vec::new(),
        )
        .await
        .expect("merge")
        .expect("doc");
    assert!(
        matches!(
            outcome,
            EditOutcome::Locked {
                kolom: Cell::TwK(2),
                triwulan: 2,
                ..
            }
        ),
        "{outcome:?}"
    );
    let now = store.get_document(&id).await.expect("get").expect("doc");
    assert_eq!(now.summary.versi, before.summary.versi);
    assert_eq!(now.summary.bentuk, 0);
    assert_eq!(now.document, before.document);
}
