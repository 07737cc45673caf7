//! Starts the real `capaian` binary on a free loopback port with a temporary data folder,
//! creates workspaces over HTTP, restarts it on the same folder and finds them again.

mod common;
#[path = "../xlsx/tests/common/csv.rs"]
mod csv;

use std::path::Path;
use std::process::Command;

use common::{free_port, Capaian};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

fn blocking_get(url: &str) -> Result<(u16, String), reqwest::Error> {
    runtime().block_on(async {
        let resp = client().get(url).send().await?;
        let status = resp.status().as_u16();
        Ok((status, resp.text().await?))
    })
}

fn post_form(url: &str, form: &[(&str, &str)]) -> (u16, Option<String>, String) {
    runtime().block_on(async {
        let resp = client().post(url).form(form).send().await.expect("post");
        let status = resp.status().as_u16();
        let location = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        (status, location, resp.text().await.expect("body"))
    })
}

fn workspace_form<'a>(nama: &'a str, tahun: &'a str, nip: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("nama_pd", nama),
        ("kabupaten", "Kota Tarakan"),
        ("tahun", tahun),
        ("kepala_nama", "Hj. Siti Rahmah, S.E., M.M."),
        ("kepala_nip", nip),
    ]
}

#[test]
fn workspaces_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");

    let server = Capaian::start(&data);
    // The plain form POST (the no-JavaScript path) stores and redirects back to the list.
    let (status, location, _) = post_form(
        &format!("{}/ruang-kerja", server.base),
        &workspace_form("Badan Kepegawaian Daerah", "2026", "19700707 199107 2 005"),
    );
    assert_eq!(status, 303);
    assert!(location.unwrap_or_default().starts_with("/?dibuat="));
    // The server function (the hydrated path) does the same.
    let (status, _, body) = post_form(
        &format!("{}/api/create_workspace", server.base),
        &[
            ("input[nama_pd]", "Badan Perencanaan Pembangunan Daerah"),
            ("input[kabupaten]", "Kota Tarakan"),
            ("input[tahun]", "2025"),
            ("input[kepala_nama]", "Ir. Budi Santoso"),
            ("input[kepala_nip]", "196501101986021004"),
        ],
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Created"), "{body}");

    // An invalid form is refused with the reasons, and nothing is stored.
    let (status, location, _) = post_form(
        &format!("{}/ruang-kerja", server.base),
        &workspace_form("", "1999", "123"),
    );
    assert_eq!(status, 303);
    let location = location.unwrap_or_default();
    assert!(location.contains("galat_nama_pd="), "{location}");
    assert!(location.contains("galat_tahun="), "{location}");
    assert!(location.contains("galat_kepala_nip="), "{location}");
    let (_, page) = blocking_get(&format!("{}{location}", server.base)).expect("error page");
    assert!(
        page.contains("Tahun anggaran harus antara 2000 dan 2100."),
        "{page}"
    );
    assert!(page.contains("NIP harus 18 angka"));
    server.stop();

    let server = Capaian::start(&data);
    let (status, page) = blocking_get(&format!("{}/", server.base)).expect("home");
    assert_eq!(status, 200);
    assert!(page.contains("Badan Kepegawaian Daerah"), "{page}");
    assert!(page.contains("Badan Perencanaan Pembangunan Daerah"));
    assert!(page.contains("19700707 199107 2 005"));
    let (_, status_page) = blocking_get(&format!("{}/status", server.base)).expect("status");
    assert!(status_page.contains("SurrealKV"));
    assert!(
        status_page.contains(r#"id="status-jumlah">2<"#),
        "{status_page}"
    );
    // A duplicate (same PD, kabupaten, year; other case) is refused on the name field.
    let (_, location, _) = post_form(
        &format!("{}/ruang-kerja", server.base),
        &workspace_form("badan kepegawaian daerah", "2026", "197007071991072005"),
    );
    assert!(location.unwrap_or_default().contains("galat_nama_pd="));
    server.stop();
}

#[test]
fn a_second_capaian_on_the_same_folder_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .args(["--addr", &format!("127.0.0.1:{}", free_port()), "--data"])
        .arg(dir.path())
        .output()
        .expect("run second");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("sedang dipakai oleh Capaian lain"),
        "{stderr}"
    );
    server.stop();
}

#[test]
fn an_unusable_data_folder_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bukan-folder");
    std::fs::write(&file, "x").expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{}", free_port()),
            "--data",
        ])
        .arg(&file)
        .output()
        .expect("run");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bukan folder"), "{stderr}");
}

fn upload(url: &str, name: &str, bytes: Vec<u8>) -> (u16, String) {
    upload_into(url, name, bytes, None)
}

/// GET a download: status, (content type, content disposition), body.
fn download(url: &str) -> (u16, (String, String), Vec<u8>) {
    runtime().block_on(async {
        let resp = client().get(url).send().await.expect("download");
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        let headers = (header("content-type"), header("content-disposition"));
        let status = resp.status().as_u16();
        (status, headers, resp.bytes().await.expect("body").to_vec())
    })
}

/// The UTF-8 file name of a Content-Disposition (`filename*=UTF-8''…`).
fn decode_disposition(header: &str) -> String {
    let encoded = header.split("filename*=UTF-8''").nth(1).unwrap_or_default();
    decode(&format!("?x={encoded}"))
}

fn list_workspaces(base: &str) -> serde_json::Value {
    runtime().block_on(async {
        client()
            .post(format!("{base}/api/list_workspaces"))
            .send()
            .await
            .expect("list")
            .json()
            .await
            .expect("json")
    })
}

fn decode(s: &str) -> String {
    let pairs: Vec<(String, String)> =
        serde_urlencoded_pairs(s.split_once('?').map_or("", |(_, q)| q));
    pairs
        .into_iter()
        .map(|(_, v)| v)
        .collect::<Vec<_>>()
        .join(" ")
}

fn serde_urlencoded_pairs(q: &str) -> Vec<(String, String)> {
    reqwest::Url::parse(&format!("http://x/?{q}"))
        .expect("url")
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Creates the first workspace of a fresh server through its form: its id.
fn created_workspace(base: &str, nama: &str, tahun: &str) -> String {
    post_form(
        &format!("{base}/ruang-kerja"),
        &workspace_form(nama, tahun, "197007071991072005"),
    );
    list_workspaces(base)[0]["id"]
        .as_str()
        .expect("workspace id")
        .to_string()
}

#[test]
fn an_uploaded_e81_is_read_computed_stored_and_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let id = created_workspace(&server.base, "BKPSDM", "2026");
    let upload_url = format!("{}/ruang-kerja/{id}/unggah", server.base);

    let fixture = common::fixture("e81_102.xlsx");
    let (status, location) = upload(
        &upload_url,
        "E81 TW II.xlsx",
        std::fs::read(&fixture).expect("fixture"),
    );
    // A layout new to the workspace: its mapping page first, nothing stored yet.
    assert_eq!(status, 303);
    assert!(
        location.starts_with(&format!("/ruang-kerja/{id}/pemetaan/")),
        "{location}"
    );
    let (status, page) = blocking_get(&format!("{}{location}", server.base)).expect("mapping");
    assert_eq!(status, 200);
    assert!(page.contains("Periksa pembacaan"), "{page}");
    assert!(
        page.contains("Pagu (Σ program): Rp 9.822.500.319"),
        "{page}"
    );
    assert!(page.contains("Target tahun berjalan — Rp"));
    assert!(
        blocking_get(&format!("{}/api/v1/ruang-kerja/{id}", server.base))
            .expect("workspace")
            .1
            .contains("\"dokumen\":[]")
    );
    // Confirming without a name (single PC) is refused on the page; with one it imports.
    let mapping_url = format!("{}{location}", server.base);
    let (_, back, _) = post_form(&mapping_url, &[("aksi", "impor")]);
    assert!(decode(&back.unwrap_or_default()).contains("Isi nama Anda"));
    let (status, location, _) = post_form(&mapping_url, &[("aksi", "impor"), ("oleh", "Rina")]);
    let location = location.unwrap_or_default();
    assert_eq!(status, 303);
    assert!(location.starts_with("/dokumen/"), "{location}");
    let (status, page) =
        blocking_get(&format!("{}{location}", server.base)).expect("document page");
    assert_eq!(status, 200);
    // Totals from the fixture's independent expectation, shown the Indonesian way.
    // (Leptos puts hydration markers between adjacent text nodes, so look for the figures.)
    assert!(page.contains(">Rp 9.822.500.319<"), "target total missing");
    assert!(
        page.contains(">Rp 3.817.943.105,04<"),
        "realisasi total missing"
    );
    assert!(page.contains(">38,87%<"), "penyerapan missing");
    assert!(page.contains("Triwulan II Tahun 2026"));
    assert!(page.contains("E81 TW II.xlsx"));

    // Both downloads: the official form and the agency's own template, filled.
    let doc_id = location.trim_start_matches("/dokumen/").to_string();
    for (kind, name_part) in [
        ("formulir", "Formulir E.81 TW II 2026 - BKPSDM.xlsx"),
        ("template", "E81 TW II (diisi Capaian).xlsx"),
    ] {
        let (status, headers, bytes) =
            download(&format!("{}/dokumen/{doc_id}/unduh/{kind}", server.base));
        assert_eq!(status, 200, "{kind}");
        assert!(headers.0.contains("spreadsheetml"), "{kind}: {}", headers.0);
        assert!(headers.1.contains("attachment"), "{kind}: {}", headers.1);
        assert!(
            decode_disposition(&headers.1).contains(name_part),
            "{kind}: {}",
            headers.1
        );
        // Read the download back: the same totals as the fixture's expectation.
        let file = dir.path().join(format!("{kind}.xlsx"));
        std::fs::write(&file, &bytes).expect("write");
        let json = common::import_json(&file);
        assert_eq!(json["totals"]["target_rp"], "9822500319", "{kind}");
        assert_eq!(json["totals"]["realisasi_rp"], "3817943105.04", "{kind}");
    }
    let (status, _, _) = download(&format!("{}/dokumen/tidak-ada/unduh/formulir", server.base));
    assert_eq!(status, 404);

    // The same layout again (next quarter's file): read with the remembered mapping, at once.
    let (status, again) = upload(
        &upload_url,
        "E81 TW III.xlsx",
        std::fs::read(&fixture).expect("fixture"),
    );
    assert_eq!(status, 303);
    assert!(again.starts_with("/dokumen/"), "{again}");
    let (_, ws_page) = blocking_get(&format!("{}/ruang-kerja/{id}", server.base)).expect("ws");
    assert!(ws_page.contains("Pemetaan kolom tersimpan"));
    assert!(ws_page.contains("oleh Rina"), "{ws_page}");

    // Refusals come back to the workspace page with the reason.
    let (_, location) = upload(&upload_url, "catatan.txt", b"halo".to_vec());
    assert!(
        decode(&location).contains("bukan workbook Excel"),
        "{location}"
    );
    let (_, location) = upload(&upload_url, "palsu.xlsx", b"ini bukan zip".to_vec());
    assert!(
        decode(&location).contains("bukan workbook Excel"),
        "{location}"
    );
    let (_, location) = upload(&upload_url, "besar.xlsx", vec![0u8; 51 * 1024 * 1024]);
    assert!(decode(&location).contains("terlalu besar"), "{location}");
    let (status, _) = upload(
        &format!("{}/ruang-kerja/tidak-ada/unggah", server.base),
        "a.xlsx",
        b"x".to_vec(),
    );
    assert_eq!(status, 404);
    server.stop();

    // The document is still there after a restart, listed in its workspace.
    let server = Capaian::start(dir.path());
    let (_, page) =
        blocking_get(&format!("{}/ruang-kerja/{id}", server.base)).expect("workspace page");
    assert!(page.contains("E81 TW II.xlsx"), "{page}");
    server.stop();
}

/// A legacy `.xls` goes through the same mapping step; its "template" download is the
/// official form in `.xlsx`, and the page says so. A confirmation against a mapping someone
/// changed meanwhile is refused, and a remembered mapping can be changed and forgotten.
#[test]
fn a_legacy_xls_is_mapped_imported_and_given_back_as_xlsx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let id = created_workspace(&server.base, "Badan Kepegawaian", "2025");
    let upload_url = format!("{}/ruang-kerja/{id}/unggah", server.base);
    let xls = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/real-layouts/legacy_quarters_thousands.xls"),
    )
    .expect("fixture");
    // Two uploads of the same new layout wait side by side.
    let (_, first) = upload(&upload_url, "Evaluasi TW II.xls", xls.clone());
    let (_, second) = upload(&upload_url, "Evaluasi TW II (salinan).xls", xls.clone());
    assert!(first.contains("/pemetaan/"), "{first}");
    assert!(second.contains("/pemetaan/"), "{second}");
    let (_, page) = blocking_get(&format!("{}{first}", server.base)).expect("mapping");
    assert!(
        page.contains("Nilai rupiah ditulis dalam ribuan di kolom"),
        "{page}"
    );
    let (_, location, _) = post_form(
        &format!("{}{first}", server.base),
        &[("aksi", "impor"), ("oleh", "Rina")],
    );
    let doc = location.unwrap_or_default();
    assert!(doc.starts_with("/dokumen/"), "{doc}");
    // The second page was opened before the first confirmation: it saw no mapping (version
    // 0); confirming it now would overwrite Rina's, so it is refused with the reason.
    let (_, refused, _) = post_form(
        &format!("{}{second}", server.base),
        &[("aksi", "impor"), ("oleh", "Budi"), ("versi", "0")],
    );
    assert!(
        decode(&refused.clone().unwrap_or_default()).contains("baru saja diubah orang lain"),
        "{refused:?}"
    );

    let (_, page) = blocking_get(&format!("{}{doc}", server.base)).expect("document");
    assert!(page.contains("id=\"catatan-xls\""), "{page}");
    let (status, headers, bytes) = download(&format!("{}{doc}/unduh/template", server.base));
    assert_eq!(status, 200);
    assert!(headers.0.contains("spreadsheetml"), "{}", headers.0);
    assert!(
        decode_disposition(&headers.1).contains("Evaluasi TW II (diisi Capaian).xlsx"),
        "{}",
        headers.1
    );
    assert!(bytes.starts_with(b"PK"));
    // The official form read back: the amounts written in thousands came in as rupiah.
    let file = dir.path().join("dari-xls.xlsx");
    std::fs::write(&file, &bytes).expect("write");
    let json = common::import_json(&file);
    assert_eq!(json["totals"]["target_rp"], "1500000000", "{json}");

    // The remembered mapping: its page, a change (column B read past), then forgotten.
    let (_, ws_page) = blocking_get(&format!("{}/ruang-kerja/{id}", server.base)).expect("ws");
    let href = ws_page
        .split("href=\"")
        .find(|h| h.contains("/pemetaan-tersimpan/"))
        .and_then(|h| h.split('"').next())
        .expect("link to the remembered mapping")
        .to_string();
    let (status, page) = blocking_get(&format!("{}{href}", server.base)).expect("saved");
    assert_eq!(status, 200);
    assert!(page.contains("form-pemetaan-tersimpan"), "{page}");
    let ignored = r#"{"kind":"unknown"}"#;
    let (_, location, _) = post_form(
        &format!("{}{href}", server.base),
        &[("aksi", "simpan"), ("versi", "1"), ("kolom-2", ignored)],
    );
    assert!(decode(&location.unwrap_or_default()).contains("versi 2"));
    let (_, stale, _) = post_form(
        &format!("{}{href}", server.base),
        &[("aksi", "simpan"), ("versi", "1")],
    );
    assert!(decode(&stale.unwrap_or_default()).contains("kini versi 2"));
    let (_, location, _) = post_form(
        &format!("{}{href}", server.base),
        &[("aksi", "hapus"), ("versi", "2")],
    );
    assert!(decode(&location.unwrap_or_default()).contains("dilupakan"));
    let (status, _) = blocking_get(&format!("{}{href}", server.base)).expect("gone");
    assert_eq!(status, 404);
    // Forgotten: the layout is asked about again.
    let (_, again) = upload(&upload_url, "Evaluasi TW III.xls", xls);
    assert!(again.contains("/pemetaan/"), "{again}");
    server.stop();
}

/// The agency's template is filled the way the person confirmed its columns: a column they
/// marked "abaikan" on the mapping page (here the Unit PD column, which they keep for their
/// own notes) is never written, though the reader alone would take it for Unit PD and clear it.
#[test]
fn the_template_is_filled_with_the_columns_the_person_confirmed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let id = created_workspace(&server.base, "Badan Kepegawaian", "2025");
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/real-layouts/quarters_thousands.xlsx"),
    )
    .expect("fixture");
    let note = "Bidang Pengadaan dan Pemberhentian";
    assert!(workbook_text(&bytes).contains(note));
    let (_, mapping) = upload(
        &format!("{}/ruang-kerja/{id}/unggah", server.base),
        "Evaluasi TW II.xlsx",
        bytes,
    );
    assert!(mapping.contains("/pemetaan/"), "{mapping}");
    // Column AG (33): not Unit PD for this office.
    let (_, location, _) = post_form(
        &format!("{}{mapping}", server.base),
        &[
            ("aksi", "impor"),
            ("oleh", "Rina"),
            ("kolom-33", r#"{"kind":"unknown"}"#),
        ],
    );
    let doc = location.unwrap_or_default();
    assert!(doc.starts_with("/dokumen/"), "{doc}");
    let id_doc = doc.trim_start_matches("/dokumen/").to_string();
    let (stored, _) = document_of(&server.base, &id_doc);
    assert!(stored.rows.iter().all(|r| r.unit_pd.is_empty()));

    let (status, _, filled) = download(&format!("{}{doc}/unduh/template", server.base));
    assert_eq!(status, 200);
    // Read back as the reader alone reads it (column AG as Unit PD): the text is still there.
    let back = capaian_xlsx::read_workbook(&filled, &capaian_xlsx::Limits::default())
        .expect("filled template reads");
    assert!(
        back.document.rows.iter().any(|r| r.unit_pd == note),
        "the ignored column keeps the agency's text"
    );
    server.stop();
}

/// A JSON request to the API: status and the answer as JSON.
fn api(method: &str, url: &str, body: Option<serde_json::Value>) -> (u16, serde_json::Value) {
    runtime().block_on(async {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = client().request(method, url);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let resp = req.send().await.expect("request");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
        )
    })
}

/// Every XML part of a workbook as text (the strings rust_xlsxwriter shares, the sheets).
fn workbook_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        if entry.name().is_ok_and(|n| n.ends_with(".xml")) {
            entry.read_to_string(&mut all).expect("xml");
        }
    }
    all
}

/// Imports `e81_102.xlsx` into a new workspace through its mapping page: (workspace, document).
fn imported_e81_102(base: &str) -> (String, String) {
    imported_fixture(base, "e81_102.xlsx")
}

/// A new workspace with a fixture imported through the mapping page: (workspace, document).
fn imported_fixture(base: &str, name: &str) -> (String, String) {
    let fixture = std::fs::read(common::fixture(name)).expect("fixture");
    imported_into_new_workspace(base, "2026", "E81.xlsx", fixture)
}

/// A new workspace BKPSDM of `tahun`, and the E.81 `bytes` imported into it through the
/// mapping page (named `name`): the workspace's and the document's ids.
fn imported_into_new_workspace(
    base: &str,
    tahun: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (String, String) {
    post_form(
        &format!("{base}/ruang-kerja"),
        &workspace_form("BKPSDM", tahun, "197007071991072005"),
    );
    let id = list_workspaces(base)[0]["id"]
        .as_str()
        .expect("workspace id")
        .to_string();
    let (_, mapping) = upload(&format!("{base}/ruang-kerja/{id}/unggah"), name, bytes);
    let (_, location, _) = post_form(
        &format!("{base}{mapping}"),
        &[("aksi", "impor"), ("oleh", "Rina")],
    );
    let doc = location
        .unwrap_or_default()
        .trim_start_matches("/dokumen/")
        .to_string();
    assert!(!doc.is_empty(), "import through the mapping page failed");
    (id, doc)
}

/// The workspace chooses its rating scale: the document page, the grid's data, the JSON API
/// and the exported form all rate with it. The fixture's average capaian is 22,91% (the CLI's
/// `import` prints it): *Sangat Rendah* on Permendagri 86 (< 51), *Sangat Kurang* (D) on SAKIP
/// (0–30), and the band 20–25 of the custom scale below. (Predikat are shown by their label, as
/// the seeds' LKjIP tables print them: "Baik", not "B".) Settings changes name the version they saw.
#[test]
fn a_workspace_rates_capaian_on_the_scale_it_chose() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (id, doc) = imported_e81_102(&base);
    let doc_page = || {
        blocking_get(&format!("{base}/dokumen/{doc}"))
            .expect("page")
            .1
    };
    let page = doc_page();
    assert!(page.contains(">22,91%<"), "average capaian");
    assert!(
        page.contains(">Sangat Rendah<"),
        "Permendagri 86 by default"
    );
    let (_, ws_page) = blocking_get(&format!("{base}/ruang-kerja/{id}")).expect("ws");
    assert!(ws_page.contains("Perhitungan capaian"));
    assert!(ws_page.contains("Skala predikat: Permendagri 86/2017"));

    // SAKIP, chosen on the workspace page (version 0 seen).
    let settings_url = format!("{base}/ruang-kerja/{id}/pengaturan-perhitungan");
    let (status, location, _) = post_form(
        &settings_url,
        &[("versi", "0"), ("skala", "sakip"), ("ambang", "50")],
    );
    assert_eq!(status, 303);
    assert!(decode(&location.unwrap_or_default()).contains("Skala predikat: SAKIP"));
    // The same form again, from a page loaded before that change: refused, nothing changed.
    let (_, location, _) = post_form(
        &settings_url,
        &[
            ("versi", "0"),
            ("skala", "permendagri86"),
            ("batas-100", "on"),
        ],
    );
    assert!(
        decode(&location.unwrap_or_default()).contains("baru saja diubah orang lain"),
        "stale settings form"
    );
    let (status, settings) = api(
        "GET",
        &format!("{base}/api/v1/ruang-kerja/{id}/pengaturan"),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(settings["versi"], 1);
    assert_eq!(settings["pengaturan"]["skala"]["jenis"], "sakip");
    assert_eq!(settings["pengaturan"]["batas_100"], false);

    let page = doc_page();
    assert!(
        page.contains(">Sangat Kurang<"),
        "SAKIP predikat on the page"
    );
    assert!(page.contains(">SAKIP<"), "the scale named on the page");
    let (_, grid) = blocking_get(&format!("{base}/api/v1/dokumen/{doc}/kisi")).expect("grid");
    let grid: serde_json::Value = serde_json::from_str(&grid).expect("grid json");
    assert_eq!(grid["summary"]["pengaturan"]["skala"]["jenis"], "sakip");
    let (_, _, official) = download(&format!("{base}/dokumen/{doc}/unduh/formulir"));
    let text = workbook_text(&official);
    assert!(text.contains("Sangat Kurang"), "SAKIP predikat in the form");
    assert!(!text.contains("Sangat Rendah"));

    // A custom scale by the API: one with a gap is refused as it is read; a valid one rates.
    let band = |lower: Option<u32>, upper: Option<u32>, label: &str, code: &str| {
        serde_json::json!({
            "lower": lower.map(|v| v.to_string()), "lower_inclusive": true,
            "upper": upper.map(|v| v.to_string()), "upper_inclusive": false,
            "label": label, "code": code,
        })
    };
    let custom = |bands: Vec<serde_json::Value>, versi: u64| {
        serde_json::json!({
            "versi": versi,
            "pengaturan": { "skala": { "jenis": "kustom", "skala": { "name": "Skala Bappeda", "bands": bands } } },
        })
    };
    let url = format!("{base}/api/v1/ruang-kerja/{id}/pengaturan");
    let (status, refused) = api(
        "PUT",
        &url,
        Some(custom(
            vec![
                band(None, Some(20), "Merah", "M"),
                band(Some(25), None, "Hijau", "H"),
            ],
            1,
        )),
    );
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused["galat"]
            .as_str()
            .unwrap_or_default()
            .contains("celah"),
        "{refused}"
    );
    let bands = vec![
        band(None, Some(20), "Merah", "M"),
        band(Some(20), Some(25), "Kuning", "K"),
        band(Some(25), None, "Hijau", "H"),
    ];
    let (status, saved) = api("PUT", &url, Some(custom(bands.clone(), 1)));
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["versi"], 2);
    let (status, _) = api("PUT", &url, Some(custom(bands, 1)));
    assert_eq!(status, 409, "a change from a stale version");
    let (_, document) = api("GET", &format!("{base}/api/v1/dokumen/{doc}"), None);
    assert_eq!(document["hasil"]["totals"]["predikat"], "Kuning");
    assert!(doc_page().contains(">Kuning<"));

    // The JSON API takes the year (and the NIP) as numbers too.
    let (status, created) = api(
        "POST",
        &format!("{base}/api/v1/ruang-kerja"),
        Some(serde_json::json!({
            "nama_pd": "Dinas Kesehatan", "kabupaten": "Kota Tarakan", "tahun": 2026,
            "kepala_nama": "dr. Sari", "kepala_nip": 197007071991072005u64,
        })),
    );
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["tahun"], 2026);
    server.stop();
}

/// A document as the JSON API gives it (`GET /api/v1/dokumen/{id}`): (document, version).
/// A document's activity log (as the API gives it) and its events of one kind.
fn events_of(base: &str, doc: &str, jenis: &str) -> (serde_json::Value, Vec<serde_json::Value>) {
    let log = api(
        "GET",
        &format!("{base}/api/v1/dokumen/{doc}/aktivitas"),
        None,
    )
    .1;
    let events = log["peristiwa"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["peristiwa"].clone())
        .filter(|e| e["jenis"] == jenis)
        .collect();
    (log, events)
}

fn document_of(base: &str, doc: &str) -> (capaian_domain::model::Document, u64) {
    let reply = api("GET", &format!("{base}/api/v1/dokumen/{doc}"), None).1;
    let document = serde_json::from_value(reply["dokumen"].clone()).expect("document");
    (
        document,
        reply["ringkasan"]["versi"].as_u64().expect("versi"),
    )
}

/// A derived document's table as its page offers it to copy (the `<textarea>` whose text
/// starts with `judul`): its rows, each a list of tab-separated cells.
fn tabel_turunan(page: &str, judul: &str) -> Vec<Vec<String>> {
    page.split("<textarea")
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
        .filter_map(|t| t.split_once("</textarea>").map(|(t, _)| t))
        .find(|t| t.starts_with(judul))
        .unwrap_or_else(|| panic!("{judul}"))
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// A seed table's CSV (`tests/fixtures/seeds/…`, RFC 4180), its records without blank ones.
fn seed_csv(rel: &str) -> Vec<Vec<String>> {
    let text =
        std::fs::read_to_string(common::fixture("").join("../seeds").join(rel)).expect("csv");
    csv::parse_csv(&text)
        .into_iter()
        .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
        .collect()
}

/// A file uploaded into document `doc` of workspace `ws` and merged whole through its merge
/// page (every value and every new row accepted) by Rina.
fn merged_whole(base: &str, (ws, doc): (&str, &str), name: &str, bytes: Vec<u8>) {
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        name,
        bytes,
        Some(doc),
    );
    assert_eq!(status, 303);
    assert!(location.contains("/gabung/"), "{name}: {location}");
    let (_, versi) = document_of(base, doc);
    let versi = versi.to_string();
    let (status, _, body) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi.as_str()),
            ("baris_baru", "1"),
            ("aksi", "terima"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303, "{name}: {body}");
}

/// One cell of document `doc` set through the grid's API (`PATCH …/sel`) by `oleh`, as the
/// grid sends it: the form's shape and the cell's version as loaded (0 while never edited).
fn set_cell(base: &str, doc: &str, oleh: &str, (baris, kolom): (usize, &str), nilai: &str) {
    let (_, kisi) = api("GET", &format!("{base}/api/v1/dokumen/{doc}/kisi"), None);
    let bentuk = kisi["summary"]["bentuk"].as_u64().unwrap_or(0);
    let versi = kisi["versi_sel"]
        .as_array()
        .and_then(|v| {
            v.iter()
                .find(|v| v["baris"] == baris && v["kolom"] == kolom)
                .and_then(|v| v["versi"].as_u64())
        })
        .unwrap_or(0);
    let (status, reply) = api(
        "PATCH",
        &format!("{base}/api/v1/dokumen/{doc}/sel"),
        Some(serde_json::json!({
            "oleh": oleh,
            "bentuk": bentuk,
            "perubahan": [{"baris": baris, "kolom": kolom, "nilai": nilai, "versi": versi}],
        })),
    );
    assert_eq!(status, 200, "{reply}");
}

/// Next quarter's file merges into the document read from this quarter's: the preview lists
/// exactly the values the file changed (file beside document, nothing stored yet); accepting
/// a whole column and one cell and refusing the rest stores exactly those, as events naming
/// the file, and nothing else changes.
#[test]
fn next_quarters_file_merges_into_the_document_with_a_preview() {
    use capaian_domain::edit::{parse_input, set, Cell};
    use capaian_domain::model::Level;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_e81_102(&base);

    // The TW III file: the agency's TW II workbook with TW III realisation typed in two rows, a
    // keterangan, and one TW II figure corrected (written by Capaian's own fill, so the file
    // keeps the agency's layout).
    let template = std::fs::read(common::fixture("e81_102.xlsx")).expect("fixture");
    let limits = capaian_xlsx::Limits::default();
    let read = capaian_xlsx::read_workbook(&template, &limits).expect("read");
    let mut next = read.document.clone();
    let subs: Vec<usize> = next
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.level == Level::SubKegiatan && !r.indicator.is_empty())
        .map(|(i, _)| i)
        .collect();
    assert!(subs.len() >= 3, "{subs:?}");
    let (a, b, c) = (subs[0], subs[1], subs[2]);
    let changes: [(usize, Cell, &str); 4] = [
        (a, Cell::TwK(3), "7"),
        (b, Cell::TwK(3), "12,5"),
        (c, Cell::Keterangan, "Menunggu SP2D"),
        (c, Cell::TwK(2), "3"),
    ];
    for (row, cell, raw) in changes {
        set(
            &mut next.rows[row],
            cell,
            parse_input(cell, raw).expect("value"),
        )
        .expect("set");
    }
    let (filled, _) = capaian_xlsx::fill::fill_template(
        &template,
        &next,
        &capaian_domain::e81::E81Settings::default(),
        &limits,
    )
    .expect("fill");
    // Its title names the next quarter.
    let tw3_file = with_sheet_text(&filled, "TRIWULAN II TAHUN 2026", "TRIWULAN III TAHUN 2026");

    // Uploaded into the document: its merge page, nothing stored.
    let (before, versi) = document_of(&base, &doc);
    let tw3_again = tw3_file.clone();
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "E81 TW III.xlsx",
        tw3_file,
        Some(&doc),
    );
    assert_eq!(status, 303);
    assert!(
        location.starts_with(&format!("/ruang-kerja/{ws}/gabung/")),
        "{location}"
    );
    let (status, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert_eq!(status, 200);
    assert!(page.contains("4 nilai berbeda di 3 kolom"), "{page}");
    assert!(
        page.contains("Berkas ini laporan Triwulan III; dokumen kini Triwulan II."),
        "{page}"
    );
    let listed: Vec<String> = page
        .split("name=\"sel\" value=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or_default().to_string())
        .collect();
    let mut expected: Vec<String> = changes
        .iter()
        .map(|(row, cell, _)| format!("{row}:{}", cell.key()))
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(
        sorted, expected,
        "the preview lists exactly the changed values"
    );
    assert!(
        page.contains("12,5") && page.contains("Menunggu SP2D"),
        "{page}"
    );
    assert_eq!(document_of(&base, &doc).1, versi, "nothing stored yet");

    // Scripts merge the same way: the API keeps the upload for its merge page (202). A stale
    // version is refused with the reason; cancelling drops the upload.
    let (status, reply) = runtime().block_on(async {
        let resp = client()
            .post(format!(
                "{base}/api/v1/ruang-kerja/{ws}/dokumen?nama=lagi.xlsx&gabung={doc}"
            ))
            .body(tw3_again)
            .send()
            .await
            .expect("api upload");
        let status = resp.status().as_u16();
        (
            status,
            resp.json::<serde_json::Value>().await.expect("json"),
        )
    });
    assert_eq!(status, 202, "{reply}");
    let api_merge = format!("{base}{}", reply["gabung"].as_str().expect("gabung"));
    let (status, page) = blocking_get(&api_merge).expect("merge page");
    assert_eq!(status, 200);
    assert!(page.contains("4 nilai berbeda di 3 kolom"), "{page}");
    let stale = (versi + 1).to_string();
    let (status, back, _) = post_form(
        &api_merge,
        &[
            ("versi", stale.as_str()),
            ("aksi", "semua"),
            ("oleh", "Budi"),
        ],
    );
    assert_eq!(status, 303);
    assert!(
        decode(&back.unwrap_or_default()).contains("diubah sejak pratinjau dibuat"),
        "a stale preview is refused"
    );
    let (_, back, _) = post_form(&api_merge, &[("aksi", "batal")]);
    assert_eq!(back.as_deref(), Some(format!("/ruang-kerja/{ws}").as_str()));
    assert_eq!(document_of(&base, &doc).1, versi, "nothing stored");

    // Accept the whole TW III K column and the corrected TW II K; refuse the keterangan.
    let merge_url = format!("{base}{location}");
    let versi_text = versi.to_string();
    let one_cell = format!("{c}:tw2_k");
    let (status, back, _) = post_form(
        &merge_url,
        &[
            ("versi", versi_text.as_str()),
            ("kolom", "tw3_k"),
            ("sel", one_cell.as_str()),
            ("aksi", "terima"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303);
    let back = back.unwrap_or_default();
    assert!(back.starts_with(&format!("/dokumen/{doc}?")), "{back}");
    assert!(
        decode(&back)
            .contains("3 nilai dari E81 TW III.xlsx diterima; 1 nilai berkas tidak diterima"),
        "{}",
        decode(&back)
    );

    let (merged, now) = document_of(&base, &doc);
    // Three values and the reported quarter: the document is the TW III report now.
    assert_eq!(now, versi + 4);
    assert_eq!(merged.quarter, Some(3));
    let (_, page) = blocking_get(&format!("{base}/dokumen/{doc}")).expect("document page");
    assert!(page.contains("Triwulan III Tahun 2026"), "{page}");
    let value = |d: &capaian_domain::model::Document, row: usize, cell: Cell| {
        capaian_domain::edit::get(&d.rows[row], cell)
    };
    let accepted = [(a, Cell::TwK(3)), (b, Cell::TwK(3)), (c, Cell::TwK(2))];
    for (row, cell) in accepted {
        assert_eq!(
            value(&merged, row, cell),
            value(&next, row, cell),
            "{row} {cell:?}"
        );
    }
    // The refused keterangan and every other cell are as they were.
    for row in 0..before.rows.len() {
        for cell in capaian_domain::gabung::kolom_gabung() {
            if !accepted.contains(&(row, cell)) {
                assert_eq!(
                    value(&merged, row, cell),
                    value(&before, row, cell),
                    "{row} {cell:?}"
                );
            }
        }
    }
    // The three edits name the file they came from.
    let (log, merged_events) = events_of(&base, &doc, "ubah");
    assert_eq!(merged_events.len(), 3, "{log}");
    for e in &merged_events {
        assert_eq!(e["sumber"], "E81 TW III.xlsx", "{e}");
        assert_eq!(e["oleh"], "Rina", "{e}");
    }
    let (_, moved) = events_of(&base, &doc, "triwulan_laporan");
    assert_eq!(moved.len(), 1, "{log}");
    assert_eq!(moved[0]["triwulan"], 3);
    assert_eq!(moved[0]["sumber"], "E81 TW III.xlsx");
    // The upload no longer waits.
    let resp = runtime().block_on(async { client().get(&merge_url).send().await.expect("get") });
    assert_eq!(resp.status().as_u16(), 303);

    // The TW III file is the document's template now: the document page names it, and
    // "Unduh dalam template asli" gives that file (its TW III title) with the document's values.
    assert!(
        page.contains("E81 TW III.xlsx"),
        "the document page names its template"
    );
    let (status, (_, disposition), bytes) =
        download(&format!("{base}/dokumen/{doc}/unduh/template"));
    assert_eq!(status, 200);
    assert_eq!(
        decode_disposition(&disposition),
        "E81 TW III (diisi Capaian).xlsx"
    );
    let back = capaian_xlsx::read_workbook(&bytes, &limits).expect("filled template reads");
    assert_eq!(back.document.quarter, Some(3));
    assert_eq!(back.document.rows.len(), merged.rows.len());
    for (row, (b, m)) in back.document.rows.iter().zip(&merged.rows).enumerate() {
        for cell in capaian_domain::gabung::kolom_gabung() {
            assert!(
                value(&back.document, row, cell).same(&value(&merged, row, cell)),
                "{row} {cell:?}: {:?} vs {:?}",
                b.name,
                m.name
            );
        }
    }

    // That download uploaded again: nothing differs, and the page offers to take the file as
    // the template, which changes no value and no version.
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "E81 TW III final.xlsx",
        bytes,
        Some(&doc),
    );
    assert_eq!(status, 303);
    let (_, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert!(
        page.contains("Tidak ada nilai berkas yang berbeda dari dokumen."),
        "{page}"
    );
    assert!(page.contains("id=\"jadikan-template\""), "{page}");
    assert!(!page.contains("id=\"terima-semua\""), "{page}");
    let (_, versi_now) = document_of(&base, &doc);
    let versi_text = versi_now.to_string();
    let (status, back, _) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi_text.as_str()),
            ("aksi", "template"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303);
    assert!(decode(&back.unwrap_or_default())
        .contains("E81 TW III final.xlsx kini template dokumen ini"),);
    let (unchanged, versi_after) = document_of(&base, &doc);
    assert_eq!(versi_after, versi_now);
    assert_eq!(unchanged, merged);
    let (_, (_, disposition), _) = download(&format!("{base}/dokumen/{doc}/unduh/template"));
    assert_eq!(
        decode_disposition(&disposition),
        "E81 TW III final (diisi Capaian).xlsx"
    );
}

/// Uploads through the workspace page's form, into the document `tujuan` when one is given.
fn upload_into(url: &str, name: &str, bytes: Vec<u8>, tujuan: Option<&str>) -> (u16, String) {
    let texts: Vec<(&str, &str)> = tujuan.map(|t| ("tujuan", t)).into_iter().collect();
    post_multipart(url, "berkas", vec![(name, bytes)], &texts)
}

/// A multipart form: `files` in the file field `field`, and the text fields `texts`. The
/// status and the redirect's location.
fn post_multipart(
    url: &str,
    field: &str,
    files: Vec<(&str, Vec<u8>)>,
    texts: &[(&str, &str)],
) -> (u16, String) {
    runtime().block_on(async {
        let mut form = reqwest::multipart::Form::new();
        for (name, bytes) in files {
            let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
            form = form.part(field.to_string(), part);
        }
        for (k, v) in texts {
            form = form.text(k.to_string(), v.to_string());
        }
        let resp = client()
            .post(url)
            .multipart(form)
            .send()
            .await
            .expect("upload");
        let status = resp.status().as_u16();
        let location = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        (status, location)
    })
}

/// A workbook with `from` replaced by `to` in its first sheet's XML (every other part as it is).
fn with_sheet_text(xlsx: &[u8], from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(bytes).expect("xml");
            assert!(text.contains(from), "{from} is not in the sheet");
            bytes = text.replace(from, to).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// A later file with a row the document lacks (issue 13): the merge page offers to add it
/// (checked); accepted, the document has it under its kegiatan with the file's values, the
/// log names the file; the grid's save names the rows it saw, so a save made before the merge
/// is refused (409, nothing stored) instead of landing on the row that moved into its place.
#[test]
fn a_merged_files_new_row_is_added_from_the_merge_page() {
    use capaian_domain::e81::{compute, E81Settings};
    use capaian_domain::model::KValue;
    use capaian_xlsx::export::{export_e81, ExportMeta};
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, versi) = document_of(&base, &doc);
    let rows = &before.rows;
    let (keg, end) = common::baris_baru::first_kegiatan(&before);
    assert!(end < rows.len(), "rows after the kegiatan's subtree");
    // The agency's next file, as Capaian exports it, with a sub kegiatan the document lacks.
    let added =
        common::baris_baru::sub_kegiatan_baru(rows[keg].kode.as_deref().unwrap_or_default(), 2);
    let mut next = before.clone();
    next.rows.insert(end, added.clone());
    let (computed, _) = compute(&next, &E81Settings::default());
    let bytes = export_e81(&next, &computed, &ExportMeta::from_document(&next)).expect("export");
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "E81 dengan baris baru.xlsx",
        bytes,
        Some(&doc),
    );
    assert_eq!(status, 303);
    // A layout new to the workspace (Capaian's own official form) is confirmed first; the
    // merge page follows.
    assert!(location.contains("/pemetaan/"), "{location}");
    let (status, location, _) = post_form(
        &format!("{base}{location}"),
        &[("aksi", "impor"), ("oleh", "Budi")],
    );
    assert_eq!(status, 303);
    let location = location.unwrap_or_default();
    assert!(location.contains("/gabung/"), "{location}");
    let (status, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert_eq!(status, 200);
    assert!(
        page.contains("1 baris berkas tidak ada di dokumen (baris baru)"),
        "{page}"
    );
    assert!(page.contains("id=\"tambah-baris-baru\""), "{page}");
    assert!(
        page.contains("Jumlah dokumen evaluasi yang disusun"),
        "the new row is listed: {page}"
    );
    assert_eq!(document_of(&base, &doc).1, versi, "nothing stored yet");

    // The grid as loaded before the merge.
    let (_, kisi) = api("GET", &format!("{base}/api/v1/dokumen/{doc}/kisi"), None);
    assert_eq!(kisi["summary"]["bentuk"], 0);

    let versi_text = versi.to_string();
    let (status, back, _) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi_text.as_str()),
            // Nothing differs: the page offers to take the file as the template.
            ("aksi", "template"),
            ("baris_baru", "1"),
            ("oleh", "Budi"),
        ],
    );
    assert_eq!(status, 303);
    let back = decode(&back.unwrap_or_default());
    assert!(
        back.contains("1 baris baru ditambahkan ke dokumen"),
        "{back}"
    );

    let (after, _) = document_of(&base, &doc);
    assert_eq!(after.rows.len(), rows.len() + 1);
    let row = &after.rows[end];
    assert_eq!(row.name, added.name);
    assert_eq!(row.indicator, added.indicator);
    assert_eq!(row.target, added.target);
    assert_eq!(row.tw[1], added.tw[1]);
    assert_eq!(&after.rows[end + 1], &rows[end]);
    let (_, log) = api(
        "GET",
        &format!("{base}/api/v1/dokumen/{doc}/aktivitas"),
        None,
    );
    let text = log.to_string();
    assert!(text.contains("tambah_baris"), "{text}");
    assert!(text.contains("E81 dengan baris baru.xlsx"), "{text}");

    // A save made with the rows as they were before the merge is refused, nothing stored.
    let cell = |bentuk: Option<u64>| {
        let mut body = serde_json::json!({
            "oleh": "Sari",
            "perubahan": [{"baris": end, "kolom": "tw2_k", "nilai": "2", "versi": 0}],
        });
        if let Some(b) = bentuk {
            body["bentuk"] = b.into();
        }
        api(
            "PATCH",
            &format!("{base}/api/v1/dokumen/{doc}/sel"),
            Some(body),
        )
    };
    let (status, reply) = cell(Some(0));
    assert_eq!(status, 409, "{reply}");
    let bentuk = reply["bentuk"].as_u64().expect("bentuk");
    assert!(reply["galat"]
        .as_str()
        .unwrap_or_default()
        .contains("bertambah"));
    let (status, _) = cell(None);
    assert_eq!(
        status, 409,
        "a save that does not say which rows it saw is refused"
    );
    assert_eq!(document_of(&base, &doc).0.rows[end].tw[1], added.tw[1]);
    // With the rows as they stand now it is stored on the new row.
    let (_, kisi) = api("GET", &format!("{base}/api/v1/dokumen/{doc}/kisi"), None);
    assert_eq!(kisi["summary"]["bentuk"].as_u64(), Some(bentuk));
    let version = kisi["versi_sel"]
        .as_array()
        .expect("versions")
        .iter()
        .find(|v| v["baris"] == end && v["kolom"] == "tw2_k")
        .and_then(|v| v["versi"].as_u64())
        .expect("the new row's TW II K has a version");
    let body = serde_json::json!({
        "oleh": "Sari",
        "bentuk": bentuk,
        "perubahan": [{"baris": end, "kolom": "tw2_k", "nilai": "2", "versi": version}],
    });
    let (status, reply) = api(
        "PATCH",
        &format!("{base}/api/v1/dokumen/{doc}/sel"),
        Some(body),
    );
    assert_eq!(status, 200, "{reply}");
    assert_eq!(
        document_of(&base, &doc).0.rows[end].tw[1].k,
        Some(KValue::Number(Decimal::from(2)))
    );
    // Notes and bidang name rows by position too: from before the merge, refused (409).
    let (status, reply) = api(
        "POST",
        &format!("{base}/api/v1/dokumen/{doc}/catatan"),
        Some(serde_json::json!({"triwulan": 2, "baris": keg, "catatan": "Cek", "oleh": "Kepala"})),
    );
    assert_eq!(status, 409, "{reply}");
    assert!(reply["galat"]
        .as_str()
        .unwrap_or_default()
        .contains("bertambah"));
    let (status, reply) = api(
        "PUT",
        &format!("{base}/api/v1/dokumen/{doc}/bidang?oleh=Admin"),
        Some(serde_json::json!([{"baris": keg, "bidang": "Bidang Umum"}])),
    );
    assert_eq!(status, 409, "{reply}");
    let (status, reply) = api(
        "PUT",
        &format!("{base}/api/v1/dokumen/{doc}/bidang?oleh=Admin&bentuk={bentuk}"),
        Some(serde_json::json!([{"baris": keg, "bidang": "Bidang Umum"}])),
    );
    assert_eq!(status, 200, "{reply}");
    let (_, owners) = api("GET", &format!("{base}/api/v1/dokumen/{doc}/bidang"), None);
    assert_eq!(
        owners,
        serde_json::json!([{"baris": keg, "bidang": "Bidang Umum"}])
    );
}

/// T-C.29 from the workspace page (issue 16): the PD's E.81 of two years — seed 001's, 2023 and
/// 2024, each imported into its own year's workspace — give the T-C.29 of the 2025 Renja, with
/// the seed's figures where its table is consistent (Penyusunan Dok Perencanaan: 21 | 5 | 5 | 5 |
/// 100 | 5 | 15 | 71,43). Without the year before, the page says which E.81 to import.
#[test]
fn the_workspace_gives_the_tc29_of_next_years_renja() {
    use calamine::{Data, Reader, Xlsx};
    use capaian_domain::e81::{compute, E81Settings};
    use capaian_xlsx::export::{export_e81, ExportMeta};

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let workspace = |tahun: i32| {
        let (status, created) = api(
            "POST",
            &format!("{base}/api/v1/ruang-kerja"),
            Some(serde_json::json!({
                "nama_pd": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
                "kabupaten": "Kabupaten Paser", "tahun": tahun,
                "kepala_nama": "Drs. Ahmad Fauzi", "kepala_nip": "197007071991072005",
            })),
        );
        assert_eq!(status, 201, "{created}");
        created["id"].as_str().expect("id").to_string()
    };
    let import = |ws: &str, tahun: i32| {
        let path = common::fixture("").join(format!("../tc29/tc29_001_e81_{tahun}.json"));
        let doc: capaian_domain::model::Document =
            serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
        let (computed, _) = compute(&doc, &E81Settings::default());
        let bytes = export_e81(&doc, &computed, &ExportMeta::from_document(&doc)).expect("export");
        let (status, reply) = runtime().block_on(async {
            let resp = client()
                .post(format!(
                    "{base}/api/v1/ruang-kerja/{ws}/dokumen?nama=E81-{tahun}.xlsx"
                ))
                .body(bytes)
                .send()
                .await
                .expect("upload");
            (resp.status().as_u16(), resp.text().await.expect("body"))
        });
        // The seed's tables state no money: the mapping page asks first, and the person
        // confirms the table has none.
        assert_eq!(status, 422, "{reply}");
        let reply: serde_json::Value = serde_json::from_str(&reply).expect("json");
        assert!(
            reply["galat"]
                .as_str()
                .unwrap_or_default()
                .contains("tanpa anggaran"),
            "{reply}"
        );
        let pemetaan = reply["pemetaan"].as_str().expect("the mapping page");
        let (status, location, _) = post_form(
            &format!("{base}{pemetaan}"),
            &[("aksi", "impor"), ("oleh", "Rina")],
        );
        assert_eq!(status, 303);
        let location = location.unwrap_or_default();
        // The document's id, from `/dokumen/{id}…`.
        location
            .strip_prefix("/dokumen/")
            .expect("the document page")
            .split(['?', '/', '#'])
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let ws24 = workspace(2024);
    let doc = import(&ws24, 2024);
    // Without 2023: back to the workspace page, saying which year's E.81 to import.
    let location = runtime().block_on(async {
        let resp = client()
            .get(format!("{base}/ruang-kerja/{ws24}/unduh/tc29"))
            .send()
            .await
            .expect("get");
        assert_eq!(resp.status().as_u16(), 303);
        resp.headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    });
    assert!(
        decode(&location).contains("belum ada Formulir E.81 tahun itu"),
        "{}",
        decode(&location)
    );
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws24}")).expect("page");
    for text in [
        "id=\"kartu-turunan\"",
        "Unduh T-C.29 Renja 2025",
        "Realisasi 2023 (kolom 6–7): ruang kerja Badan Kepegawaian dan Pengembangan Sumber Daya Manusia 2023 — belum ada",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }

    let ws23 = workspace(2023);
    import(&ws23, 2023);
    let (status, (kind, disposition), bytes) =
        download(&format!("{base}/ruang-kerja/{ws24}/unduh/tc29"));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert!(kind.contains("spreadsheetml"), "{kind}");
    assert!(decode_disposition(&disposition).contains("T-C.29 Renja 2025"));
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("xlsx");
    let sheet = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    let row = sheet
        .rows()
        .find(|r| {
            r.iter()
                .any(|c| matches!(c, Data::String(s) if s.starts_with("Jumlah Dok Perencanaan")))
        })
        .expect("the indicator's row");
    let numbers: Vec<f64> = row
        .iter()
        .filter_map(|c| match c {
            Data::Float(f) => Some(*f),
            Data::Int(i) => Some(*i as f64),
            _ => None,
        })
        .collect();
    // Columns 4–11 as numbers, in order: 21, 5, 5, 5, 100 %, 5, 15, 71,43 %.
    let want = [21.0, 5.0, 5.0, 5.0, 100.0, 5.0, 15.0, 71.43];
    assert_eq!(numbers.len(), want.len(), "{row:?}");
    for (got, want) in numbers.iter().zip(want) {
        assert!((got - want).abs() < 0.005, "{row:?}");
    }
    // The same table on its page, to copy into the Renja's Word document.
    let (status, page) =
        blocking_get(&format!("{base}/ruang-kerja/{ws24}/tc29")).expect("the T-C.29 page");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"salin-0\""), "{page}");
    let table = &page[page.find("id=\"tabel-0\"").expect("the table")..];
    let table = &table[..table.find("</table>").expect("its end")];
    let at = table.find("Jumlah Dok Perencanaan").expect("the row");
    let cells: Vec<&str> = table[at..]
        .split("</tr>")
        .next()
        .unwrap_or_default()
        .split("<td")
        .skip(1)
        .map(|c| {
            c.split('>')
                .nth(1)
                .unwrap_or_default()
                .trim_end_matches("</td")
        })
        .collect();
    for figure in ["21", "100,00", "15", "71,43"] {
        assert!(cells.contains(&figure), "{figure}: {cells:?}");
    }

    // The seed's own T-C.29 kept on the Rekonsiliasi page: its formulas checked, and its
    // columns 4, 5, 6, 7 and 9 against the table the plan makes.
    let (status, location) = post_multipart(
        &format!("{base}/ruang-kerja/{ws24}/rekonsiliasi/berkas"),
        "berkas_pembanding",
        vec![(
            "T-C.29 Paser.xlsx",
            std::fs::read(common::fixture("").join("../tc29/tc29_001.xlsx")).expect("tc29"),
        )],
        &[("dokumen", doc.as_str()), ("oleh", "Rina")],
    );
    assert_eq!(status, 303, "{location}");
    let section = || {
        let (_, page) =
            blocking_get(&format!("{base}/ruang-kerja/{ws24}/rekonsiliasi")).expect("page");
        let text = page_text(&page);
        let at = text
            .find("T-C.29 Paser.xlsx — T-C.29")
            .unwrap_or_else(|| panic!("{text}"));
        text[at..].to_string()
    };
    let before = section();
    // Its own formulas: each column wrong on many rows one finding with its cells.
    assert!(
        before.contains("77 baris dibaca, T-C.29 Renja 2025."),
        "{before}"
    );
    for col in [8, 10, 11] {
        assert!(
            before.contains(&format!("Kolom {col} tidak mengikuti rumusnya di ")),
            "{col}: {before}"
        );
    }
    // Every row found in the plan's table, and columns 4–9 agree (the plan's documents hold
    // the seed's figures).
    assert!(!before.contains("tidak ada di T-C.29"), "{before}");
    assert!(!before.contains(" T-C.29 | "), "{before}");
    // The 2024 target of one indicator changed in the plan: column 9 disagrees.
    let (now, _) = document_of(&base, &doc);
    let i = now
        .rows
        .iter()
        .position(|r| r.indicator.starts_with("Jumlah Dok Perencanaan"))
        .expect("the row");
    set_cell(&base, &doc, "Sari", (i, "target_k"), "6");
    let after = section();
    let found = after
        .lines()
        .find(|l| l.starts_with("Kolom 9 T-C.29 | "))
        .unwrap_or_else(|| panic!("{after}"));
    assert!(
        found.contains("Penyusunan Dok Perencanaan Perangkat Daerah — Jumlah Dok Perencanaan")
            && found.contains("| 6 | 'T-C.29' baris ")
            && found.ends_with(": 5 |  | "),
        "{found}"
    );
    assert_eq!(after.matches(" T-C.29 | ").count(), 1, "{after}");
    server.stop();
}

/// An agency's laporan capaian kinerja dan keuangan uploaded as a workbook (issue 14): read by
/// its headers through the mapping step into a document of that form, whose values are the
/// file's (seed 004's Tabel 3.2.8: TW II realisasi of its sub kegiatan), printed back as the
/// official laporan and as its own template filled.
#[test]
fn a_laporan_uploads_through_the_mapping_step_into_a_document_of_its_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    post_form(
        &format!("{base}/ruang-kerja"),
        &workspace_form("BKPSDM", "2024", "197007071991072005"),
    );
    let ws = list_workspaces(&base)[0]["id"]
        .as_str()
        .expect("workspace id")
        .to_string();
    let path = common::fixture("").join(
        "../laporan/tabel_3_2_8_capaian_kinerja_keuangan_program_pengembangan_sdm_sd_tw2.xlsx",
    );
    let bytes = std::fs::read(&path).expect("fixture");
    let expected = capaian_xlsx::read_workbook_with(
        &bytes,
        &capaian_xlsx::Limits::default(),
        &capaian_xlsx::FormProfile::laporan(),
    )
    .expect("reads as a laporan")
    .document;
    let (status, mapping) = upload(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "Tabel 3.2.8.xlsx",
        bytes,
    );
    assert_eq!(status, 303);
    assert!(mapping.contains("/pemetaan/"), "{mapping}");
    let (status, location, _) = post_form(
        &format!("{base}{mapping}"),
        &[("aksi", "impor"), ("oleh", "Rina")],
    );
    assert_eq!(status, 303);
    let doc = location
        .unwrap_or_default()
        .trim_start_matches("/dokumen/")
        .to_string();
    assert!(!doc.is_empty());
    let (stored, _) = document_of(&base, &doc);
    assert_eq!(stored.form, "laporan_triwulan");
    assert_eq!(stored.rows.len(), expected.rows.len());
    for (a, b) in stored.rows.iter().zip(&expected.rows) {
        assert_eq!(
            (&a.tw, &a.rencana.triwulan),
            (&b.tw, &b.rencana.triwulan),
            "{}",
            a.name
        );
    }
    let (status, page) = blocking_get(&format!("{base}/dokumen/{doc}")).expect("page");
    assert_eq!(status, 200, "{page}");
    // Printed back as the official laporan, and as the agency's own file filled.
    for kind in ["laporan", "template"] {
        let (status, _, bytes) = download(&format!("{base}/dokumen/{doc}/unduh/{kind}"));
        assert_eq!(status, 200, "{kind}");
        let back = capaian_xlsx::read_workbook_with(
            &bytes,
            &capaian_xlsx::Limits::default(),
            &capaian_xlsx::FormProfile::laporan(),
        )
        .expect("reads back as a laporan");
        for (a, b) in back.document.rows.iter().zip(&expected.rows) {
            assert_eq!(a.tw, b.tw, "{kind}: {}", a.name);
        }
    }
    server.stop();
}

/// A SIPD realisasi by month (issue 15: "a month's report fills the months it covers") merged
/// into the E.81 document: the merge page lists the months (not the quarters they make);
/// accepted, each month is stored and each quarter with months is their sum — TW I of January
/// to March, TW II of April so far — up to the kegiatan and program; a quarter that is the sum of
/// its months is refused when written by itself, and changes when a month does; a later report
/// giving only the quarter's total is no difference to accept but a line on its page; the
/// exported E.81 prints the quarters. Expected values: the fixture's hand-written
/// `.expected.json`, and the document before the merge.
#[test]
fn a_sipd_realisasi_by_month_fills_the_months_and_their_quarters() {
    use rust_decimal::Decimal;
    use std::str::FromStr;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, versi) = document_of(&base, &doc);
    let sipd_dir = common::fixture("").join("../sipd");
    let name = "realisasi_bulanan_e81_101_sd_april.xlsx";
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(sipd_dir.join("realisasi_bulanan_e81_101_sd_april.expected.json"))
            .expect("expected"),
    )
    .expect("json");
    let d = |v: &serde_json::Value| Decimal::from_str(v.as_str().expect("amount")).expect("dec");
    // The file's kegiatan 5.03.01.2.09 and its sub kegiatan 0002 and 0006 are rows 1, 2, 3.
    let months: Vec<(usize, Vec<Decimal>)> = [
        (1, "5.03.01.2.09"),
        (2, "5.03.01.2.09.0002"),
        (3, "5.03.01.2.09.0006"),
    ]
    .into_iter()
    .map(|(row, kode)| {
        let node = expected["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["kode"] == kode)
            .expect("node");
        let m = node["realisasi_bulan"]
            .as_array()
            .expect("months")
            .iter()
            .map(d)
            .collect();
        (row, m)
    })
    .collect();

    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        name,
        std::fs::read(sipd_dir.join(name)).expect("fixture"),
        Some(&doc),
    );
    assert_eq!(status, 303);
    let (_, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    for text in [
        "Periode: s.d. April",
        "data-kolom=\"realisasi_bulan1\"",
        "data-kolom=\"realisasi_bulan4\"",
        "Realisasi Rp April",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    for absent in ["data-kolom=\"tw1_rp\"", "data-kolom=\"tw2_rp\""] {
        assert!(!page.contains(absent), "one difference per cause: {absent}");
    }
    let versi_text = versi.to_string();
    let (status, _, _) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi_text.as_str()),
            ("tw", "2"),
            ("aksi", "semua"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303);
    let (after, _) = document_of(&base, &doc);
    for (row, m) in &months {
        let r = &after.rows[*row];
        for (i, v) in m.iter().enumerate() {
            assert_eq!(r.rencana.bulan[i], Some(*v), "row {row} month {}", i + 1);
        }
        assert!(
            r.rencana.bulan[4..].iter().all(Option::is_none),
            "row {row}"
        );
        assert_eq!(r.tw[0].rp, Some(m[0] + m[1] + m[2]), "row {row} TW I");
        assert_eq!(r.tw[1].rp, Some(m[3]), "row {row} TW II so far");
    }
    // Sub kegiatan 0006's TW I was the E.81's already (110.418.100); 0002's is new.
    assert_eq!(after.rows[3].tw[0].rp, before.rows[3].tw[0].rp);
    assert_ne!(after.rows[2].tw[0].rp, before.rows[2].tw[0].rp);
    // The program followed its kegiatan (its quarters were the sum of its rows).
    let program =
        |doc: &capaian_domain::model::Document, q: usize| doc.rows[0].tw[q].rp.unwrap_or_default();
    for q in [0, 1] {
        let kegiatan_change = after.rows[1].tw[q].rp.unwrap_or_default()
            - before.rows[1].tw[q].rp.unwrap_or_default();
        assert_eq!(
            program(&after, q),
            program(&before, q) + kegiatan_change,
            "TW {}",
            q + 1
        );
    }
    let (_, merged) = events_of(&base, &doc, "ubah");
    assert!(merged
        .iter()
        .any(|e| e["kolom"] == "realisasi_bulan4" && e["sumber"] == name));

    // A quarter made of months is not written by itself; a month changes it.
    let patch = |kolom: &str, nilai: &str| {
        let (_, kisi) = api("GET", &format!("{base}/api/v1/dokumen/{doc}/kisi"), None);
        let bentuk = kisi["summary"]["bentuk"].as_u64().unwrap_or(0);
        api(
            "PATCH",
            &format!("{base}/api/v1/dokumen/{doc}/sel"),
            Some(serde_json::json!({
                "oleh": "Sari",
                "bentuk": bentuk,
                "perubahan": [{"baris": 2, "kolom": kolom, "nilai": nilai, "versi": 0}],
            })),
        )
    };
    let (status, reply) = patch("tw2_rp", "5000000");
    assert_eq!(status, 422, "{reply}");
    assert!(
        reply["galat"]
            .as_str()
            .unwrap_or_default()
            .contains("Realisasi Rp TW II adalah jumlah realisasi bulanannya (April, Mei, Juni)"),
        "{reply}"
    );
    let (status, reply) = patch("realisasi_bulan5", "300.000");
    assert_eq!(status, 200, "{reply}");
    let (now, _) = document_of(&base, &doc);
    let may = Decimal::from(300_000);
    assert_eq!(now.rows[2].tw[1].rp, Some(months[1].1[3] + may));
    assert_eq!(
        now.rows[1].tw[1].rp,
        Some(months[0].1[3] + may),
        "the kegiatan follows"
    );

    // The realisasi so far through June gives TW II as one figure: for the rows kept by month
    // it is no difference to accept, but a line on the page.
    let sd_juni = "realisasi_e81_101_sd_juni.xlsx";
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        sd_juni,
        std::fs::read(sipd_dir.join(sd_juni)).expect("fixture"),
        Some(&doc),
    );
    assert_eq!(status, 303);
    let (_, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert!(
        page.contains("3 baris: realisasi triwulan di dokumen adalah jumlah realisasi bulanannya"),
        "{page}"
    );

    // The exported E.81 prints the quarters.
    let (status, _, official) = download(&format!("{base}/dokumen/{doc}/unduh/formulir"));
    assert_eq!(status, 200);
    let read = capaian_xlsx::read_workbook(&official, &capaian_xlsx::Limits::default())
        .expect("the export reads back");
    assert_eq!(read.document.rows[2].tw[1].rp, now.rows[2].tw[1].rp);
    assert_eq!(read.document.rows[2].tw[0].rp, now.rows[2].tw[0].rp);
    // So does the laporan capaian kinerja dan keuangan (issue 14), read back as that form.
    let (status, (_, disposition), laporan) =
        download(&format!("{base}/dokumen/{doc}/unduh/laporan"));
    assert_eq!(status, 200);
    assert!(decode_disposition(&disposition).contains("Laporan Triwulan TW II 2026"));
    let read = capaian_xlsx::read_workbook_with(
        &laporan,
        &capaian_xlsx::Limits::default(),
        &capaian_xlsx::FormProfile::laporan(),
    )
    .expect("the laporan reads back");
    assert_eq!(read.document.form, "laporan_triwulan");
    assert_eq!(read.document.rows[2].tw[1].rp, now.rows[2].tw[1].rp);

    // The workspace page draws the document's charts (issue 16): a bar per program, the
    // penyerapan per quarter.
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}")).expect("page");
    for text in [
        "id=\"kartu-grafik\"",
        "id=\"grafik-capaian\"><svg",
        "id=\"grafik-serapan\"><svg",
        "role=\"img\"",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    assert!(!page.contains("Belum ada data"), "the document has figures");
    let programs = now
        .rows
        .iter()
        .filter(|r| r.level == capaian_domain::model::Level::Program)
        .count();
    // Each bar is a rect in the bars' colour (capaian_domain::grafik), on the capaian chart.
    let capaian_svg = page
        .split("id=\"grafik-capaian\">")
        .nth(1)
        .and_then(|rest| rest.split("</svg>").next())
        .unwrap_or_default();
    let bars = capaian_svg.matches("fill=\"#1f4e79\"/>").count();
    assert_eq!(bars, programs, "a bar per program");
}

/// A SIPD export of realisasi so far merges into the E.81 document of the same agency: it is
/// refused as a document of its own; into the document, its merge page compares each program,
/// kegiatan and sub kegiatan (four-digit sub kegiatan codes matched to the E.81's two-digit
/// ones by name) — the pagu as column 7 Rp, and the realisasi so far (through June, from the
/// title) as TW II, less the document's TW I. Accepting everything stores exactly those values,
/// as events naming the file; a row whose TW I already exceeds the file's total keeps its TW II;
/// the file becomes no template and the document's quarter stays; the exported E.81 shows the
/// values. Expected values: the fixture's hand-written `.expected.json` and the document as it
/// was before.
#[test]
fn a_sipd_export_merges_its_pagu_and_realisasi_into_the_e81() {
    use capaian_domain::edit::{get, Cell, CellValue};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, versi) = document_of(&base, &doc);
    let sipd_dir = common::fixture("").join("../sipd");
    let name = "realisasi_e81_101_sd_juni.xlsx";
    let bytes = std::fs::read(sipd_dir.join(name)).expect("fixture");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(sipd_dir.join("realisasi_e81_101_sd_juni.expected.json"))
            .expect("expected"),
    )
    .expect("json");

    // Not a document of its own.
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        name,
        bytes.clone(),
        None,
    );
    assert_eq!(status, 303);
    assert!(
        decode(&location).contains("ekspor SIPD (SIPD rekapitulasi belanja), bukan formulir E.81"),
        "{}",
        decode(&location)
    );

    // Scripts alike: without a document, 422 with the reason; into the document, its merge
    // page (202).
    let api_upload = |gabung: &str| {
        runtime().block_on(async {
            let resp = client()
                .post(format!(
                    "{base}/api/v1/ruang-kerja/{ws}/dokumen?nama={name}&gabung={gabung}"
                ))
                .body(bytes.clone())
                .send()
                .await
                .expect("api upload");
            let status = resp.status().as_u16();
            (
                status,
                resp.json::<serde_json::Value>().await.expect("json"),
            )
        })
    };
    let (status, reply) = api_upload("");
    assert_eq!(status, 422, "{reply}");
    assert!(reply.to_string().contains("bukan formulir E.81"), "{reply}");
    let (status, reply) = api_upload(&doc);
    assert_eq!(status, 202, "{reply}");
    assert!(reply["gabung"]
        .as_str()
        .is_some_and(|g| g.contains("/gabung/")));

    // What the merge must find, from the fixture's expected nodes and the document before.
    let d = |v: &serde_json::Value| Decimal::from_str(v.as_str().expect("amount")).expect("dec");
    let node_of = |kode: &str| {
        // The E.81 (without codes: the nomenclature's) prints the penunjang program's urusan as
        // X.XX and sub kegiatan with two digits; SIPD (2024 on) prints 5.03 and four digits.
        let kode = kode.replace("X.XX", "5.03");
        let segs: Vec<&str> = kode.split('.').collect();
        let sipd = if segs.len() == 6 && segs[5].len() == 2 {
            format!("{}.00{}", segs[..5].join("."), segs[5])
        } else {
            kode.clone()
        };
        expected["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["kode"] == sipd.as_str())
            .cloned()
    };
    let rp = |v: Option<Decimal>| v.map_or(CellValue::Empty, CellValue::Rp);
    let mut want_pagu = Vec::new();
    let mut want_tw2 = Vec::new();
    let mut exceeds = Vec::new();
    for (i, row) in before.rows.iter().enumerate() {
        let kode = row.kode_shown().unwrap_or_default();
        let node = node_of(kode).unwrap_or_else(|| panic!("{kode}: every row is in the file"));
        let pagu = d(&node["anggaran"]);
        if row.target.rp != Some(pagu) {
            want_pagu.push((i, pagu));
        }
        let own = d(&node["realisasi"]) - row.tw[0].rp.unwrap_or_default();
        if own < Decimal::ZERO {
            exceeds.push(i);
        } else if row.tw[1].rp != Some(own) {
            want_tw2.push((i, own));
        }
    }
    assert!(!want_pagu.is_empty() && !want_tw2.is_empty() && exceeds.len() == 1);

    // Into the E.81 document: the merge page, nothing stored yet.
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        name,
        bytes,
        Some(&doc),
    );
    assert_eq!(status, 303);
    assert!(location.contains("/gabung/"), "{location}");
    let (status, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert_eq!(status, 200);
    assert!(
        !page.contains("Perhatian: berkas ini tahun anggaran"),
        "the same year"
    );
    for text in [
        "14 dari 15 program, kegiatan dan sub kegiatan berkas cocok",
        "1 program, kegiatan atau sub kegiatan berkas tidak ada di dokumen: tidak ditambahkan",
        "realisasi s.d. akhir Triwulan II",
        "1 baris: realisasi triwulan sebelumnya di dokumen sudah melebihi",
        "Berkas SIPD tidak menjadi template dokumen",
        "Periode: s.d. Juni",
        "data-kolom=\"target_rp\"",
        "data-kolom=\"tw2_rp\"",
        "id=\"triwulan-berkas\"",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    for absent in [
        "id=\"tambah-baris-baru\"",
        "id=\"dokumen-baru\"",
        "jadikan-template",
    ] {
        assert!(!page.contains(absent), "{absent}");
    }
    assert!(page.contains(&format!(
        "{} nilai berbeda di 2 kolom",
        want_pagu.len() + want_tw2.len()
    )));
    // Another quarter, chosen by the person: the file's realisasi so far as TW III.
    let (_, tw3) = blocking_get(&format!("{base}{location}?tw=3")).expect("merge page");
    assert!(tw3.contains("data-kolom=\"tw3_rp\"") && !tw3.contains("data-kolom=\"tw2_rp\""));
    assert_eq!(document_of(&base, &doc).1, versi, "nothing stored yet");

    let versi_text = versi.to_string();
    let (status, back, _) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi_text.as_str()),
            ("tw", "2"),
            ("aksi", "semua"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303);
    assert!(back
        .unwrap_or_default()
        .starts_with(&format!("/dokumen/{doc}")));
    let (after, _) = document_of(&base, &doc);
    assert_eq!(after.rows.len(), before.rows.len(), "no row added");
    assert_eq!(after.quarter, before.quarter, "the reporting quarter stays");
    for (i, (a, b)) in after.rows.iter().zip(&before.rows).enumerate() {
        for cell in capaian_domain::gabung::kolom_gabung() {
            let want = match cell {
                Cell::TargetRp => want_pagu.iter().find(|p| p.0 == i).map(|p| rp(Some(p.1))),
                Cell::TwRp(2) => want_tw2.iter().find(|p| p.0 == i).map(|p| rp(Some(p.1))),
                _ => None,
            }
            .unwrap_or_else(|| get(b, cell));
            assert!(
                get(a, cell).same(&want),
                "row {i} {cell:?}: {:?}",
                get(a, cell)
            );
        }
    }
    // Every accepted value is an event naming the file.
    let (log, merged) = events_of(&base, &doc, "ubah");
    assert_eq!(merged.len(), want_pagu.len() + want_tw2.len(), "{log}");
    assert!(merged
        .iter()
        .all(|e| e["sumber"] == name && e["oleh"] == "Rina"));
    assert!(
        !log["peristiwa"].to_string().contains("triwulan_laporan"),
        "the quarter did not move"
    );
    // The exported E.81 shows them.
    let (status, _, official) = download(&format!("{base}/dokumen/{doc}/unduh/formulir"));
    assert_eq!(status, 200);
    let read = capaian_xlsx::read_workbook(&official, &capaian_xlsx::Limits::default())
        .expect("the export reads back");
    for (i, own) in &want_tw2 {
        assert_eq!(read.document.rows[*i].tw[1].rp, Some(*own), "row {i}");
    }
    for (i, pagu) in &want_pagu {
        assert_eq!(read.document.rows[*i].target.rp, Some(*pagu), "row {i}");
    }
    // An anggaran kas (another agency's, the real Sumenep export) states no realisasi: only
    // the pagu is compared, and no quarter is asked for.
    let rak = "sumenep_dinkes_kesling_anggaran_kas_sipd_2025.xlsx";
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        rak,
        std::fs::read(sipd_dir.join(rak)).expect("fixture"),
        Some(&doc),
    );
    assert_eq!(status, 303);
    let (_, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert!(
        page.contains("Berkas ini tidak memuat realisasi: hanya pagu"),
        "{page}"
    );
    assert!(!page.contains("id=\"pilih-triwulan\""), "{page}");
    assert!(
        page.contains("0 dari "),
        "another agency's rows match none: {page}"
    );
    assert!(
        page.contains("Perhatian: berkas ini tahun anggaran 2025, ruang kerja ini tahun 2026"),
        "{page}"
    );
    assert!(!page.contains("id=\"penyerapan-kas\""), "no row has a kas");
    // This document's own anggaran kas: each quarter's realisasi against its kas, per row
    // whose node the RAK has whole (the kegiatan and its two sub kegiatan; not the program,
    // whose other kegiatan the RAK lacks).
    let rak = "anggaran_kas_e81_101.xlsx";
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        rak,
        std::fs::read(sipd_dir.join(rak)).expect("fixture"),
        Some(&doc),
    );
    assert_eq!(status, 303);
    let (_, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert!(page.contains("id=\"penyerapan-kas\""), "{page}");
    // Kas by hand from the generator's months: sub kegiatan 0006 TW I 200.000.000 + 20.000.000,
    // TW II 300.000.000 + 30.000.000; sub kegiatan 0002 TW I 6.000.000 + 3.000.000.
    let sub06 = after
        .rows
        .iter()
        // The E.81 prints the penunjang program's urusan as X.XX.
        .position(|r| r.kode_shown().is_some_and(|k| k.ends_with(".01.2.09.0006")))
        .expect("row 0006");
    for (q, kas) in [(0usize, "220000000"), (1, "330000000")] {
        let kas = Decimal::from_str(kas).expect("kas");
        let real = after.rows[sub06].tw[q].rp.unwrap_or_default();
        let cell = format!(
            "title=\"Rp {} ÷ Rp {}\" class=\"angka\">{}</td>",
            app::format::angka(real),
            app::format::angka(kas),
            app::format::persen(Some(real * Decimal::ONE_HUNDRED / kas))
        );
        assert!(page.contains(&cell), "{cell}: {page}");
    }
    // Rows are labelled by kode (the program's is X.XX.01) and indicator.
    let table = &page[page.find("id=\"penyerapan-kas\"").expect("table")..];
    let table = &table[..table.find("</table>").expect("end")];
    assert!(table.contains("<td>X.XX.01.2.09 "), "the kegiatan: {table}");
    assert!(!table.contains("<td>X.XX.01 "), "not the program: {table}");
    assert!(
        table.contains("realisasi belum diisi"),
        "TW III is not reported yet"
    );
}

/// A Renja uploaded into the E.81 document: its targets and pagu are column 7's, compared
/// cell by cell on the merge page; accepted, they are the document's, each an event naming the
/// file; a Renja never becomes the template or a document of its own.
#[test]
fn a_renja_merges_its_targets_and_pagu_into_the_e81() {
    use capaian_domain::edit::{get, Cell, CellValue};
    use capaian_domain::model::{KValue, Level};
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, versi) = document_of(&base, &doc);
    let tahun = before.year.expect("year");
    // The Renja the E.81 came from, with the perubahan the team made since: one sub kegiatan's
    // pagu and another's target.
    let mut rows = before.rows.clone();
    let subs: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows[i].level == Level::SubKegiatan
                && rows[i].target.rp.is_some()
                && matches!(rows[i].target.k, Some(KValue::Number(_)))
        })
        .take(2)
        .collect();
    let (a, b) = (subs[0], subs[1]);
    let pagu = rows[a].target.rp.expect("pagu") + Decimal::from(2_500_000);
    rows[a].target.rp = Some(pagu);
    rows[b].target.k = Some(KValue::Number(Decimal::from(77)));
    // What E.81 does not print, the plan keeps: every row's lokasi and sumber dana (the
    // generator's `Kota Banjarbaru` and `APBD`), one sub kegiatan's own, its n+1 pagu.
    rows[a].rencana.lokasi = "Kec. Landasan Ulin".into();
    let maju = Decimal::from(480_000_000);
    rows[a].rencana.maju.rp = Some(maju);
    let nodes = (0..rows.len())
        .filter(|&i| rows[i].level != Level::Indikator)
        .count();
    let name = "renja_perubahan.xlsx";
    let bytes = common::renja_berkas::renja_workbook(tahun, &rows);

    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        name,
        bytes,
        Some(&doc),
    );
    assert_eq!(status, 303);
    assert!(location.contains("/gabung/"), "{location}");
    let (status, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert_eq!(status, 200);
    let berbeda = format!("{} nilai berbeda di 5 kolom", 2 + 2 * nodes + 1);
    for text in [
        berbeda.as_str(),
        "data-kolom=\"target_rp\"",
        "data-kolom=\"target_k\"",
        "data-kolom=\"lokasi\"",
        "data-kolom=\"sumber_dana\"",
        "data-kolom=\"maju_rp\"",
        "Berkas Renja tidak menjadi template dokumen",
        "id=\"isi-berkas-renja\"",
        &format!("Tahun rencana: {tahun} (prakiraan maju {})", tahun + 1),
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    for absent in [
        "id=\"dokumen-baru\"",
        "jadikan-template",
        "Perhatian: berkas ini tahun",
    ] {
        assert!(!page.contains(absent), "{absent}");
    }
    assert_eq!(document_of(&base, &doc).1, versi, "nothing stored yet");

    let versi_text = versi.to_string();
    let (status, back, _) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi_text.as_str()),
            ("aksi", "semua"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303);
    assert!(back
        .unwrap_or_default()
        .starts_with(&format!("/dokumen/{doc}")));
    let (after, _) = document_of(&base, &doc);
    assert_eq!(after.rows.len(), before.rows.len());
    // The sub kegiatan's kegiatan and program: their pagu, the sum of their rows, follows.
    let above = |level: Level| (0..a).rev().find(|&i| before.rows[i].level == level);
    let ancestors = [above(Level::Kegiatan), above(Level::Program)];
    let text = |s: &str| CellValue::Text(s.into());
    for (i, (x, y)) in after.rows.iter().zip(&before.rows).enumerate() {
        let node = y.level != Level::Indikator;
        for cell in capaian_domain::gabung::kolom_gabung() {
            let want = match (i, cell) {
                (i, Cell::TargetRp) if i == a => CellValue::Rp(pagu),
                (i, Cell::Lokasi) if i == a => text("Kec. Landasan Ulin"),
                (_, Cell::Lokasi) if node => text("Kota Banjarbaru"),
                (_, Cell::SumberDana) if node => text("APBD"),
                (i, Cell::MajuRp) if i == a => CellValue::Rp(maju),
                (i, Cell::TargetK) if i == b => CellValue::K(KValue::Number(Decimal::from(77))),
                (i, Cell::TargetRp) if ancestors.contains(&Some(i)) => {
                    CellValue::Rp(y.target.rp.expect("pagu") + Decimal::from(2_500_000))
                }
                _ => get(y, cell),
            };
            assert!(
                get(x, cell).same(&want),
                "row {i} {cell:?}: {:?}",
                get(x, cell)
            );
        }
    }
    // The accepted values, and the two parents that followed the pagu: each an event naming
    // the file.
    let (log, merged) = events_of(&base, &doc, "ubah");
    assert_eq!(merged.len(), 2 + 2 * nodes + 1 + 2, "{log}");
    assert!(merged
        .iter()
        .all(|e| e["sumber"] == name && e["oleh"] == "Rina"));
    // The template is still the imported E.81.
    let (status, _, filled) = download(&format!("{base}/dokumen/{doc}/unduh/template"));
    assert_eq!(status, 200, "the E.81 template still fills");
    assert!(capaian_xlsx::read_workbook(&filled, &capaian_xlsx::Limits::default()).is_ok());
    // The document printed as the Renja carries them back: lokasi, sumber dana, n+1.
    let (status, _, bytes) = download(&format!("{base}/dokumen/{doc}/unduh/renja"));
    assert_eq!(status, 200);
    let printed = capaian_xlsx::renja::read_renja(&bytes, &capaian_xlsx::Limits::default())
        .expect("the download reads as a Renja")
        .renja;
    let row_a = printed
        .baris
        .iter()
        .find(|r| r.kode == before.rows[a].kode)
        .expect("the sub kegiatan in the Renja");
    assert_eq!(row_a.murni.lokasi, "Kec. Landasan Ulin");
    assert_eq!(row_a.murni.sumber_dana, "APBD");
    assert_eq!(row_a.murni.pagu, Some(pagu));
    assert_eq!(row_a.maju.pagu, Some(maju));

    // A later Renja brings a sub kegiatan the E.81 lacks, with its indicator: it can be added
    // (a Renja row is an E.81 row: it has its indicator), with its target and pagu.
    let (now, versi) = document_of(&base, &doc);
    let mut rows = now.rows.clone();
    let mut baru = rows[a].clone();
    baru.kode = None;
    baru.kode_raw = None;
    baru.name = "Penyediaan Jasa Pemeliharaan Gedung Kantor".into();
    baru.indicator = "Jumlah Gedung Kantor yang Dipelihara".into();
    baru.unit = Some("Unit".into());
    baru.target.k = Some(KValue::Number(Decimal::from(3)));
    baru.target.rp = Some(Decimal::from(15_000_000));
    rows.insert(a + 1, baru);
    let name = "renja_perubahan_2.xlsx";
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        name,
        common::renja_berkas::renja_workbook(tahun, &rows),
        Some(&doc),
    );
    assert_eq!(status, 303);
    let (_, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert!(page.contains("id=\"tambah-baris-baru\""), "{page}");
    assert!(
        page.contains("1 baris berkas tidak ada di dokumen"),
        "{page}"
    );
    let versi_text = versi.to_string();
    let (status, _, _) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi_text.as_str()),
            ("aksi", "terima"),
            ("baris_baru", "1"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303);
    let (after, _) = document_of(&base, &doc);
    assert_eq!(after.rows.len(), now.rows.len() + 1);
    let added = after
        .rows
        .iter()
        .find(|r| r.name == "Penyediaan Jasa Pemeliharaan Gedung Kantor")
        .expect("the new sub kegiatan");
    assert_eq!(added.level, Level::SubKegiatan);
    assert_eq!(added.indicator, "Jumlah Gedung Kantor yang Dipelihara");
    assert_eq!(added.target.k, Some(KValue::Number(Decimal::from(3))));
    assert_eq!(added.target.rp, Some(Decimal::from(15_000_000)));
}

/// A Renja uploaded with no document to merge into waits on its page, which offers to make
/// the year's E.81 of it; confirmed, the document's rows are the Renja's, column 7 its targets
/// and pagu, and the document's own file is the Renja, given back filled.
#[test]
fn a_renja_without_a_document_becomes_the_years_e81_once_confirmed() {
    use capaian_domain::model::Level;
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    // The rows of an E.81 (another workspace's), printed as the agency's Renja.
    let (_, source) = imported_fixture(&base, "e81_101.xlsx");
    let (e81, _) = document_of(&base, &source);
    post_form(
        &format!("{base}/ruang-kerja"),
        &workspace_form("BKPSDM", "2027", "197007071991072005"),
    );
    let ws = list_workspaces(&base)
        .as_array()
        .expect("workspaces")
        .iter()
        .find(|w| w["tahun"] == 2027)
        .and_then(|w| w["id"].as_str().map(str::to_string))
        .expect("the 2027 workspace");
    let mut rows = e81.rows.clone();
    let sub = rows
        .iter()
        .position(|r| r.level == Level::SubKegiatan && r.target.rp.is_some())
        .expect("a sub kegiatan");
    rows[sub].target.rp = Some(Decimal::from(77_000_000));
    let bytes = common::renja_berkas::renja_workbook(2027, &rows);
    // Scripts alike: 202 and the page's address, nothing stored.
    let (status, reply) = runtime().block_on(async {
        let resp = client()
            .post(format!(
                "{base}/api/v1/ruang-kerja/{ws}/dokumen?nama=renja_2027.xlsx"
            ))
            .body(bytes.clone())
            .send()
            .await
            .expect("api upload");
        (
            resp.status().as_u16(),
            resp.json::<serde_json::Value>().await.expect("json"),
        )
    });
    assert_eq!(status, 202, "{reply}");
    assert!(reply["gabung"]
        .as_str()
        .is_some_and(|g| g.contains("/gabung/")));
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "renja_2027.xlsx",
        bytes,
        None,
    );
    assert_eq!(status, 303);
    assert!(location.contains("/gabung/"), "{location}");
    let (_, page) = blocking_get(&format!("{base}{location}")).expect("page");
    for text in [
        "renja_2027.xlsx<!> adalah Renja",
        "id=\"buat-dokumen\"",
        "Sub kegiatan: ",
        "Tahun rencana: 2027",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    assert!(!page.contains("id=\"tahun-renja\""), "the same year");
    let documents = |ws: &str| {
        let (_, reply) = api("GET", &format!("{base}/api/v1/ruang-kerja/{ws}"), None);
        reply["dokumen"].as_array().map_or(0, Vec::len)
    };
    assert_eq!(documents(&ws), 0, "nothing stored yet");
    let (status, back, _) = post_form(&format!("{base}{location}"), &[("aksi", "buat")]);
    assert_eq!(status, 303);
    let doc = back
        .unwrap_or_default()
        .trim_start_matches("/dokumen/")
        .to_string();
    assert!(!doc.is_empty());
    let (made, _) = document_of(&base, &doc);
    assert_eq!(made.rows.len(), rows.len());
    assert_eq!(made.quarter, Some(1));
    for (m, r) in made.rows.iter().zip(&rows) {
        assert_eq!(m.level, r.level);
        assert_eq!(m.indicator, r.indicator);
        assert_eq!(m.target.k, r.target.k, "{}", r.indicator);
        assert_eq!(m.target.rp, r.target.rp, "{}", r.indicator);
        assert!(m.tw.iter().all(|t| t.rp.is_none()), "no realisasi yet");
        // What E.81 does not print is kept with the row: the node's lokasi and sumber dana.
        let (lokasi, dana) = match r.level {
            Level::Indikator => ("", ""),
            _ => ("Kota Banjarbaru", "APBD"),
        };
        assert_eq!(m.rencana.lokasi, lokasi, "{}", r.indicator);
        assert_eq!(m.rencana.sumber_dana, dana, "{}", r.indicator);
    }
    assert_eq!(made.rows[sub].target.rp, Some(Decimal::from(77_000_000)));
    // Nothing is reported yet: no row asks for a faktor penghambat of its 0 %.
    let (_, view) = api("GET", &format!("{base}/api/v1/dokumen/{doc}"), None);
    let asks = view["masalah"]
        .as_array()
        .expect("masalah")
        .iter()
        .filter(|p| p["code"] == "capaian_rendah_tanpa_penghambat")
        .count();
    assert_eq!(asks, 0, "{}", view["masalah"]);
    // Its file is the Renja: given back filled with column 7 as it stands.
    let (status, _, filled) = download(&format!("{base}/dokumen/{doc}/unduh/template"));
    assert_eq!(status, 200);
    let read = capaian_xlsx::renja::read_renja(&filled, &capaian_xlsx::Limits::default())
        .expect("the template is the Renja");
    assert_eq!(
        read.renja.baris.len(),
        rows.len() + 2,
        "bidang and unit rows too"
    );
    assert_eq!(
        read.renja.baris[sub + 2].murni.pagu,
        Some(Decimal::from(77_000_000))
    );
    assert_eq!(read.renja.baris[sub + 2].murni.target, rows[sub].target.k);
    assert_eq!(documents(&ws), 1);
}

/// The document printed as the Renja (`/dokumen/{id}/unduh/renja`): every target and pagu of
/// column 7 in its row of the Renja (read back as one); once its budget change began, the
/// Renja Perubahan lampiran with murni beside perubahan and the selisih.
#[test]
fn the_document_prints_as_its_renja_and_after_a_budget_change_as_the_lampiran() {
    use capaian_domain::model::Level;
    use capaian_domain::renja::{hitung, Cetakan};
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (_, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, versi) = document_of(&base, &doc);
    let (_, page) = blocking_get(&format!("{base}/dokumen/{doc}")).expect("page");
    assert!(page.contains(&format!("href=\"/dokumen/{doc}/unduh/renja\"")));
    let renja_of = || {
        let (status, _, bytes) = download(&format!("{base}/dokumen/{doc}/unduh/renja"));
        assert_eq!(status, 200);
        capaian_xlsx::renja::read_renja(&bytes, &capaian_xlsx::Limits::default())
            .expect("the download reads as a Renja")
    };
    let read = renja_of();
    assert_eq!(read.renja.cetakan, Cetakan::Murni);
    // One Renja row per E.81 row, in order (no bidang or unit rows: the E.81 has none).
    assert_eq!(read.renja.baris.len(), before.rows.len());
    for (r, e) in read.renja.baris.iter().zip(&before.rows) {
        assert_eq!(r.murni.target, e.target.k, "{}", e.indicator);
        if e.level != Level::Indikator {
            assert_eq!(r.nama, e.name);
        }
    }
    // The sub kegiatan's pagu, rolled up, is the E.81's pagu (Σ program Rp).
    let subs: Decimal = before
        .rows
        .iter()
        .filter(|r| r.level == Level::SubKegiatan)
        .filter_map(|r| r.target.rp)
        .sum();
    assert_eq!(hitung(&read.renja).0.jumlah_murni, Some(subs));

    // The budget change, then one sub kegiatan's pagu changed.
    let (status, reply) = api(
        "POST",
        &format!("{base}/api/v1/dokumen/{doc}/perubahan-anggaran"),
        Some(serde_json::json!({"oleh": "Rina", "alasan": "APBD-P"})),
    );
    assert_eq!(status, 200, "{reply}");
    let sub = before
        .rows
        .iter()
        .position(|r| r.level == Level::SubKegiatan && r.target.rp.is_some())
        .expect("a sub kegiatan");
    let old = before.rows[sub].target.rp.expect("pagu");
    let (status, reply) = api(
        "PATCH",
        &format!("{base}/api/v1/dokumen/{doc}/sel"),
        Some(serde_json::json!({
            "oleh": "Rina",
            "bentuk": 0,
            "perubahan": [{"baris": sub, "kolom": "target_rp", "nilai": "99.000.000", "versi": 0}],
        })),
    );
    assert_eq!(status, 200, "{reply} (versi {versi})");
    let read = renja_of();
    assert_eq!(read.renja.cetakan, Cetakan::SebelumSesudah);
    let row = &read.renja.baris[sub];
    assert_eq!(row.murni.pagu, Some(old));
    assert_eq!(row.perubahan.pagu, Some(Decimal::from(99_000_000)));
    let (h, _) = hitung(&read.renja);
    assert_eq!(h.selisih[sub], Some(Decimal::from(99_000_000) - old));
    assert_eq!(
        h.perubahan_pagu.expect("perubahan").berubah,
        vec![sub],
        "only that sub kegiatan changed"
    );
}

/// An agency's Perjanjian Kinerja merged into the E.81 (issue 14): its lampiran anggaran's
/// rows match the document's by node (they carry no indicators); the one sub kegiatan whose
/// anggaran differs — and its kegiatan and program, which the PK sums — are the differences,
/// with the PK's summary; accepted, column 7 Rp holds the PK's anggaran as events naming the
/// file; no row is added and the PK is not the template.
#[test]
fn a_pk_merges_its_anggaran_into_the_e81() {
    use capaian_domain::model::Level;
    use capaian_domain::pk::TingkatSasaran;
    use capaian_domain::rencana::{e81, pk, Tingkat, Versi};
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, versi) = document_of(&base, &doc);
    // The PK of the document's programs, one sub kegiatan's anggaran 2 500 000 more.
    let (plan, _) = e81::angkat(&before, "", Versi::Murni);
    let mut table = pk::proyeksi(
        &plan,
        &pk::Tampilan {
            versi: Versi::Murni,
            pernyataan: None,
            tingkat_sasaran: TingkatSasaran::Program,
        },
    );
    let sub = table
        .anggaran
        .iter()
        .position(|b| b.tingkat == Tingkat::SubKegiatan && b.anggaran.is_some())
        .expect("a sub kegiatan");
    let lebih = Decimal::from(2_500_000);
    let baru = table.anggaran[sub].anggaran.expect("anggaran") + lebih;
    table.anggaran[sub].anggaran = Some(baru);
    let (h, _) = capaian_domain::pk::hitung(&table);
    let bytes = capaian_xlsx::export::export_pk(
        &table,
        &h,
        &capaian_xlsx::export::PkMeta {
            paper: capaian_xlsx::export::Paper::A4,
        },
    )
    .expect("PK written");
    let row = before
        .rows
        .iter()
        .position(|r| r.level == Level::SubKegiatan && r.name == table.anggaran[sub].uraian)
        .expect("its row");

    let name = "pk_2026.xlsx";
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        name,
        bytes,
        Some(&doc),
    );
    assert_eq!(status, 303);
    assert!(location.contains("/gabung/"), "{location}");
    let (status, page) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert_eq!(status, 200);
    for text in [
        "3 nilai berbeda di 1 kolom",
        "data-kolom=\"target_rp\"",
        "Berkas Perjanjian Kinerja tidak menjadi template dokumen",
        "id=\"isi-berkas-pk\"",
        "Anggaran Perjanjian Kinerja dibandingkan dengan kolom 7 Rp",
    ] {
        assert!(page.contains(text), "{text}: {page}");
    }
    for absent in ["id=\"tambah-baris-baru\"", "jadikan-template"] {
        assert!(!page.contains(absent), "{absent}");
    }
    assert_eq!(document_of(&base, &doc).1, versi, "nothing stored yet");

    let versi_text = versi.to_string();
    let (status, _, _) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi_text.as_str()),
            ("aksi", "semua"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303);
    let (after, _) = document_of(&base, &doc);
    assert_eq!(after.rows.len(), before.rows.len(), "no row added");
    assert_eq!(after.rows[row].target.rp, Some(baru));
    let above = |level: Level| (0..row).rev().find(|&i| before.rows[i].level == level);
    for i in [above(Level::Kegiatan), above(Level::Program)]
        .into_iter()
        .flatten()
    {
        assert_eq!(
            after.rows[i].target.rp,
            before.rows[i].target.rp.map(|v| v + lebih),
            "row {i} follows"
        );
    }
    let (status, events) = api(
        "GET",
        &format!("{base}/api/v1/dokumen/{doc}/aktivitas"),
        None,
    );
    assert_eq!(status, 200, "{events}");
    assert!(events.to_string().contains(name), "{events}");
}

/// The document printed as the Perjanjian Kinerja of its programs (`/dokumen/{id}/unduh/pk`,
/// issue 14): read back as a PK, each program's indicators carry column 7 K — a target typed
/// in the grid (here through the API, as the PK grid sends it) is there at once —, every node
/// its pagu, the Jumlah is Σ of the sub kegiatan and the statement names the Kepala PD; after
/// the budget change it is the PK Perubahan.
#[test]
fn the_document_prints_as_the_pk_of_its_programs() {
    use capaian_domain::model::{KValue, Level};
    use capaian_domain::rencana::Versi;
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let before_ws = |_: &str| ws.clone();
    let (before, _) = document_of(&base, &doc);
    let (_, page) = blocking_get(&format!("{base}/dokumen/{doc}")).expect("page");
    assert!(page.contains(&format!("href=\"/dokumen/{doc}/unduh/pk\"")));
    let pk_of = || {
        let (status, _, bytes) = download(&format!("{base}/dokumen/{doc}/unduh/pk"));
        assert_eq!(status, 200);
        capaian_xlsx::read_pk(&bytes, &capaian_xlsx::Limits::default())
            .expect("the download reads as a PK")
    };
    let program = before
        .rows
        .iter()
        .position(|r| r.level == Level::Program)
        .expect("a program");
    // The PK grid types the program's target and its TW II target.
    let (status, reply) = api(
        "PATCH",
        &format!("{base}/api/v1/dokumen/{doc}/sel"),
        Some(serde_json::json!({
            "oleh": "Rina",
            "bentuk": 0,
            "perubahan": [
                {"baris": program, "kolom": "target_k", "nilai": "97,5", "versi": 0},
                {"baris": program, "kolom": "target_tw2", "nilai": "50", "versi": 0},
            ],
        })),
    );
    assert_eq!(status, 200, "{reply}");
    let read = pk_of();
    assert_eq!(read.pk.versi, Versi::Murni);
    let first = &read.pk.kinerja[0];
    assert_eq!(first.sasaran, before.rows[program].name);
    assert_eq!(first.indikator, before.rows[program].indicator);
    assert_eq!(
        first.target,
        Some(KValue::Number(Decimal::new(975, 1))),
        "the target typed"
    );
    assert_eq!(first.target_tw[1], Some(KValue::Number(Decimal::from(50))));
    // The laporan triwulan carries the same target and TW target (issue 14: both exports).
    let (status, _, laporan) = download(&format!("{base}/dokumen/{doc}/unduh/laporan"));
    assert_eq!(status, 200);
    let laporan = capaian_xlsx::read_workbook_with(
        &laporan,
        &capaian_xlsx::Limits::default(),
        &capaian_xlsx::FormProfile::laporan(),
    )
    .expect("the laporan reads back")
    .document;
    assert_eq!(
        laporan.rows[program].target.k,
        Some(KValue::Number(Decimal::new(975, 1)))
    );
    assert_eq!(
        laporan.rows[program].rencana.triwulan[1].k,
        Some(KValue::Number(Decimal::from(50)))
    );
    // One kinerja row per program and per further indicator row right under it.
    let mut under_program = false;
    let expected = before
        .rows
        .iter()
        .filter(|r| {
            under_program = match r.level {
                Level::Program => true,
                Level::Indikator => under_program,
                _ => false,
            };
            under_program
        })
        .count();
    assert_eq!(read.pk.kinerja.len(), expected, "{:?}", read.pk.kinerja);
    let nodes = before
        .rows
        .iter()
        .filter(|r| r.level != Level::Indikator)
        .count();
    assert_eq!(read.pk.anggaran.len(), nodes);
    let subs: Decimal = before
        .rows
        .iter()
        .filter(|r| r.level == Level::SubKegiatan)
        .filter_map(|r| r.target.rp)
        .sum();
    let (h, _) = capaian_domain::pk::hitung(&read.pk);
    assert_eq!(h.jumlah, Some(subs));
    assert_eq!(
        read.pk.jumlah.map(|j| j.nilai),
        Some(subs),
        "the live Jumlah"
    );
    let p = read.pk.pernyataan.as_ref().expect("statement page");
    assert!(p.pihak_pertama.jabatan.starts_with("Kepala "), "{p:?}");

    // The PK as printed (target 97,5) uploaded back after the document's target moved to 90:
    // its Sasaran column names programs, so the merge page offers the PK's target on the
    // program's row (issue 14), beside nothing else.
    let (_, _, pk_bytes) = download(&format!("{base}/dokumen/{doc}/unduh/pk"));
    let (_, kisi) = api("GET", &format!("{base}/api/v1/dokumen/{doc}/kisi"), None);
    let version = kisi["versi_sel"]
        .as_array()
        .expect("versions")
        .iter()
        .find(|v| v["baris"] == program && v["kolom"] == "target_k")
        .and_then(|v| v["versi"].as_u64())
        .expect("the target has a version");
    let (status, reply) = api(
        "PATCH",
        &format!("{base}/api/v1/dokumen/{doc}/sel"),
        Some(serde_json::json!({
            "oleh": "Rina",
            "bentuk": 0,
            "perubahan": [{"baris": program, "kolom": "target_k", "nilai": "90", "versi": version}],
        })),
    );
    assert_eq!(status, 200, "{reply}");
    let ws = before_ws(&base);
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "PK.xlsx",
        pk_bytes,
        Some(&doc),
    );
    assert_eq!(status, 303);
    assert!(location.contains("/gabung/"), "{location}");
    let (_, merge) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert!(merge.contains("data-kolom=\"target_k\""), "{merge}");
    assert!(merge.contains("97,5"), "{merge}");
    assert!(merge.contains("1 nilai berbeda di 1 kolom"), "{merge}");

    let (status, reply) = api(
        "POST",
        &format!("{base}/api/v1/dokumen/{doc}/perubahan-anggaran"),
        Some(serde_json::json!({"oleh": "Rina", "alasan": "APBD-P"})),
    );
    assert_eq!(status, 200, "{reply}");
    assert_eq!(pk_of().pk.versi, Versi::Perubahan);
}

/// *Periksa kesepakatan berkas*: the year's files sent at once are compared as `capaian
/// periksa` compares them — the E.81 against the SIPD realisasi (pagu and realisasi s.d. TW II,
/// counted from the two fixtures' expected JSON the way the CLI test counts them), against the
/// anggaran kas (penyerapan), and against a Renja with one pagu changed — each difference with
/// both cells; nothing is stored.
#[test]
fn the_workspace_checks_its_files_against_each_other() {
    use capaian_domain::model::Level;
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, versi) = document_of(&base, &doc);
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}")).expect("workspace");
    assert!(
        page.contains(&format!("href=\"/ruang-kerja/{ws}/periksa\"")),
        "{page}"
    );
    let (status, form) = blocking_get(&format!("{base}/ruang-kerja/{ws}/periksa")).expect("page");
    assert_eq!(status, 200);
    assert!(form.contains("id=\"form-periksa\"") && !form.contains("id=\"hasil-periksa\""));

    let sipd_dir = common::fixture("").join("../sipd");
    let mut rows = before.rows.clone();
    let sub = rows
        .iter()
        .position(|r| r.level == Level::SubKegiatan && r.target.rp.is_some())
        .expect("a sub kegiatan");
    rows[sub].target.rp = Some(Decimal::from(123_456_789));
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "E81.xlsx",
            std::fs::read(common::fixture("e81_101.xlsx")).expect("e81"),
        ),
        (
            "realisasi.xlsx",
            std::fs::read(sipd_dir.join("realisasi_e81_101_sd_juni.xlsx")).expect("sipd"),
        ),
        (
            "rak.xlsx",
            std::fs::read(sipd_dir.join("anggaran_kas_e81_101.xlsx")).expect("rak"),
        ),
        (
            "renja.xlsx",
            common::renja_berkas::renja_workbook(before.year.expect("year"), &rows),
        ),
    ];
    let (status, report) = runtime().block_on(async {
        let mut form = reqwest::multipart::Form::new();
        for (name, bytes) in files {
            form = form.part(
                "berkas",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            );
        }
        let resp = client()
            .post(format!("{base}/ruang-kerja/{ws}/periksa"))
            .multipart(form)
            .send()
            .await
            .expect("periksa");
        (resp.status().as_u16(), resp.text().await.expect("page"))
    });
    assert_eq!(status, 200);
    for text in [
        "id=\"hasil-periksa\"",
        "realisasi.xlsx: SIPD",
        "renja.xlsx: Renja",
        "14 baris cocok; 1 hanya di SIPD; 0 hanya di E.81.",
        "Realisasi dibandingkan s.d. Triwulan II (periode berkas SIPD).",
        // The same first difference the CLI prints, with both cells.
        "'Sheet1'!J10 Rp 6.248.538.344",
        "'Realisasi'!C9 Rp 6.288.533.222",
        "id=\"penyerapan-kas-1\"",
        "Hanya di SIPD: 5.03.02.2.04.0008",
    ] {
        assert!(report.contains(text), "{text}: {report}");
    }
    // The Renja's changed pagu, the only difference of its pair, with both cells (the Renja's
    // data from sheet row 8).
    let renja = &report[report.find("Renja 'renja.xlsx'").expect("the Renja pair")..];
    assert!(
        renja.contains("14 baris cocok; 0 hanya di Renja; 0 hanya di E.81."),
        "{renja}"
    );
    assert!(
        renja.contains(&format!("'Tabel 5.1'!F{} 123.456.789,00", sub + 8)),
        "{renja}"
    );
    assert_eq!(renja.matches("Pagu (kolom 7 Rp)").count(), 1, "{renja}");
    assert_eq!(document_of(&base, &doc).1, versi, "nothing stored");
    // A file that is not a workbook: the reason, and the form again.
    let (status, refused) = runtime().block_on(async {
        let form = reqwest::multipart::Form::new().part(
            "berkas",
            reqwest::multipart::Part::bytes(b"bukan excel".to_vec()).file_name("catatan.txt"),
        );
        let resp = client()
            .post(format!("{base}/ruang-kerja/{ws}/periksa"))
            .multipart(form)
            .send()
            .await
            .expect("periksa");
        (resp.status().as_u16(), resp.text().await.expect("page"))
    });
    assert_eq!(status, 200);
    assert!(refused.contains("id=\"galat-periksa\""), "{refused}");
    assert!(refused.contains("bukan workbook Excel"), "{refused}");
}

/// A Kepala PD's Perjanjian Kinerja (seed 000's, sasaran strategis) merged into the year's
/// E.81 document: its sasaran and IKU become the document's performance tree (issues 13 and
/// 14) — new rows the merge page offers to add, stored with their targets as events naming the
/// file, standing before the programs —; Formulir E.81 still prints the budget tree only, the
/// PK printed from the document is the Kepala PD's with those targets, the laporan triwulan
/// carries them, and an IKU target typed in the grid is the PK's.
#[test]
fn a_kepala_pd_pk_adds_the_performance_tree() {
    use capaian_domain::model::{KValue, Level};
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, versi) = document_of(&base, &doc);
    let pk = std::fs::read(common::fixture("").join("../pk/pk_000_2025.xlsx")).expect("pk");
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "PK 2025.xlsx",
        pk,
        Some(&doc),
    );
    assert_eq!(status, 303);
    assert!(location.contains("/gabung/"), "{location}");
    let (_, merge) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert!(
        merge.contains("4 baris sasaran dan indikator kinerja utama (IKU) berkas belum ada"),
        "{merge}"
    );
    assert!(merge.contains("id=\"tambah-baris-baru\""), "{merge}");
    assert!(
        merge.contains("2 program, kegiatan atau sub kegiatan berkas tidak ada di dokumen"),
        "the PK's programs are not added: {merge}"
    );
    let versi_text = versi.to_string();
    let (status, _, _) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi_text.as_str()),
            ("baris_baru", "1"),
            ("aksi", "terima"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303, "only the new rows, not the program's anggaran");
    let (after, _) = document_of(&base, &doc);
    assert_eq!(after.rows.len(), before.rows.len() + 4);
    let pct = |n: i64| Some(KValue::Number(Decimal::from(n)));
    let tree: Vec<(Level, &str, &str, Option<KValue>)> = after.rows[..4]
        .iter()
        .map(|r| {
            (
                r.level,
                r.name.as_str(),
                r.indicator.as_str(),
                r.target.k.clone(),
            )
        })
        .collect();
    assert_eq!(
        tree,
        vec![
            (
                Level::Sasaran,
                "Tersedianya Aparatur Sipil Negara yang memenuhi standar kompetensi",
                "Persentase ASN yang ditempatkan sesuai dengan kompetensi",
                pct(85)
            ),
            (
                Level::Indikator,
                "",
                "Persentase ASN yang memenuhi Standar Kompetensi",
                pct(35)
            ),
            (
                Level::Sasaran,
                "Meningkatnya Disiplin Pegawai ASN",
                "Persentase Tingkat kedisiplinan ASN",
                pct(100)
            ),
            (
                Level::Sasaran,
                "Meningkatnya kualitas pelayanan administrasi kepegawaian",
                "Indeks kepuasan pelayanan administrasi kepegawaian",
                pct(90)
            ),
        ]
    );
    assert_eq!(
        &after.rows[4..],
        &before.rows[..],
        "the budget tree as it was"
    );
    let (log, added) = events_of(&base, &doc, "tambah_baris");
    assert_eq!(added.len(), 1, "{log}");
    assert_eq!(added[0]["sumber"], "PK 2025.xlsx", "{log}");

    // Formulir E.81 prints the budget tree only.
    let (status, _, official) = download(&format!("{base}/dokumen/{doc}/unduh/formulir"));
    assert_eq!(status, 200);
    let read = capaian_xlsx::read_workbook(&official, &capaian_xlsx::Limits::default())
        .expect("the E.81 reads back");
    assert_eq!(read.document.rows.len(), before.rows.len());
    assert!(read
        .document
        .rows
        .iter()
        .all(|r| !r.indicator.contains("kedisiplinan")));

    // An IKU target typed in the grid (the PK tab) is the PK's.
    set_cell(&base, &doc, "Rina", (2, "target_k"), "97,5");

    // The merged PK is kept beside the document: the Rekonsiliasi finds the typed target
    // against the PK's, with the PK's row, and links to the cell in the PK grid.
    let (_, rekonsiliasi) =
        blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
    let pk_part = &rekonsiliasi[rekonsiliasi
        .find("PK 2025.xlsx — Perjanjian Kinerja, berkas pembanding")
        .expect("the PK kept")..];
    let pk_part = &pk_part[..pk_part.find("</section>").expect("its end")];
    assert!(pk_part.contains("97,5"), "{pk_part}");
    assert!(
        pk_part.contains("'Lampiran Kinerja'!D7: 100"),
        "the PK's target and its cell: {pk_part}"
    );
    // And the PK's program anggaran against the plan's pagu (PK anggaran = E.81 column 7 Rp):
    // seed 000's PK is not this E.81's agency, so its programs' anggaran differ.
    assert!(
        pk_part.contains("'Lampiran Anggaran'!C5: 7.168.551.128"),
        "{pk_part}"
    );
    assert!(
        pk_part.contains(&format!(
            "href=\"/dokumen/{doc}?formulir=perjanjian_kinerja&amp;baris=2&amp;kolom=target_k#kisi-bagian\""
        )),
        "{pk_part}"
    );
    assert_eq!(pk_part.matches("class=\"ke-sel\"").count(), 2, "{pk_part}");

    // The PK printed from the document is the Kepala PD's: its sasaran strategis and IKU.
    let (status, _, pk_bytes) = download(&format!("{base}/dokumen/{doc}/unduh/pk"));
    assert_eq!(status, 200);
    let printed = capaian_xlsx::read_pk(&pk_bytes, &capaian_xlsx::Limits::default())
        .expect("the PK reads back")
        .pk;
    let kinerja: Vec<(&str, Option<KValue>)> = printed
        .kinerja
        .iter()
        .map(|k| (k.sasaran.as_str(), k.target.clone()))
        .collect();
    assert_eq!(
        kinerja,
        vec![
            (
                "Tersedianya Aparatur Sipil Negara yang memenuhi standar kompetensi",
                pct(85)
            ),
            ("", pct(35)),
            (
                "Meningkatnya Disiplin Pegawai ASN",
                Some(KValue::Number(Decimal::new(975, 1)))
            ),
            (
                "Meningkatnya kualitas pelayanan administrasi kepegawaian",
                pct(90)
            ),
        ]
    );
    // The laporan triwulan prints the sasaran before the programs.
    let (status, _, laporan) = download(&format!("{base}/dokumen/{doc}/unduh/laporan"));
    assert_eq!(status, 200);
    let laporan = capaian_xlsx::read_workbook_with(
        &laporan,
        &capaian_xlsx::Limits::default(),
        &capaian_xlsx::FormProfile::laporan(),
    )
    .expect("the laporan reads back")
    .document;
    let disiplin = laporan
        .rows
        .iter()
        .position(|r| r.indicator == "Persentase Tingkat kedisiplinan ASN")
        .expect("the IKU in the laporan");
    let first_program = laporan
        .rows
        .iter()
        .position(|r| r.kode.is_some())
        .expect("a program");
    assert!(disiplin < first_program);
    assert_eq!(
        laporan.rows[disiplin].target.k,
        Some(KValue::Number(Decimal::new(975, 1)))
    );

    // The same Rekonsiliasi on the command line, from the stored workspace (the server
    // stopped: the folder is the CLI's): named by its PD and year, non-zero when anything
    // disagrees, each finding with the plan's value and the file's cell.
    server.stop();
    let periksa = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_capaian"))
            .arg("periksa")
            .args(args)
            .arg("--data")
            .arg(dir.path())
            .output()
            .expect("capaian periksa");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, text, err) = periksa(&["--ruang-kerja", "bkpsdm  2026"]);
    assert_eq!(code, Some(1), "{text}{err}");
    assert!(
        text.contains("rencana 97,5; berkas 'Lampiran Kinerja'!D7: 100"),
        "{text}"
    );
    assert!(
        err.contains("hal tidak sepakat di ruang kerja ini"),
        "{err}"
    );
    let (code, json, err) = periksa(&["--ruang-kerja", &ws, "--json"]);
    assert_eq!(code, Some(1), "{err}");
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let pk_file = report["berkas"]
        .as_array()
        .expect("files")
        .iter()
        .find(|b| {
            b["judul"]
                .as_str()
                .is_some_and(|j| j.starts_with("PK 2025.xlsx"))
        })
        .expect("the kept PK");
    assert_eq!(
        pk_file["beda"].as_array().map(Vec::len),
        Some(2),
        "{pk_file}"
    );
    assert_eq!(
        pk_file["beda"][0]["tautan"],
        format!("/dokumen/{doc}?formulir=perjanjian_kinerja&baris=2&kolom=target_k#kisi-bagian")
    );
    let (code, _, err) = periksa(&["--ruang-kerja", "Dinas Lain 2026"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("Ruang kerja 'Dinas Lain 2026' tidak ada. Yang ada: BKPSDM 2026"),
        "{err}"
    );
}

/// *Rekonsiliasi* (issue 16): the workspace's document checked within itself and against the
/// file it was imported from. As imported, the file agrees with the plan; a target typed under
/// the PK's columns is then one disagreement with the agency's E.81 file, naming its cell and
/// both values, and linking to the cell in the E.81 grid.
#[test]
fn the_rekonsiliasi_page_shows_a_pk_target_that_left_the_e81_file() {
    use capaian_domain::model::Level;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, _) = document_of(&base, &doc);
    let (_, overview) = blocking_get(&format!("{base}/ruang-kerja/{ws}")).expect("workspace");
    assert!(
        overview.contains(&format!("href=\"/ruang-kerja/{ws}/rekonsiliasi\"")),
        "{overview}"
    );
    let page = || {
        let (status, page) =
            blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
        assert_eq!(status, 200, "{page}");
        page
    };
    let count = |page: &str| -> usize {
        let at = page.find("id=\"hasil-rekonsiliasi\">").expect("the result");
        let text = &page[at + "id=\"hasil-rekonsiliasi\">".len()..];
        if text.starts_with("Semua sepakat") {
            0
        } else {
            text.split(' ')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("a count")
        }
    };
    let first = page();
    assert!(
        first.contains("E81.xlsx — Formulir E.81, berkas impor"),
        "{first}"
    );
    assert!(
        first.contains("Berkas ini sepakat dengan rencana."),
        "{first}"
    );
    let within = count(&first);

    let program = before
        .rows
        .iter()
        .position(|r| r.level == Level::Program && r.target.k.is_some())
        .expect("a program with a target");
    set_cell(&base, &doc, "Rina", (program, "target_k"), "97,5");
    let after = page();
    assert_eq!(count(&after), within + 1, "{after}");
    let href = format!(
        "href=\"/dokumen/{doc}?formulir=E.81&amp;baris={program}&amp;kolom=target_k#kisi-bagian\""
    );
    assert!(after.contains(&href), "{after}");
    let sheet_row = before.rows[program].sheet_row;
    let file_part = &after[after
        .find("Formulir E.81, berkas impor")
        .expect("the file section")..];
    // The E.81's column 7 K is its column I; the file's value beside the plan's.
    assert!(
        file_part.contains(&format!("'{}'!I{sheet_row}: 100", before.sheet)),
        "the file's cell: {file_part}"
    );
    assert!(after.contains("97,5"), "{after}");
}

/// Files kept on the Rekonsiliasi page (issue 16): a file that is no workbook is refused with
/// its name and nothing is kept; seed 000's LRA and a SIPD anggaran kas export are kept
/// together, each read as what it is and compared with the plan, the LRA's whole-PD totals
/// against the plan's; the LKjIP page then prints the LRA by rekening from the kept export;
/// *Hapus* forgets a file.
#[test]
fn files_kept_on_the_rekonsiliasi_page_are_compared_and_give_the_lkjip_its_lra() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let action = format!("{base}/ruang-kerja/{ws}/rekonsiliasi/berkas");
    let sipd = |name: &str| {
        std::fs::read(common::fixture("").join("../sipd").join(name)).expect("fixture")
    };
    let page = || {
        let (status, page) =
            blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
        assert_eq!(status, 200, "{page}");
        page
    };
    let (status, location) = post_multipart(
        &action,
        "berkas_pembanding",
        vec![
            ("LRA 2025.xlsx", sipd("lra_rekening_2025.xlsx")),
            ("catatan.txt", b"bukan workbook".to_vec()),
        ],
        &[("dokumen", doc.as_str()), ("oleh", "Rina")],
    );
    assert_eq!(status, 303);
    assert!(location.contains("galat="), "{location}");
    assert!(
        !page().contains("berkas pembanding, disimpan"),
        "nothing kept"
    );

    let (status, location) = post_multipart(
        &action,
        "berkas_pembanding",
        vec![
            ("LRA 2025.xlsx", sipd("lra_rekening_2025.xlsx")),
            ("Anggaran kas.xlsx", sipd("anggaran_kas_e81_101.xlsx")),
        ],
        &[("dokumen", doc.as_str()), ("oleh", "Rina")],
    );
    assert_eq!(status, 303);
    assert!(location.contains("pesan="), "{location}");
    let (_, kept) = blocking_get(&format!("{base}{location}")).expect("page");
    assert!(
        kept.contains("2 berkas disimpan untuk dibandingkan: LRA 2025.xlsx ("),
        "{kept}"
    );
    assert!(!kept.contains("tidak dapat dibaca"), "{kept}");
    let lra_part = &kept[kept.find("LRA 2025.xlsx — ").expect("the LRA kept")..];
    let lra_part = &lra_part[..lra_part.find("</section>").expect("its end")];
    assert!(lra_part.contains("oleh Rina"), "{lra_part}");
    // The LRA is another PD's year (seed 000's): its whole-PD anggaran is not this plan's.
    assert!(
        lra_part.contains("Jumlah anggaran Perangkat Daerah"),
        "{lra_part}"
    );
    assert!(lra_part.contains("50.503.112.419"), "{lra_part}");
    assert!(kept.contains("Anggaran kas.xlsx — "), "{kept}");

    // The LKjIP prints the LRA by rekening of the kept export.
    let (status, lkjip) = blocking_get(&format!("{base}/ruang-kerja/{ws}/lkjip")).expect("lkjip");
    assert_eq!(status, 200);
    assert!(
        lkjip.contains("LRA menurut rekening dari LRA 2025.xlsx"),
        "{lkjip}"
    );
    assert!(lkjip.contains("7.552.041.463"), "Belanja Pegawai: {lkjip}");
    let (status, _, workbook) = download(&format!("{base}/ruang-kerja/{ws}/unduh/lkjip"));
    assert_eq!(status, 200);
    let sheets = {
        use calamine::Reader;
        calamine::Xlsx::new(std::io::Cursor::new(workbook))
            .expect("xlsx")
            .sheet_names()
    };
    assert!(sheets.iter().any(|s| s.contains("LRA")), "{sheets:?}");

    // Forgotten, it is compared no more, and the LKjIP says what the LRA needs.
    let (status, location, _) = post_form(
        &format!("{base}/ruang-kerja/{ws}/rekonsiliasi/hapus"),
        &[("dokumen", doc.as_str()), ("nama", "LRA 2025.xlsx")],
    );
    assert_eq!(status, 303);
    assert!(location.unwrap_or_default().contains("pesan="));
    let after = page();
    assert!(!after.contains("LRA 2025.xlsx — "), "{after}");
    assert!(after.contains("Anggaran kas.xlsx — "), "{after}");
    let (_, lkjip) = blocking_get(&format!("{base}/ruang-kerja/{ws}/lkjip")).expect("lkjip");
    assert!(
        lkjip.contains("LRA menurut rekening memerlukan ekspor SIPD"),
        "{lkjip}"
    );
}

/// A server-rendered page as text to read findings in: a line per table row, heading,
/// paragraph, list item and section, table cells separated by ` | `, tags left out.
fn page_text(html: &str) -> String {
    let text = html
        .replace("</tr>", "\n")
        .replace("</h2>", "\n")
        .replace("</li>", "\n")
        .replace("</p>", "\n")
        .replace("</section>", "\n")
        .replace("</td>", " | ");
    let mut out = String::new();
    let mut tag = false;
    for ch in text.chars() {
        match ch {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Seed 000 (LKjIP 2025, BKPSDM Kotabaru) rebuilt as the workbooks its agency keeps
/// (`gen_seed_fixtures`: the year-end E.81 of Tabel 3.20 and 3.12 as printed, its column 2 as
/// Tabel 3.11 attributes the sub kegiatan; Tabel 2.5 as a PK; the LKjIP's Bab III A tables;
/// `gen_kinerja_fixtures`: Tabel 2.4 and 2.2) with the seed's signed PK and its LRA (issue
/// 16's proof).
///
/// - The Rekonsiliasi flags every contradiction of ANALYSIS.md Appendix A these tables carry,
///   each at its cell: 1 (LRA realisasi vs the tables'), 2 (Tabel 2.5's total), 3 (Tabel 2.5's
///   swapped targets), 4–7 (Tabel 3.20's typos), 8–17 (the LKjIP's Bab III A tables, within
///   the file and against the plan), 19 and 20 (Tabel 2.2 against the plan's Tabel 2.4). Not
///   flagged: 18 (a TOTAL no rule derives), 21 (Tabel 2.1/2.3, the 2021–2025 Renstra, not
///   rebuilt); 22–31 are staff tables, narrative and layout.
/// - The derived LKjIP reproduces Tabel 3.20 row by row (and so Tabel 3.21's programs and
///   total), its capaian differing exactly at the four typos, the LRA of Tabel 3.22, and
///   Tabel 3.11's budget of each sasaran × IKU (efisiensi per IKU), but for one typo.
#[test]
fn seed_000_rebuilt_its_contradictions_on_the_rekonsiliasi_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let seed = |name: &str| {
        std::fs::read(common::fixture("").join("../seeds/000/xlsx").join(name)).expect("seed")
    };
    let other = |dir: &str, name: &str| {
        std::fs::read(common::fixture("").join("..").join(dir).join(name)).expect("fixture")
    };
    let (ws, doc) = imported_into_new_workspace(
        &base,
        "2025",
        "E81 TW IV 2025.xlsx",
        seed("e81_000_2025_tw4.xlsx"),
    );
    // The signed PK and the Renstra's table merged: the sasaran and IKU with their targets.
    for (name, bytes) in [
        ("PK 2025.xlsx", other("pk", "pk_000_2025.xlsx")),
        (
            "Tabel 2.4 Renstra.xlsx",
            other("kinerja", "kinerja_000_tabel_2_4.xlsx"),
        ),
    ] {
        merged_whole(&base, (&ws, &doc), name, bytes);
    }
    // The LKjIP's Bab III A tables are a report to check, not a source of the plan: the
    // merge refuses them and says where to check them.
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "LKjIP 2025 Bab III A.xlsx",
        seed("lkjip_000_bab3a.xlsx"),
        Some(&doc),
    );
    assert_eq!(status, 303);
    assert!(
        decode(&location).contains(
            "adalah tabel capaian IKU LKjIP (Bab III A): laporan yang disusun dari rencana"
        ) && decode(&location).contains("halaman Rekonsiliasi"),
        "{}",
        decode(&location)
    );
    // Tabel 2.5 (the PK as the LKjIP prints it), the LRA and the LKjIP's Bab III A tables
    // kept to compare.
    let (status, location) = post_multipart(
        &format!("{base}/ruang-kerja/{ws}/rekonsiliasi/berkas"),
        "berkas_pembanding",
        vec![
            ("Tabel 2.5.xlsx", seed("pk_000_tabel_2_5.xlsx")),
            ("LRA 2025.xlsx", other("sipd", "lra_rekening_2025.xlsx")),
            ("LKjIP 2025 Bab III A.xlsx", seed("lkjip_000_bab3a.xlsx")),
            (
                "Tabel 2.2 Renstra.xlsx",
                other("kinerja", "kinerja_000_tabel_2_2.xlsx"),
            ),
        ],
        &[("dokumen", doc.as_str()), ("oleh", "Rina")],
    );
    assert_eq!(status, 303);
    assert!(
        decode(&location)
            .contains("LKjIP 2025 Bab III A.xlsx (tabel capaian IKU LKjIP (Bab III A))"),
        "{}",
        decode(&location)
    );
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
    let text = page_text(&page);
    let section = |title: &str| -> String {
        let at = text
            .find(title)
            .unwrap_or_else(|| panic!("{title}: {text}"));
        let rest = &text[at..];
        // Up to the next file's heading (`Nama.xlsx — …`).
        let end = rest[title.len()..]
            .find(".xlsx — ")
            .and_then(|e| rest[..e + title.len()].rfind('\n'))
            .unwrap_or(rest.len());
        rest[..end].to_string()
    };
    // Within the plan (the E.81 as printed): Appendix A 4–7, Tabel 3.20's typos, each at its
    // row — a capaian that is not realisasi ÷ pagu (4, and the typos' own rows: 5, 6, 7), a
    // parent that is not the sum of its rows (5, 6, 7; 6 and 7 also at their program, whose
    // printed sum is the true one).
    let dalam = section("Di dalam rencana");
    for found in [
        "Kolom 13 (Rp): file berisi 84,44, hasil perhitungan 85,44",
        "Kolom 13 (Rp): file berisi 47,12, hasil perhitungan 59,41",
        "nilai induk 205.522.202 tidak sama dengan jumlah rincian di bawahnya 214.522.202",
        "nilai induk 836.699.150 tidak sama dengan jumlah rincian di bawahnya 838.699.150",
        "Kolom 13 (Rp): file berisi 77,75, hasil perhitungan 77,93",
        "nilai induk 6.129.770.144 tidak sama dengan jumlah rincian di bawahnya 6.127.770.144",
        "nilai induk 7.750.728.288 tidak sama dengan jumlah rincian di bawahnya 7.650.728.288",
        "Kolom 13 (Rp): file berisi 68,84, hasil perhitungan 69,74",
        "nilai induk 7.650.728.288 tidak sama dengan jumlah rincian di bawahnya 7.750.728.288",
    ] {
        assert!(dalam.contains(found), "{found}: {dalam}");
    }
    assert!(dalam.starts_with("Di dalam rencana · 9"), "{dalam}");
    assert_eq!(dalam.matches("Buka di lembar kerja").count(), 9, "{dalam}");
    // Appendix A 1: the LRA's realisasi is 1.617.000 short of the tables'.
    let lra = section("LRA 2025.xlsx");
    assert!(
        lra.contains("Jumlah realisasi setahun Perangkat Daerah | Seluruh program | 38.267.620.530 | 'LRA': 38.266.003.530 (selisih -1.617.000)"),
        "{lra}"
    );
    assert!(
        !lra.contains("Jumlah anggaran"),
        "the anggaran agrees: {lra}"
    );
    // Appendix A 2 and 3: Tabel 2.5's total is not its programs' sum; its two targets are
    // swapped against the signed PK (merged into the plan).
    let t25 = section("Tabel 2.5.xlsx");
    assert!(
        t25.contains("'Lampiran Anggaran'!C7: Baris Jumlah anggaran Rp 50.992.531.367 tidak sama dengan jumlah baris-barisnya Rp 54.569.071.524"),
        "{t25}"
    );
    assert!(
        t25.contains("Persentase ASN yang ditempatkan sesuai dengan kompetensi | 85 | 'Lampiran Kinerja'!D4: 35"),
        "{t25}"
    );
    assert!(
        t25.contains(
            "Persentase ASN yang memenuhi Standar Kompetensi | 35 | 'Lampiran Kinerja'!D5: 85"
        ),
        "{t25}"
    );
    assert!(section("Tabel 2.4 Renstra.xlsx").contains("Berkas ini sepakat dengan rencana."));
    // Appendix A 19 and 20: Tabel 2.2 (the same Renstra's tujuan and sasaran) prints each IKU
    // one row off against Tabel 2.4 and the later years flat. Its IKU are found by their text
    // in the plan wherever they stand: the target and end target of two of them differ, and
    // the IKU it puts under the kompetensi sasaran is another sasaran's.
    let t22 = section("Tabel 2.2 Renstra.xlsx");
    assert!(
        t22.lines().next().is_some_and(|l| l.ends_with("· 5")),
        "{t22}"
    );
    for found in [
        // 19: the labels one row off — the kompetensi sasaran's IKU is another sasaran's.
        "Pasangan sasaran dan IKU | Meningkatnya Kompetensi ASN | IKU sasaran ini: Persentase ASN yang ditingkatkan kompetensinya | 'Tabel 2.2' baris 6: Persentase ASN yang memenuhi standar kompetensi dipasangkan dengan sasaran ini; di rencana IKU sasaran 'Tersedianya Aparatur Sipil Negara yang memenuhi standar kompetensi' (Tabel 2.2) | Buka di lembar kerja",
        "Target IKU | 1. Persentase ASN yang ditingkatkan kompetensinya | 35 | 'Tabel 2.2' baris 7: 85 | Buka di lembar kerja",
        // 19: `berpredikat baik` 100 for 97.
        "Target IKU | Persentase ASN minimal berpredikat Kinerja baik | 97 | 'Tabel 2.2' baris 8: 100 | Buka di lembar kerja",
        // 20: the later years flat: the end targets.
        "Target akhir Renstra IKU | 1. Persentase ASN yang ditingkatkan kompetensinya | 38 | 'Tabel 2.2' baris 7: 85",
        "Target akhir Renstra IKU | Persentase ASN minimal berpredikat Kinerja baik | 98 | 'Tabel 2.2' baris 8: 100",
    ] {
        assert!(t22.contains(found), "{found}: {t22}");
    }
    // Appendix A 8–17 from the LKjIP's own tables: each derived figure against its table's
    // figures, each figure against the other tables' (one finding per cause, with every cell),
    // each IKU's target against the plan's, the IKU budgets of Tabel 3.9 against the plan's
    // pagu, each IKU against the sasaran the plan gives it. (18 is a Tabel 3.11 TOTAL no rule
    // derives.)
    let lkjip_file = section("LKjIP 2025 Bab III A.xlsx");
    // 20 within the file, 2 against the plan's IKU target, 1 against its pagu, 4 against the
    // budget the plan's E.81 column 2 gives two IKU (Tabel 3.9/3.10 attribute budgets other
    // than Tabel 3.11 does: ANALYSIS §2.5, Appendix A 17), 3 pairs of a sasaran and an IKU the
    // plan does not make (15; Tabel 3.9's kompetensi IKU, §2.5; the setelah tables' IKU
    // `ditempatkan sesuai dengan kompetensi` — the PK's wording — under the Renstra's sasaran
    // whose IKU reads `ditempatkan sesuai Kompetensi`).
    assert!(
        lkjip_file.starts_with(
            "LKjIP 2025 Bab III A.xlsx — tabel capaian IKU LKjIP (Bab III A), berkas pembanding"
        ) && lkjip_file
            .lines()
            .next()
            .is_some_and(|l| l.ends_with("· 30")),
        "{lkjip_file}"
    );
    assert_eq!(
        lkjip_file.matches("Pasangan sasaran dan IKU | ").count(),
        3,
        "{lkjip_file}"
    );
    assert!(
        lkjip_file.contains("19 tabel dibaca: Tabel 3.1, Tabel 3.2, Tabel 3.3"),
        "{lkjip_file}"
    );
    assert_eq!(
        lkjip_file.matches("Di dalam berkas: ").count(),
        20,
        "{lkjip_file}"
    );
    for found in [
        // 8: one finding, three cells.
        "Capaian Kinerja (%) 'Peningkatan Profesionalitas ASN — Indeks Profesionalitas ASN': tertulis 110,04, hasil hitung 110,4",
        "— di 'Bab III A'!G14, '3.4'!J4, 'Per IKU'!G19",
        // 9
        "tertulis 95,58, hasil hitung 95,59 (dipotong, bukan dibulatkan",
        // 10
        "96,98 di Tabel 3.11 ('3.11'!G122)",
        // 11, within the file and against the plan (linked to the plan's cell).
        "97 di Tabel 3.11 ('3.11'!F85)",
        "Target IKU | Persentase Tingkat kedisiplinan ASN | 100 | '3.11'!F85: 97 | Buka di lembar kerja",
        // 12
        "tertulis 102,06, hasil hitung 99",
        // 13
        "85 di Tabel 3.8 ('Per IKU'!E14)",
        // 14
        "tertulis 38,83, hasil hitung tidak ada (-)",
        // 15
        "Pasangan sasaran dan IKU | Meningkatnya Disiplin Pegawai ASN | IKU sasaran ini: Persentase Tingkat kedisiplinan ASN | 'Efisiensi'!D5: Persentase ASN minimal berprestasi Kinerja Baik dipasangkan dengan sasaran ini; bukan IKU rencana (Tabel 3.9) | Buka di lembar kerja",
        // 16
        "Di dalam berkas: Rumus tingkat efisiensi",
        "(tabel: Tabel 3.9; Tabel 3.10)",
        // 17
        "Anggaran IKU melebihi pagu | Seluruh program | Pagu Rp 50.503.112.419 | Tabel 3.9: Jumlah anggaran yang dikaitkan dengan IKU Rp 62.981.740.319 melebihi pagu Perangkat Daerah Rp 50.503.112.419",
        // 17 and §2.5, IKU by IKU: the plan's budget of the IKU (column 2) against Tabel
        // 3.9's and 3.10's, linked to the IKU in the plan.
        "Anggaran (Rp) IKU | Persentase ASN yang ditempatkan sesuai dengan kompetensi | 1.115.764.700 | 'Efisiensi'!F3, 'Efisiensi'!F11: 1.148.273.100 | Buka di lembar kerja",
        "Realisasi anggaran (Rp) IKU | Persentase ASN yang ditempatkan sesuai dengan kompetensi | 930.692.882 | 'Efisiensi'!G3, 'Efisiensi'!G11: 947.662.018 | Buka di lembar kerja",
        "Anggaran (Rp) IKU | Indeks kepuasan pelayanan administrasi kepegawaian | 33.258.965.175 | 'Efisiensi'!F6: 31.195.114.475 | Buka di lembar kerja",
        "Realisasi anggaran (Rp) IKU | Indeks kepuasan pelayanan administrasi kepegawaian | 26.677.528.213 | 'Efisiensi'!G6: 24.981.039.792 | Buka di lembar kerja",
    ] {
        assert!(lkjip_file.contains(found), "{found}: {lkjip_file}");
    }
    // The signed PK is the murni one: its programs' anggaran before the budget change, not the
    // year-end pagu (no Appendix A item; what the PK Perubahan is for).
    let pk = section("PK 2025.xlsx");
    assert!(pk.contains("'Lampiran Anggaran'!C5: 7.168.551.128"), "{pk}");
    assert!(pk.contains("'Lampiran Anggaran'!C6: 6.499.055.959"), "{pk}");

    // The derived LKjIP reproduces the seed's consistent tables: Tabel 3.20 row by row (pagu
    // and realisasi as printed; the capaian computed, which is the printed one except at the
    // four typos), Tabel 3.21's program rows and total, and the LRA of Tabel 3.22.
    let (_, lkjip) = blocking_get(&format!("{base}/ruang-kerja/{ws}/lkjip")).expect("lkjip");
    let tabel = |judul: &str| tabel_turunan(&lkjip, judul);
    let b = tabel("Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan Tahun 2025");
    let derived: Vec<&Vec<String>> = b
        .iter()
        .filter(|r| r.len() == 5 && r[2] != "Pagu Anggaran (Rp)" && r[0] != "1")
        .collect();
    let printed: Vec<Vec<String>> =
        seed_csv("000/tabel_3_20_realisasi_anggaran_program_kegiatan_subkegiatan.csv")
            .into_iter()
            .skip(1)
            .collect();
    assert_eq!(derived.len(), printed.len());
    let mut capaian_beda = Vec::new();
    for (d, p) in derived.iter().zip(&printed) {
        assert_eq!(d[0], p[0], "{d:?} {p:?}");
        assert!(
            d[1].ends_with(p[1].as_str()) || (d[1].as_str(), p[1].as_str()) == ("JUMLAH", "TOTAL"),
            "{d:?} {p:?}"
        );
        assert_eq!((&d[2], &d[3]), (&p[2], &p[3]), "{d:?} {p:?}");
        if d[4] != p[4] {
            capaian_beda.push((p[4].as_str(), d[4].as_str()));
        }
    }
    assert_eq!(
        capaian_beda,
        vec![
            ("84,44", "85,44"),
            ("47,12", "59,41"),
            ("77,75", "77,93"),
            ("68,84", "69,74")
        ]
    );
    // Efisiensi per IKU: each IKU's budget is the E.81's column 2 (the rebuilt E.81 fills it
    // as Tabel 3.11 attributes its sub kegiatan to sasaran × IKU), and is Tabel 3.11's own
    // sasaran amount — but for the Mutasi dan Promosi pagu typo (Appendix A 6, 2.000.000)
    // inside the ditempatkan IKU's budget —, penyerapan Tabel 3.11's printed one.
    let e = tabel("Efisiensi Indikator Kinerja Utama Tahun 2025");
    let iku = |nama: &str| -> (String, String, String) {
        let r = e
            .iter()
            .find(|r| r.len() == 10 && r[2] == nama)
            .unwrap_or_else(|| panic!("{nama}: {e:?}"));
        (r[6].clone(), r[7].clone(), r[8].clone())
    };
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        iku("Persentase ASN yang memenuhi Standar Kompetensi"),
        s("14.212.901.700", "8.912.242.976", "62,71")
    );
    assert_eq!(
        iku("Persentase ASN yang ditempatkan sesuai dengan kompetensi"),
        s("1.115.764.700", "930.692.882", "83,41")
    );
    assert_eq!(
        iku("Persentase Tingkat kedisiplinan ASN"),
        s("1.913.480.844", "1.747.156.459", "91,31")
    );
    assert_eq!(
        iku("Indeks kepuasan pelayanan administrasi kepegawaian"),
        s("33.258.965.175", "26.677.528.213", "80,21")
    );
    let lra = tabel("Laporan Realisasi Anggaran Tahun Anggaran 2025");
    assert!(
        lra.iter()
            .any(|r| r.first().map(String::as_str) == Some("5.1.01")
                && r.get(3).map(String::as_str) == Some("7.552.041.463,00")),
        "{lra:?}"
    );

    // Column 2 edited in the grid: the SDM program said to serve a sasaran the plan does not
    // have is one finding within the plan, linked to that cell of the E.81 grid, and its budget
    // leaves the IKU; said to serve the disiplin IKU, the budget moves there.
    let (now, _) = document_of(&base, &doc);
    let sdm = now
        .rows
        .iter()
        .position(|r| r.name == "PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA")
        .expect("the SDM program");
    let ubah = |nilai: &str| set_cell(&base, &doc, "Rina", (sdm, "sasaran"), nilai);
    let pagu = |nama: &str| -> String {
        let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/lkjip")).expect("lkjip");
        tabel_turunan(&page, "Efisiensi Indikator Kinerja Utama")
            .into_iter()
            .find(|r| r.len() == 10 && r[2] == nama)
            .map(|r| r[6].clone())
            .unwrap_or_else(|| panic!("{nama}"))
    };
    const KOMPETENSI: &str = "Persentase ASN yang memenuhi Standar Kompetensi";
    const DISIPLIN: &str = "Persentase Tingkat kedisiplinan ASN";
    ubah("Meningkatnya ASN yang profesional");
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
    let text = page_text(&page);
    let found = text
        .lines()
        .find(|l| l.starts_with("Sasaran yang didukung (kolom 2) | "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        found.starts_with("Sasaran yang didukung (kolom 2) | 5.04.02 ")
            && found.contains(
                "'Meningkatnya ASN yang profesional' bukan nama sasaran maupun IKU rencana"
            )
            && found.contains("Buka di lembar kerja"),
        "{found}"
    );
    assert!(
        page.contains(&format!("formulir=E.81&amp;baris={sdm}&amp;kolom=sasaran"))
            || page.contains(&format!("formulir=E.81&baris={sdm}&kolom=sasaran")),
        "the link opens the E.81 grid at the row's Sasaran cell: {page}"
    );
    assert_eq!(pagu(KOMPETENSI), "3.098.524.600");
    ubah("persentase tingkat kedisiplinan ASN");
    assert_eq!(pagu(KOMPETENSI), "3.098.524.600");
    assert_eq!(pagu(DISIPLIN), "13.027.857.944");

    // Tabel 3.1 (capaian IKU against the signed PK) reproduced: the year's realisasi of the
    // PK's four IKU typed in the grid (TW IV, the document's quarter), the derived table gives
    // the seed's target, realisasi, capaian and kategori of each, row for row.
    let angka = |t: &str| match capaian_domain::num::parse_cell(t).0.value {
        capaian_domain::num::CellValue::Number { value, .. } => Some(value),
        _ => None,
    };
    let (now, _) = document_of(&base, &doc);
    // (the plan's IKU, Tabel 3.1's row of it: target, realisasi, capaian, kategori).
    let cases = [
        (
            "Persentase ASN yang ditempatkan sesuai dengan kompetensi",
            2,
        ),
        ("Persentase ASN yang memenuhi Standar Kompetensi", 3),
        ("Persentase Tingkat kedisiplinan ASN", 4),
        ("Indeks kepuasan pelayanan administrasi kepegawaian", 6),
    ];
    let rows = seed_csv("000/tabel_3_1_capaian_iku_vs_pk_sebelum_perubahan.csv");
    for (iku, line) in cases {
        let i = now
            .rows
            .iter()
            .position(|r| r.level.kinerja() || r.level == capaian_domain::model::Level::Indikator)
            .and_then(|first| {
                now.rows[first..]
                    .iter()
                    .position(|r| r.indicator == iku)
                    .map(|j| first + j)
            })
            .unwrap_or_else(|| panic!("{iku}"));
        set_cell(&base, &doc, "Rina", (i, "tw4_k"), &rows[line][5]);
    }
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/lkjip")).expect("lkjip");
    let capaian = tabel_turunan(&page, "Capaian Indikator Kinerja Utama Tahun 2025");
    for (iku, line) in cases {
        let got = capaian
            .iter()
            .find(|r| r.len() == 8 && r[2] == iku)
            .unwrap_or_else(|| panic!("{iku}: {capaian:?}"));
        let want = &rows[line];
        for (g, w) in [(4, 4), (5, 5), (6, 6)] {
            assert_eq!(angka(&got[g]), angka(&want[w]), "{iku}: {got:?} {want:?}");
        }
        assert_eq!(got[7], want[7], "{iku}");
    }
    // The SDM program back to the kompetensi IKU: its budget is Tabel 3.11's again.
    ubah(KOMPETENSI);
    assert_eq!(pagu(KOMPETENSI), "14.212.901.700");
    // With the realisasi, the efisiensi per IKU (capaian ÷ penyerapan of its budget) of the
    // kompetensi IKU is Tabel 3.11's 176,93. The other three differ from 3.11's by its own
    // contradictions: the Mutasi pagu typo in the ditempatkan budget (Appendix A 6), 3.11's
    // disiplin target 97 (11) and IKM realisasi 96,98 (10).
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/lkjip")).expect("lkjip");
    let efisiensi = tabel_turunan(&page, "Efisiensi Indikator Kinerja Utama")
        .into_iter()
        .find(|r| r.len() == 10 && r[2] == KOMPETENSI)
        .expect("the kompetensi IKU");
    assert_eq!(
        (efisiensi[5].as_str(), efisiensi[9].as_str()),
        ("110,94", "176,93"),
        "{efisiensi:?}"
    );
}

/// Seed 004 (LKjIP s.d. TW II 2024, BKPSDM Luwu Timur) rebuilt as its agency's workbooks
/// (`gen_seed_fixtures`: the laporan s.d. TW II of Tabel 3.2.2/3.2.5/3.2.8 and the rencana
/// aksi of Tabel 2.5–2.7, as printed, with the national codes of their names): the laporan is
/// the document, the rencana aksi (Bab II) kept beside it. The Rekonsiliasi flags ANALYSIS.md
/// §10's contradictions these tables carry, each at its cell:
///
/// - 3: the Program Penunjang capaian printed 63,43 for 63,44;
/// - 4: Tabel 3.2.8's TW II target 100 for Bab II's 40;
/// - 6: Bab II against Bab III — 1.4.2 7 vs 9 Orang, 1.4.3 4 vs 6, kegiatan 1.5's TW targets
///   95 vs 100, and the units Laporan ↔ Dok of 1.2.2, 1.3.1, 1.4.1 (its `-` against `1 Dok` and
///   `0 Dok` are not: a `-` states nothing);
/// - 14: the `s.d. TW II` capaian of the rows whose realisasi columns hold each quarter's level,
///   and their TW targets that already pass the year's (the person sets those indicators'
///   aggregation: "tingkat");
///
/// and the laporan's own 57,14 (4 of Bab II's 7) where its target is 9. From its Bab III A
/// tables kept as an LKjIP file: item 2, Tabel 3.1.3's IKU 3 capaian printed 63,44 (62,17 of
/// 98) where its target is 97 (64,09); item 5, Tabel 3.2.7's SS2 capaian 79,93 where its own
/// realisasi and target give 81,65. The others are narrative.
#[test]
fn seed_004_rebuilt_its_contradictions_on_the_rekonsiliasi_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let seed = |name: &str| {
        std::fs::read(common::fixture("").join("../seeds/004/xlsx").join(name)).expect("seed")
    };
    let (ws, doc) = imported_into_new_workspace(
        &base,
        "2024",
        "Laporan s.d. TW II.xlsx",
        seed("laporan_004_sd_tw2.xlsx"),
    );
    let (status, location) = post_multipart(
        &format!("{base}/ruang-kerja/{ws}/rekonsiliasi/berkas"),
        "berkas_pembanding",
        vec![("Rencana aksi 2024.xlsx", seed("rencana_aksi_004.xlsx"))],
        &[("dokumen", doc.as_str()), ("oleh", "Rina")],
    );
    assert_eq!(status, 303);
    assert!(location.contains("pesan="), "{location}");
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
    let out = page_text(&page);
    let section = |from: &str, to: &str| -> String {
        let at = out.find(from).unwrap_or_else(|| panic!("{from}: {out}"));
        let rest = &out[at..];
        rest[..rest.find(to).unwrap_or(rest.len())].to_string()
    };
    assert!(out.contains("28 hal tidak sepakat"), "{out}");
    let dalam = section("Di dalam rencana · 20", "Laporan s.d. TW II.xlsx — ");
    // The same rows (level indicators the default aggregation sums) also print TW targets that
    // already pass the year's: one per row, naming the aggregation the person can change.
    assert_eq!(dalam.matches("Target triwulan | ").count(), 10, "{dalam}");
    assert!(
        dalam.contains("Target TW I–II indikator '1.2.1. Sub Kegiatan Penyediaan Gaji dan Tunjangan ASN' berjumlah 64, melebihi target tahunan 32"),
        "{dalam}"
    );
    for found in [
        "5.03.01 Program Penunjang Urusan Pemerintah Daerah Kabupaten/Kota | Kolom 13 (K): file berisi 63,43, hasil perhitungan 63,44",
        "1.4.2. Sub Kegiatan Pendidikan dan pelatihan Pegawai Berdasarkan Tugas dan Fungsi | Kolom 13 (K): file berisi 57,14, hasil perhitungan 44,44",
        "1.2.1. Sub Kegiatan Penyediaan Gaji dan Tunjangan ASN | Kolom 13 (K): file berisi 90,63, hasil perhitungan 181,25",
        "1.5.3. Sub Kegiatan Penyediaan Bahan Logistik Kantor | Kolom 13 (K): file berisi 100,00, hasil perhitungan 200,00",
        "1.3.2. Sub kegiatan pengelolaan pendidikan lanjutan ASN | Kolom 13 (K): file berisi 80,00, hasil perhitungan 160,00",
    ] {
        assert!(dalam.contains(found), "{found}: {dalam}");
    }
    let bab2 = section("Rencana aksi 2024.xlsx — ", "\n\n\n");
    assert!(
        bab2.contains("Rencana aksi 2024.xlsx — Rencana Aksi, berkas pembanding"),
        "{bab2}"
    );
    for found in [
        "1.2.2. Sub Kegiatan Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulan/Semesteran SKPD | Dok | 'Tabel' baris 12: Laporan",
        "1.3.1. Sub Kegiatan Penatausahaan Barang Milik Daerah pada SKPD | Dok | 'Tabel' baris 14: Laporan",
        "1.4.1. Sub Kegiatan Pendataan dan Pengolahan Administrasi Kepegawaian | Laporan | 'Tabel' baris 16: Dok",
        "1.4.2. Sub Kegiatan Pendidikan dan pelatihan Pegawai Berdasarkan Tugas dan Fungsi | 9 | 'Tabel'!D17: 7",
        "1.4.3. Sub Kegiatan Sosialisasi Peraturan perundang-undangan | 6 | 'Tabel'!D18: 4",
        "Target TW I | 5.03.01.2.06 1.5. Kegiatan Administrasi Umum Perangkat daerah | 100 | 'Tabel'!E20: 95",
        "Target TW II | 5.03.01.2.06 1.5. Kegiatan Administrasi Umum Perangkat daerah | 100 | 'Tabel'!F20: 95",
        "Target TW II | 5.04.02 1.Program Pengembangan Sumber Daya Manusia | 100 | 'Tabel'!F62: 40",
    ] {
        assert!(bab2.contains(found), "{found}: {bab2}");
    }
    assert_eq!(bab2.matches("Buka di lembar kerja").count(), 8, "{bab2}");
    // The laporan prints no pagu: the document says so (not "Pagu Rp 0"), and its realisasi is
    // the programs' realisasi keuangan s.d. TW II as printed (2.468.210.182 + 1.506.231.933 +
    // 1.640.870.290).
    let (_, page) = blocking_get(&format!("{base}/dokumen/{doc}")).expect("document");
    assert!(
        page.contains("Pagu tidak ada di berkas · Realisasi Rp 5.615.312.405"),
        "{page}"
    );
    // The realisasi Bab II does not hold is no disagreement: the page says how many.
    assert!(
        bab2.contains("nilai berkas belum ada di rencana (bukan ketidaksepakatan"),
        "{bab2}"
    );

    // Item 2, from the LKjIP's Tabel 3.1.3 kept to compare.
    let (status, location) = post_multipart(
        &format!("{base}/ruang-kerja/{ws}/rekonsiliasi/berkas"),
        "berkas_pembanding",
        vec![("LKjIP s.d. TW II.xlsx", seed("lkjip_004_sd_tw2.xlsx"))],
        &[("dokumen", doc.as_str()), ("oleh", "Rina")],
    );
    assert_eq!(status, 303, "{location}");
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
    let out = page_text(&page);
    let at = out
        .find("LKjIP s.d. TW II.xlsx — tabel capaian IKU LKjIP (Bab III A)")
        .unwrap_or_else(|| panic!("{out}"));
    let lkjip = &out[at..];
    assert!(
        lkjip.contains("4 tabel dibaca: Tabel 3.1.3, Tabel 3.2.1, Tabel 3.2.4, Tabel 3.2.7."),
        "{lkjip}"
    );
    assert!(
        lkjip.contains("Di dalam berkas: Angka turunan tabel")
            && lkjip.contains("tertulis 63,44%, hasil hitung 64,09")
            && lkjip.contains("— di 'Capaian IKU'!E5"),
        "{lkjip}"
    );
    // Item 5.
    assert!(
        lkjip.contains("Capaian Kinerja (%) 'Meningkatnya Kompetensi Sumber Daya Manusia': tertulis 79,93%, hasil hitung 81,65")
            && lkjip.contains("— di 'Sasaran Strategis'!H13"),
        "{lkjip}"
    );
    assert_eq!(lkjip.matches("Di dalam berkas: ").count(), 2, "{lkjip}");

    // Item 2's other definitions: the signed PK (Tabel 2.4.1) merged, its sasaran and IKU are
    // the plan's. Tabel 3.2.1 measures SS3 by its own figures (`… (Nilai SAKIP)`, target 77),
    // the PK's only IKU of that sasaran has 80,5. The laporan's column 2 names SS2 without
    // `Aparatur`: a sasaran the plan does not have (its budget serves no IKU).
    merged_whole(
        &base,
        (&ws, &doc),
        "PK 2024.xlsx",
        std::fs::read(common::fixture("").join("../pk/pk_004_tabel_2_4_1.xlsx")).expect("pk"),
    );
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
    let out = page_text(&page);
    let at = out
        .find("LKjIP s.d. TW II.xlsx — tabel capaian IKU LKjIP (Bab III A)")
        .unwrap_or_else(|| panic!("{out}"));
    let lkjip = &out[at..];
    assert!(
        lkjip.contains("Target IKU | Persentase Kualitas dan Pencapaian kinerja penyelenggaraan urusan perangkat daerah | 80,5 | 'Sasaran Strategis'!C3: 77 | Buka di lembar kerja"),
        "{lkjip}"
    );
    let sasaran = out
        .lines()
        .filter(|l| l.starts_with("Sasaran yang didukung (kolom 2) | "))
        .collect::<Vec<_>>();
    assert_eq!(sasaran.len(), 1, "{out}");
    assert!(
        sasaran[0].contains(
            "'Meningkatnya kompetensi Sumber daya Manusia' bukan nama sasaran maupun IKU rencana"
        ),
        "{}",
        sasaran[0]
    );
}

/// The Renstra's table of tujuan, sasaran and IKU (seed 000's Tabel 2.4) merged into the
/// year's document (issue 13's performance tree): tujuan, sasaran and IKU are new rows with
/// the targets of the workspace's year (2026) and the Renstra's end target; a realisasi typed
/// for one IKU gives its capaian on the LKjIP Bab III page (issue 16), which offers each table
/// to copy for Word and the workbook.
#[test]
fn a_renstra_table_adds_the_performance_tree_and_the_lkjip_reports_it() {
    use calamine::Reader;
    use capaian_domain::model::{KValue, Level};
    use rust_decimal::Decimal;

    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_fixture(&base, "e81_101.xlsx");
    let (before, versi) = document_of(&base, &doc);
    let bytes = std::fs::read(common::fixture("").join("../kinerja/kinerja_000_tabel_2_4.xlsx"))
        .expect("fixture");
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "IKU 2025-2029.xlsx",
        bytes,
        Some(&doc),
    );
    assert_eq!(status, 303);
    assert!(location.contains("/gabung/"), "{location}");
    let (_, merge) = blocking_get(&format!("{base}{location}")).expect("merge page");
    assert!(merge.contains("id=\"isi-berkas-kinerja\""), "{merge}");
    assert!(merge.contains("Tujuan: 1 · Sasaran: 2 · IKU: 3"), "{merge}");
    assert!(
        merge.contains("4 baris berkas tidak ada di dokumen"),
        "{merge}"
    );
    let versi_text = versi.to_string();
    let (status, _, _) = post_form(
        &format!("{base}{location}"),
        &[
            ("versi", versi_text.as_str()),
            ("baris_baru", "1"),
            ("aksi", "terima"),
            ("oleh", "Rina"),
        ],
    );
    assert_eq!(status, 303);
    let (after, _) = document_of(&base, &doc);
    assert_eq!(after.rows.len(), before.rows.len() + 4);
    let num = |n: i64, scale: u32| Some(KValue::Number(Decimal::new(n, scale)));
    let tree: Vec<(Level, Option<KValue>, Option<KValue>)> = after.rows[..4]
        .iter()
        .map(|r| (r.level, r.target.k.clone(), r.renstra.k.clone()))
        .collect();
    assert_eq!(
        tree,
        vec![
            (Level::Tujuan, num(70, 0), num(75, 0)),
            (Level::Sasaran, num(36, 0), num(38, 0)),
            (Level::Sasaran, num(86, 0), num(88, 0)),
            (Level::Indikator, num(975, 1), num(98, 0)),
        ],
        "the targets of 2026 and of the Renstra's end"
    );
    assert_eq!(after.rows[1].name, "Meningkatnya kompetensi ASN");

    // A realisasi typed for the first IKU: 30 of 36.
    set_cell(&base, &doc, "Rina", (1, "tw2_k"), "30");

    let (_, overview) = blocking_get(&format!("{base}/ruang-kerja/{ws}")).expect("workspace");
    assert!(
        overview.contains(&format!("href=\"/ruang-kerja/{ws}/lkjip\"")),
        "{overview}"
    );
    // The workspace page's chart of capaian per sasaran (issue 16).
    let chart = &overview[overview
        .find("id=\"grafik-sasaran\"")
        .expect("the sasaran chart")..];
    assert!(
        chart.contains("Grafik batang capaian kinerja 2 sasaran"),
        "{chart}"
    );
    assert!(
        chart.contains("Meningkatnya kompetensi ASN: 83,33%"),
        "{chart}"
    );
    let (status, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/lkjip")).expect("page");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"salin-0\""), "{page}");
    let first = &page[page.find("id=\"tabel-0\"").expect("Bab III A")..];
    let first = &first[..first.find("</table>").expect("its end")];
    assert!(first.contains("Meningkatnya kompetensi ASN"), "{first}");
    assert!(
        first.contains("Persentase ASN yang ditingkatkan kompetensinya"),
        "{first}"
    );
    assert!(first.contains("83,33"), "30 of 36: {first}");
    assert!(
        !first.contains("Indeks Profesionalitas ASN"),
        "a tujuan's indicator is no IKU"
    );

    let (status, _, workbook) = download(&format!("{base}/ruang-kerja/{ws}/unduh/lkjip"));
    assert_eq!(status, 200);
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(workbook))
        .expect("the LKjIP workbook opens");
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).expect("its first sheet");
    let texts: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t == "Persentase ASN yang ditingkatkan kompetensinya"),
        "{texts:?}"
    );
}

/// A T-C.29 (seed 002's Tabel 2.3, as its agency's workbook) kept on the Rekonsiliasi page: its
/// columns 8, 10 and 11 checked against its own figures, a column wrong on many rows one
/// finding with its cells (seed 002's column 10 holds the realisation s.d. TW II, never
/// `5+7+9`); merging it into the document is refused with where to check it instead.
#[test]
fn a_tc29_is_checked_on_the_rekonsiliasi_page_not_merged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let base = server.base.clone();
    let (ws, doc) = imported_into_new_workspace(
        &base,
        "2024",
        "E81 2024.xlsx",
        std::fs::read(common::fixture("e81_101.xlsx")).expect("e81"),
    );
    let tc29 = std::fs::read(common::fixture("").join("../tc29/tc29_002.xlsx")).expect("tc29");
    let (status, location) = upload_into(
        &format!("{base}/ruang-kerja/{ws}/unggah"),
        "T-C.29 Renja 2025.xlsx",
        tc29.clone(),
        Some(&doc),
    );
    assert_eq!(status, 303, "{location}");
    let why = decode(&location);
    assert!(
        why.contains("T-C.29 Renja 2025.xlsx adalah T-C.29 (rekapitulasi evaluasi Renja dan pencapaian Renstra): laporan yang disusun dari rencana, bukan sumber rencana")
            && why.contains("(terhadap rumusnya sendiri), simpan berkas ini sebagai berkas pembanding di halaman Rekonsiliasi"),
        "{why}"
    );
    let (status, location) = post_multipart(
        &format!("{base}/ruang-kerja/{ws}/rekonsiliasi/berkas"),
        "berkas_pembanding",
        vec![("T-C.29 Renja 2025.xlsx", tc29)],
        &[("dokumen", doc.as_str()), ("oleh", "Rina")],
    );
    assert_eq!(status, 303);
    assert!(location.contains("pesan="), "{location}");
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
    let text = page_text(&page);
    let at = text
        .find("T-C.29 Renja 2025.xlsx — T-C.29")
        .unwrap_or_else(|| panic!("{text}"));
    let section = &text[at..];
    assert!(
        section.contains("63 baris dibaca, T-C.29 Renja 2025."),
        "{section}"
    );
    assert!(
        section.contains("Di dalam berkas: Kolom T-C.29 terhadap rumusnya"),
        "{section}"
    );
    let col10 = section
        .lines()
        .find(|l| l.contains("Kolom 10 tidak mengikuti rumusnya di "))
        .unwrap_or_else(|| panic!("{section}"));
    assert!(col10.contains("'T-C.29'!J"), "{col10}");

    // Two T-C.29 of consecutive years kept (seed 001's of Renja 2025 and the same agency's of
    // 2026): the later one's column 5 is held to the earlier one's, and its section lists the
    // two rows typed otherwise, each at its sheet row.
    let tc29 =
        |name: &str| std::fs::read(common::fixture("").join("../tc29").join(name)).expect("tc29");
    let (status, _) = post_multipart(
        &format!("{base}/ruang-kerja/{ws}/rekonsiliasi/berkas"),
        "berkas_pembanding",
        vec![
            ("T-C.29 Paser 2025.xlsx", tc29("tc29_001.xlsx")),
            ("T-C.29 Paser 2026.xlsx", tc29("tc29_001_2026.xlsx")),
        ],
        &[("dokumen", doc.as_str()), ("oleh", "Rina")],
    );
    assert_eq!(status, 303);
    let (_, page) = blocking_get(&format!("{base}/ruang-kerja/{ws}/rekonsiliasi")).expect("page");
    let text = page_text(&page);
    let at = text
        .find("T-C.29 Paser 2026.xlsx — T-C.29")
        .unwrap_or_else(|| panic!("{text}"));
    // Up to the next file's heading.
    let section: Vec<&str> = text[at..]
        .lines()
        .enumerate()
        .take_while(|(i, l)| *i == 0 || !l.contains(".xlsx — "))
        .map(|(_, l)| l)
        .collect();
    let section = section.join("\n");
    let found: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("Kolom 5 terhadap T-C.29 Renja 2025 (T-C.29 Paser 2025.xlsx) | "))
        .collect();
    assert_eq!(found.len(), 2, "{section}");
    assert!(found[0].contains("'T-C.29' baris 9: Kolom 5 'Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah — Nilai SAKIP Perangkat Daerah' (realisasi s.d. 2023) 65 berbeda"), "{}", found[0]);
    assert!(
        found[1].contains("'T-C.29' baris 12: ") && found[1].contains(") 485"),
        "{}",
        found[1]
    );
}
