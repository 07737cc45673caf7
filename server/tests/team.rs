//! The team on a LAN (`--lan`): every role × every action against the real server, through
//! the JSON API and the pages' form routes, bypassing the UI. Refused actions answer 403 and
//! store nothing (the document's version and log do not move). Also: the first admin, the
//! session cookie's attributes, a forged cross-site POST, a cookie replayed after logout, the
//! login rate limit, and the workflow's transitions in the activity log.

mod common;

use common::{Api, Capaian};
use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::{json, Value};

const PASSWORD: &str = "rahasia-tim-2026";

struct Team {
    admin: Api,
    perencana: Api,
    /// Operator of Bidang Mutasi.
    sari: Api,
    /// Operator of Bidang Diklat.
    budi: Api,
    kepala: Api,
    pemeriksa: Api,
}

/// The first admin through the first-run form, logged in.
async fn first_admin(base: &str) -> Api {
    let anon = Api::new(base);
    // Before any account exists, pages go to the first-run form and the API asks to log in.
    let resp = anon
        .client
        .get(format!("{base}/"))
        .send()
        .await
        .expect("GET /");
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(resp.headers()["location"], "/siapkan");
    let (status, body) = anon.get("/ruang-kerja").await.expect("GET api");
    assert_eq!(status, 401, "{body}");
    let resp = anon
        .setup_admin("admin", "Admin Capaian", PASSWORD)
        .await
        .expect("POST /siapkan");
    assert_eq!(resp.status().as_u16(), 303);
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    // A second first admin is refused: the form now goes to the login page.
    let again = anon
        .setup_admin("penyusup", "Penyusup", PASSWORD)
        .await
        .expect("POST /siapkan again");
    assert_eq!(again.headers()["location"], "/masuk");
    let (status, _, _) = anon.login_raw("penyusup", PASSWORD).await.expect("login");
    assert_eq!(status, 401);
    // The first-run page is gone once there is an account; a logged-in admin skips the login page.
    let resp = anon
        .client
        .get(format!("{base}/siapkan"))
        .send()
        .await
        .expect("GET /siapkan");
    assert_eq!(resp.headers()["location"], "/masuk");
    let admin = Api::login(base, "admin", PASSWORD)
        .await
        .expect("admin login")
        .0;
    let resp = admin
        .client
        .get(format!("{base}/masuk"))
        .send()
        .await
        .expect("GET /masuk");
    assert_eq!(resp.headers()["location"], "/");
    admin
}

async fn team(base: &str) -> Team {
    let admin = first_admin(base).await;
    for (login, nama, peran, bidang) in [
        ("rina", "Rina Perencana", "perencana", None),
        ("sari", "Sari Mutasi", "operator", Some("Bidang Mutasi")),
        ("budi", "Budi Diklat", "operator", Some("Bidang Diklat")),
        ("kepala", "Dr. Kepala PD", "kepala", None),
        ("inspektur", "Inspektur", "pemeriksa", None),
    ] {
        let (status, body) = admin
            .post(
                "/pengguna",
                &json!({"login": login, "nama": nama, "peran": peran, "bidang": bidang, "kata_sandi": PASSWORD}),
            )
            .await
            .expect("create account");
        assert_eq!(status, 201, "{login}: {body}");
        assert!(
            body.get("hash").is_none(),
            "the hash never leaves the server"
        );
    }
    let login =
        |l: &'static str| async move { Api::login(base, l, PASSWORD).await.expect("login").0 };
    Team {
        perencana: login("rina").await,
        sari: login("sari").await,
        budi: login("budi").await,
        kepala: login("kepala").await,
        pemeriksa: login("inspektur").await,
        admin,
    }
}

/// The document's version and number of events: what must not move when something is refused.
async fn state(api: &Api, doc: &str) -> (u64, usize) {
    let d = api.document(doc).await.expect("document");
    let events = api.events(doc).await.expect("events");
    (d["ringkasan"]["versi"].as_u64().unwrap_or(0), events.len())
}

/// Each of `who` is refused with 403 and nothing changes.
async fn refused<'a>(
    what: &str,
    reader: &Api,
    doc: &str,
    who: &[(&str, &'a Api)],
    call: impl Fn(&'a Api) -> std::pin::Pin<Box<dyn std::future::Future<Output = (u16, Value)> + 'a>>,
) {
    for (name, api) in who {
        let before = state(reader, doc).await;
        let (status, body) = call(api).await;
        assert_eq!(status, 403, "{what} by {name}: {body}");
        assert!(
            body["galat"].as_str().is_some_and(|g| !g.is_empty()),
            "{what} by {name}: a reason in Indonesian: {body}"
        );
        assert_eq!(
            state(reader, doc).await,
            before,
            "{what} by {name} changed something"
        );
    }
}

fn rows_of(doc: &Value) -> Vec<Value> {
    doc["dokumen"]["rows"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn versi_of(doc: &Value, baris: usize, kolom: &str) -> u64 {
    doc["versi_sel"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["baris"] == baris && c["kolom"] == kolom)
        .and_then(|c| c["versi"].as_u64())
        .unwrap_or(0)
}

async fn edit(
    api: &Api,
    doc: &str,
    reader: &Api,
    baris: usize,
    kolom: &str,
    nilai: Value,
) -> (u16, Value) {
    let current = reader.document(doc).await.expect("document");
    let versi = versi_of(&current, baris, kolom);
    api.patch(
        &format!("/dokumen/{doc}/sel"),
        &json!({"perubahan": [{"baris": baris, "kolom": kolom, "nilai": nilai, "versi": versi}]}),
    )
    .await
    .expect("patch")
}

fn boxed<'a>(
    f: impl std::future::Future<Output = Result<(u16, Value), reqwest::Error>> + 'a,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = (u16, Value)> + 'a>> {
    Box::pin(async move { f.await.expect("request") })
}

#[test]
fn every_role_may_do_exactly_its_actions_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start_lan(dir.path());
    let runtime = common::runtime();
    runtime.block_on(async {
        let base = server.base.clone();
        let t = team(&base).await;
        let reader = &t.pemeriksa;

        // Creating a workspace: admin and perencana.
        let ws_json = common::workspace_json("Badan Kepegawaian Daerah");
        for (name, api) in [("sari", &t.sari), ("kepala", &t.kepala), ("pemeriksa", &t.pemeriksa)] {
            let (status, body) = api.post("/ruang-kerja", &ws_json).await.expect("post");
            assert_eq!(status, 403, "create workspace by {name}: {body}");
        }
        let (status, list) = t.pemeriksa.get("/ruang-kerja").await.expect("list");
        assert_eq!((status, list.as_array().map(Vec::len)), (200, Some(0)));
        let ws = t.perencana.create_workspace("Badan Kepegawaian Daerah").await;
        t.admin.create_workspace("Sekretariat Daerah").await;
        // The server function behind the hydrated form checks the role too.
        let resp = t.kepala.client.post(format!("{base}/api/create_workspace"))
            .form(&[("input[nama_pd]", "Dinas Lain"), ("input[kabupaten]", "Kabupaten Sleman"), ("input[tahun]", "2026"),
                ("input[kepala_nama]", "Drs. A"), ("input[kepala_nip]", "197007071991072005")])
            .send().await.expect("server fn");
        assert_eq!(resp.status().as_u16(), 403);
        let (_, list) = t.pemeriksa.get("/ruang-kerja").await.expect("list");
        assert_eq!(list.as_array().map(Vec::len), Some(2));

        // Uploading: perencana only (checked before the body is read).
        let workbook = std::fs::read(common::fixture("e81_101.xlsx")).expect("fixture");
        for (name, api) in [("admin", &t.admin), ("sari", &t.sari), ("kepala", &t.kepala), ("pemeriksa", &t.pemeriksa)] {
            let (status, body) = api.import(&ws, "e81_101.xlsx", workbook.clone()).await.expect("import");
            assert_eq!(status, 403, "upload by {name}: {body}");
        }
        let (status, _) = t.pemeriksa.get(&format!("/ruang-kerja/{ws}")).await.expect("ws");
        assert_eq!(status, 200);
        // A file that is not a workbook is refused by its content, not just its name.
        let (status, body) = t.perencana.import(&ws, "bukan.xlsx", b"<html>bukan workbook</html>".to_vec()).await.expect("import");
        assert_eq!(status, 415, "{body}");
        let (status, body) = t.perencana.import(&ws, "e81_101.xlsx", workbook).await.expect("import");
        assert_eq!(status, 201, "{body}");
        let doc = body["dokumen"]["id"].as_str().expect("id").to_string();
        let d = doc.as_str();

        // The rows: the first two kegiatan and a sub kegiatan under each.
        let document = t.pemeriksa.document(d).await.expect("document");
        let rows = rows_of(&document);
        let kegiatan: Vec<usize> = (0..rows.len()).filter(|&i| rows[i]["level"] == "kegiatan").collect();
        assert!(kegiatan.len() >= 2, "the fixture has two kegiatan");
        let sub_under = |k: usize| {
            (k + 1..rows.len())
                .take_while(|&i| rows[i]["level"] != "kegiatan" && rows[i]["level"] != "program")
                .find(|&i| rows[i]["level"] == "sub_kegiatan")
                .expect("a sub kegiatan under the kegiatan")
        };
        let (k1, k2) = (kegiatan[0], kegiatan[1]);
        let (s1, s2) = (sub_under(k1), sub_under(k2));

        // Assigning rows to bidang: admin and perencana; not a sub kegiatan row.
        let assign = &json!([{"baris": k1, "bidang": "Bidang Mutasi"}, {"baris": k2, "bidang": "Bidang Diklat"}]);
        refused("assign bidang", &t.pemeriksa, d, &[("sari", &t.sari), ("kepala", &t.kepala), ("pemeriksa", &t.pemeriksa)], |api| {
            boxed(async move { api.call(reqwest::Method::PUT, &format!("/dokumen/{d}/bidang"), Some(assign)).await })
        }).await;
        let (status, body) = t.perencana.call(reqwest::Method::PUT, &format!("/dokumen/{d}/bidang"), Some(&json!([{"baris": s1, "bidang": "X"}]))).await.expect("put");
        assert_eq!(status, 422, "{body}");
        let (status, body) = t.perencana.call(reqwest::Method::PUT, &format!("/dokumen/{d}/bidang"), Some(assign)).await.expect("put");
        assert_eq!(status, 200, "{body}");
        // The admin may too (the same assignment again changes and logs nothing).
        let before = state(reader, d).await;
        let (status, body) = t.admin.call(reqwest::Method::PUT, &format!("/dokumen/{d}/bidang"), Some(assign)).await.expect("put");
        assert_eq!(status, 200, "{body}");
        assert_eq!(state(reader, d).await, before);

        // Everyone logged in may read: the document, the grid's data, the log, the files.
        for (name, api) in [("admin", &t.admin), ("perencana", &t.perencana), ("sari", &t.sari), ("kepala", &t.kepala), ("pemeriksa", &t.pemeriksa)] {
            for path in [format!("/dokumen/{d}"), format!("/dokumen/{d}/kisi"), format!("/dokumen/{d}/aktivitas"), format!("/dokumen/{d}/pengajuan"), format!("/dokumen/{d}/bidang")] {
                let (status, _) = api.get(&path).await.expect("read");
                assert_eq!(status, 200, "{name} GET {path}");
            }
            for path in [format!("/dokumen/{d}"), format!("/dokumen/{d}/unduh/formulir"), format!("/dokumen/{d}/aktivitas")] {
                let resp = api.client.get(format!("{base}{path}")).send().await.expect("page");
                assert_eq!(resp.status().as_u16(), 200, "{name} GET {path}");
            }
        }

        // Editing: the operator only their bidang's rows; perencana everything; the others nothing.
        refused("edit S1 (Bidang Mutasi)", &t.pemeriksa, d, &[("admin", &t.admin), ("budi", &t.budi), ("kepala", &t.kepala), ("pemeriksa", &t.pemeriksa)], |api| {
            boxed(async move { Ok(edit(api, d, reader, s1, "keterangan_tw1", json!("diubah")).await) })
        }).await;
        refused("edit S2 (Bidang Diklat)", &t.pemeriksa, d, &[("sari", &t.sari)], |api| {
            boxed(async move { Ok(edit(api, d, reader, s2, "tw1_rp", json!("1.000")).await) })
        }).await;
        // The program row belongs to nobody: refused for an operator too.
        refused("edit the program row", &t.pemeriksa, d, &[("sari", &t.sari)], |api| {
            boxed(async move { Ok(edit(api, d, reader, 0, "keterangan_tw1", json!("x")).await) })
        }).await;
        // One refused row refuses the whole batch.
        refused("a batch with another bidang's row", &t.pemeriksa, d, &[("sari", &t.sari)], |api| {
            boxed(async move { api.patch(&format!("/dokumen/{d}/sel"), &json!({"perubahan": [
                {"baris": s1, "kolom": "keterangan_tw2", "nilai": "milik saya", "versi": 0},
                {"baris": s2, "kolom": "keterangan_tw2", "nilai": "bukan milik saya", "versi": 0},
            ]})).await })
        }).await;
        let (status, body) = edit(&t.sari, d, &t.pemeriksa, s1, "tw1_rp", json!("1.234.567,89")).await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = edit(&t.budi, d, &t.pemeriksa, s2, "keterangan_tw1", json!("Diisi Bidang Diklat")).await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = edit(&t.perencana, d, &t.pemeriksa, s2, "keterangan_tw2", json!("Dikonsolidasi")).await;
        assert_eq!(status, 200, "{body}");
        // The log names the account, whatever `oleh` the request claims.
        let (status, _) = t.sari.patch(&format!("/dokumen/{d}/sel"), &json!({"oleh": "Kepala PD", "perubahan": [
            {"baris": s1, "kolom": "keterangan_tw2", "nilai": "nama asli", "versi": 0}]})).await.expect("patch");
        assert_eq!(status, 200);
        let events = t.pemeriksa.events(d).await.expect("events");
        assert_eq!(events.last().expect("event")["oleh"], "Sari Mutasi");

        // The budget change: perencana.
        let alasan = &json!({"alasan": "Perda APBD-P 2026"});
        refused("budget change", &t.pemeriksa, d, &[("admin", &t.admin), ("sari", &t.sari), ("kepala", &t.kepala), ("pemeriksa", &t.pemeriksa)], |api| {
            boxed(async move { api.post(&format!("/dokumen/{d}/perubahan-anggaran"), alasan).await })
        }).await;

        // The workflow of TW I: Draf → Diajukan (perencana).
        let step = |langkah: &str, alasan: &str| json!({"triwulan": 1, "langkah": langkah, "alasan": alasan});
        let ajukan = &step("ajukan", "");
        refused("submit for verification", &t.pemeriksa, d, &[("admin", &t.admin), ("sari", &t.sari), ("kepala", &t.kepala), ("pemeriksa", &t.pemeriksa)], |api| {
            boxed(async move { api.post(&format!("/dokumen/{d}/alur"), ajukan).await })
        }).await;
        // A forged cross-site POST with the perencana's own cookie.
        let forged = {
            let mut h = HeaderMap::new();
            h.insert("origin", HeaderValue::from_static("http://evil.example"));
            h
        };
        let before = state(&t.pemeriksa, d).await;
        let resp = t.perencana.client.post(format!("{base}/api/v1/dokumen/{d}/alur")).headers(forged.clone()).json(ajukan).send().await.expect("forged");
        assert_eq!(resp.status().as_u16(), 403);
        let resp = t.perencana.client.post(format!("{base}/dokumen/{d}/alur")).headers(forged.clone())
            .form(&[("triwulan", "1"), ("langkah", "ajukan")]).send().await.expect("forged form");
        assert_eq!(resp.status().as_u16(), 403);
        let resp = t.sari.client.patch(format!("{base}/api/v1/dokumen/{d}/sel")).header("sec-fetch-site", "cross-site")
            .json(&json!({"perubahan": [{"baris": s1, "kolom": "keterangan_tw3", "nilai": "x", "versi": 0}]})).send().await.expect("forged patch");
        assert_eq!(resp.status().as_u16(), 403);
        assert_eq!(state(&t.pemeriksa, d).await, before, "a forged request changed something");
        // The same from the page itself (same origin) goes through.
        let resp = t.perencana.client.post(format!("{base}/api/v1/dokumen/{d}/alur"))
            .header("origin", base.as_str()).json(ajukan).send().await.expect("ajukan");
        assert_eq!(resp.status().as_u16(), 200);

        // A submitted quarter cannot be edited, by anyone; the next quarter can.
        for (name, api, row) in [("sari", &t.sari, s1), ("perencana", &t.perencana, s2)] {
            let before = state(&t.pemeriksa, d).await;
            let (status, body) = edit(api, d, &t.pemeriksa, row, "tw1_rp", json!(5)).await;
            assert_eq!(status, 423, "edit of a submitted quarter by {name}: {body}");
            assert_eq!(state(&t.pemeriksa, d).await, before);
        }
        let (status, body) = edit(&t.sari, d, &t.pemeriksa, s1, "tw2_rp", json!(7)).await;
        assert_eq!(status, 200, "{body}");

        // Notes on rows while it is under verification: kepala and perencana.
        let note = &json!({"triwulan": 1, "baris": s1, "catatan": "Realisasi TW I belum sesuai SP2D"});
        refused("note", &t.pemeriksa, d, &[("admin", &t.admin), ("sari", &t.sari), ("pemeriksa", &t.pemeriksa)], |api| {
            boxed(async move { api.post(&format!("/dokumen/{d}/catatan"), note).await })
        }).await;
        let (status, body) = t.kepala.post(&format!("/dokumen/{d}/catatan"), note).await.expect("note");
        assert_eq!(status, 200, "{body}");
        // The perencana checks too: a note on another row, then taken back (empty text).
        for text in ["Cek ulang volume", ""] {
            let (status, body) = t.perencana.post(&format!("/dokumen/{d}/catatan"), &json!({"triwulan": 1, "baris": s2, "catatan": text})).await.expect("note");
            assert_eq!(status, 200, "{body}");
        }

        // Diajukan → Draf with notes (kepala); the reason is required.
        let kembalikan = &step("kembalikan", "Perbaiki realisasi Bidang Mutasi");
        refused("return", &t.pemeriksa, d, &[("admin", &t.admin), ("perencana", &t.perencana), ("sari", &t.sari), ("pemeriksa", &t.pemeriksa)], |api| {
            boxed(async move { api.post(&format!("/dokumen/{d}/alur"), kembalikan).await })
        }).await;
        let (status, body) = t.kepala.post(&format!("/dokumen/{d}/alur"), &step("kembalikan", "")).await.expect("return");
        assert_eq!(status, 422, "{body}");
        let (status, body) = t.kepala.post(&format!("/dokumen/{d}/alur"), kembalikan).await.expect("return");
        assert_eq!((status, body["tahap"].clone()), (200, json!("draf")), "{body}");
        let (_, notes) = t.sari.get(&format!("/dokumen/{d}/catatan")).await.expect("notes");
        assert_eq!(notes[0]["baris"], s1, "{notes}");
        // Back in Draf: the operator fixes the row.
        let (status, body) = edit(&t.sari, d, &t.pemeriksa, s1, "tw1_rp", json!("1.300.000")).await;
        assert_eq!(status, 200, "{body}");

        // Submitted again, then approved (kepala), then final (perencana).
        let (status, body) = t.perencana.post(&format!("/dokumen/{d}/alur"), ajukan).await.expect("ajukan");
        assert_eq!(status, 200, "{body}");
        let setujui = &step("setujui", "");
        refused("approve", &t.pemeriksa, d, &[("admin", &t.admin), ("perencana", &t.perencana), ("sari", &t.sari), ("pemeriksa", &t.pemeriksa)], |api| {
            boxed(async move { api.post(&format!("/dokumen/{d}/alur"), setujui).await })
        }).await;
        // Final before approval is refused (409), not a permission matter.
        let (status, body) = t.perencana.post(&format!("/dokumen/{d}/pengajuan"), &json!({"triwulan": 1})).await.expect("final");
        assert_eq!(status, 409, "{body}");
        let (status, body) = t.kepala.post(&format!("/dokumen/{d}/alur"), setujui).await.expect("approve");
        assert_eq!((status, body["tahap"].clone()), (200, json!("disetujui")), "{body}");
        let final_body = &json!({"triwulan": 1});
        refused("final", &t.pemeriksa, d, &[("admin", &t.admin), ("sari", &t.sari), ("pemeriksa", &t.pemeriksa)], |api| {
            boxed(async move { api.post(&format!("/dokumen/{d}/pengajuan"), final_body).await })
        }).await;
        let (status, body) = t.perencana.post(&format!("/dokumen/{d}/pengajuan"), final_body).await.expect("final");
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["oleh"], "Rina Perencana");

        // The kepala may make an approved quarter final too (TW II).
        let (status, body) = t.perencana.post(&format!("/dokumen/{d}/alur"), &json!({"triwulan": 2, "langkah": "ajukan"})).await.expect("ajukan");
        assert_eq!(status, 200, "{body}");
        let (status, body) = t.kepala.post(&format!("/dokumen/{d}/alur"), &json!({"triwulan": 2, "langkah": "setujui"})).await.expect("approve");
        assert_eq!(status, 200, "{body}");
        let (status, body) = t.kepala.post(&format!("/dokumen/{d}/pengajuan"), &json!({"triwulan": 2})).await.expect("final");
        assert_eq!(status, 201, "{body}");

        // Unlocking: admin only.
        let unlock = &json!({"triwulan": 1, "alasan": "Koreksi dari Bappeda"});
        refused("unlock", &t.pemeriksa, d, &[("perencana", &t.perencana), ("sari", &t.sari), ("kepala", &t.kepala), ("pemeriksa", &t.pemeriksa)], |api| {
            boxed(async move { api.post(&format!("/dokumen/{d}/buka-kunci"), unlock).await })
        }).await;
        let (status, body) = t.admin.post(&format!("/dokumen/{d}/buka-kunci"), unlock).await.expect("unlock");
        assert_eq!(status, 200, "{body}");

        // Every transition is in the activity log, with the account's name.
        let events = t.pemeriksa.events(d).await.expect("events");
        let kinds: Vec<(String, String)> = events
            .iter()
            .filter(|e| e["jenis"] != "ubah")
            .map(|e| (e["jenis"].as_str().unwrap_or_default().to_string(), e["oleh"].as_str().unwrap_or_default().to_string()))
            .collect();
        let expected: Vec<(String, String)> = [
            ("atur_bidang", "Rina Perencana"),
            ("atur_bidang", "Rina Perencana"),
            ("ajukan_verifikasi", "Rina Perencana"),
            ("catatan", "Dr. Kepala PD"),
            ("catatan", "Rina Perencana"),
            ("catatan", "Rina Perencana"),
            ("kembalikan", "Dr. Kepala PD"),
            ("ajukan_verifikasi", "Rina Perencana"),
            ("setujui", "Dr. Kepala PD"),
            ("ajukan", "Rina Perencana"),
            ("ajukan_verifikasi", "Rina Perencana"),
            ("setujui", "Dr. Kepala PD"),
            ("ajukan", "Dr. Kepala PD"),
            ("buka_kunci", "Admin Capaian"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(kinds, expected);

        // Accounts: admin only, through the API and the form routes.
        for (name, api) in [("perencana", &t.perencana), ("sari", &t.sari), ("kepala", &t.kepala), ("pemeriksa", &t.pemeriksa)] {
            let (status, _) = api.get("/pengguna").await.expect("accounts");
            assert_eq!(status, 403, "list accounts by {name}");
            let (status, _) = api.post("/pengguna", &json!({"login": "baru", "nama": "Baru", "peran": "admin", "kata_sandi": PASSWORD})).await.expect("create");
            assert_eq!(status, 403, "create account by {name}");
            let (status, _) = api.call(reqwest::Method::PATCH, "/pengguna/sari", Some(&json!({"peran": "admin"}))).await.expect("update");
            assert_eq!(status, 403, "update account by {name}");
            let resp = api.client.post(format!("{base}/pengguna")).form(&[("login", "baru2"), ("nama", "B"), ("peran", "admin"), ("kata_sandi", PASSWORD)]).send().await.expect("form");
            assert_eq!(resp.status().as_u16(), 403, "account form by {name}");
        }
        let (status, list) = t.admin.get("/pengguna").await.expect("accounts");
        assert_eq!((status, list.as_array().map(Vec::len)), (200, Some(6)));
        // The form routes of the document page check roles too (no UI involved).
        let resp = t.sari.client.post(format!("{base}/dokumen/{d}/alur")).form(&[("triwulan", "2"), ("langkah", "ajukan")]).send().await.expect("form");
        assert_eq!(resp.status().as_u16(), 403);
        let resp = t.pemeriksa.client.post(format!("{base}/dokumen/{d}/perubahan-anggaran")).form(&[("alasan", "Perda APBD-P")]).send().await.expect("form");
        assert_eq!(resp.status().as_u16(), 403);
        let resp = t.kepala.client.post(format!("{base}/dokumen/{d}/bidang")).form(&[(format!("b{k1}"), "Bidang Diklat")]).send().await.expect("form");
        assert_eq!(resp.status().as_u16(), 403);

        // A session cookie replayed after logout opens nothing.
        let (sari2, _) = Api::login(&base, "sari", PASSWORD).await.expect("login");
        let (status, _) = sari2.get(&format!("/dokumen/{d}")).await.expect("get");
        assert_eq!(status, 200);
        let (status, body) = sari2.post("/keluar", &json!({})).await.expect("logout");
        assert_eq!(status, 200, "{body}");
        let before = state(&t.pemeriksa, d).await;
        let (status, _) = sari2.get(&format!("/dokumen/{d}")).await.expect("replay get");
        assert_eq!(status, 401);
        let (status, _) = edit(&sari2, d, &t.pemeriksa, s1, "tw3_rp", json!(9)).await;
        assert_eq!(status, 401);
        let resp = sari2.client.get(format!("{base}/dokumen/{d}")).send().await.expect("page");
        assert_eq!(resp.status().as_u16(), 303);
        assert!(resp.headers()["location"].to_str().unwrap().starts_with("/masuk?lanjut="));
        assert_eq!(state(&t.pemeriksa, d).await, before);
        // A deactivated account's sessions end at once.
        let (status, _) = t.admin.call(reqwest::Method::PATCH, "/pengguna/budi", Some(&json!({"aktif": false}))).await.expect("deactivate");
        assert_eq!(status, 200);
        let (status, _) = t.budi.get("/ruang-kerja").await.expect("get");
        assert_eq!(status, 401);

        // Login is rate-limited per address and name: after 5 failures even the right password waits.
        let anon = Api::new(&base);
        for _ in 0..5 {
            let (status, _, _) = anon.login_raw("kepala", "salah-sandi").await.expect("login");
            assert_eq!(status, 401);
        }
        let (status, _, body) = anon.login_raw("kepala", PASSWORD).await.expect("login");
        assert_eq!(status, 429, "{body}");
        assert!(body["galat"].as_str().unwrap_or_default().contains("menit"), "{body}");
    });
    server.stop();
}

#[test]
fn on_a_single_pc_the_team_actions_log_the_name_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let runtime = common::runtime();
    runtime.block_on(async {
        let base = server.base.clone();
        let api = Api::new(&base);
        let ws = api.create_workspace("Dinas Satu Komputer").await;
        let workbook = std::fs::read(common::fixture("e81_101.xlsx")).expect("fixture");
        let (status, body) = api
            .import(&ws, "e81_101.xlsx", workbook)
            .await
            .expect("import");
        assert_eq!(status, 201, "{body}");
        let doc = body["dokumen"]["id"].as_str().expect("id").to_string();
        let d = doc.as_str();
        let assign = json!([{"baris": 1, "bidang": "Bidang Mutasi"}]);
        // Without accounts every change needs the name of who made it.
        let (status, body) = api
            .call(
                reqwest::Method::PUT,
                &format!("/dokumen/{d}/bidang"),
                Some(&assign),
            )
            .await
            .expect("put");
        assert_eq!(status, 422, "{body}");
        let (status, body) = api
            .call(
                reqwest::Method::PUT,
                &format!("/dokumen/{d}/bidang?oleh=Rina"),
                Some(&assign),
            )
            .await
            .expect("put");
        assert_eq!(status, 200, "{body}");
        // The page's form carries the name too.
        let resp = api
            .client
            .post(format!("{base}/dokumen/{d}/bidang"))
            .form(&[("b4", "Bidang Diklat"), ("oleh", "Budi")])
            .send()
            .await
            .expect("form");
        assert!(resp.headers()["location"]
            .to_str()
            .unwrap()
            .contains("pesan="));
        let (status, body) = api
            .post(
                &format!("/dokumen/{d}/alur"),
                &json!({"triwulan": 1, "langkah": "ajukan", "oleh": "Rina"}),
            )
            .await
            .expect("step");
        assert_eq!(status, 200, "{body}");
        let (status, body) = api
            .post(
                &format!("/dokumen/{d}/catatan"),
                &json!({"triwulan": 1, "baris": 2, "catatan": "Cek SP2D", "oleh": "Kepala"}),
            )
            .await
            .expect("note");
        assert_eq!(status, 200, "{body}");
        let events = api.events(d).await.expect("events");
        let who: Vec<(&str, &str)> = events
            .iter()
            .map(|e| {
                (
                    e["jenis"].as_str().unwrap_or_default(),
                    e["oleh"].as_str().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            who,
            [
                ("atur_bidang", "Rina"),
                ("atur_bidang", "Budi"),
                ("ajukan_verifikasi", "Rina"),
                ("catatan", "Kepala")
            ]
        );
    });
    server.stop();
}
