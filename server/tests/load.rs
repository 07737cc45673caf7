//! Load on loopback in LAN mode: 20 logged-in clients (16 operators of four bidang and four
//! perencana) edit for 10 s in `make test` (`CAPAIAN_LOAD_SECS=60` for the benchmark's minute,
//! `make bench-load`). Prints p50/p95/max edit
//! latency and the errors, and checks that no acknowledged edit is lost: every 200 is in the
//! log at the version it was acknowledged with, with its value and its account's name.

mod common;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use common::{Ack, Api, Capaian, EditingClient, Rng};
use serde_json::{json, Value};

const CLIENTS: usize = 20;
const PASSWORD: &str = "rahasia-tim-2026";
const COLUMNS: [&str; 2] = ["tw2_rp", "keterangan_tw2"];
/// A client stops early after this many acknowledged edits (a very fast machine): with the
/// roll-ups derived along (at most two per edit) its events stay under the 5 000 one
/// activity request returns, so every one of them can be checked.
const MAX_ACKS_PER_CLIENT: usize = 1_600;

/// One logged-in client editing its rows until `until`, timing every request.
async fn client(
    api: Api,
    doc: String,
    nama: String,
    rows: Vec<u64>,
    n: usize,
    until: Instant,
) -> (EditingClient, Vec<Duration>) {
    let mut rng = Rng::new(7000 + n as u64);
    let mut result = EditingClient::default();
    let mut latencies = Vec::new();
    let mut i = 0usize;
    while Instant::now() < until && result.acks.len() < MAX_ACKS_PER_CLIENT {
        i += 1;
        let baris = rows[rng.below(rows.len())];
        let kolom = COLUMNS[rng.below(COLUMNS.len())];
        let nilai = if kolom.ends_with("_rp") {
            json!(2_000_000 + n * 100_000 + i)
        } else {
            json!(format!("klien {n} suntingan {i}"))
        };
        let started = Instant::now();
        result.edit(&api, &doc, &nama, baris, kolom, nilai).await;
        latencies.push(started.elapsed());
    }
    (result, latencies)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[test]
fn twenty_logged_in_clients_edit_at_once_and_lose_nothing() {
    let secs: u64 = std::env::var("CAPAIAN_LOAD_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start_lan(dir.path());
    let runtime = common::runtime();
    runtime.block_on(async {
        let base = server.base.clone();
        // The first admin, through the first-run form.
        let resp = Api::new(&base)
            .setup_admin("admin", "Admin", PASSWORD)
            .await
            .expect("setup");
        assert_eq!(resp.status().as_u16(), 303);
        let (admin, _) = Api::login(&base, "admin", PASSWORD).await.expect("admin");
        let (status, _) = admin
            .post("/pengguna", &json!({"login": "perencana", "nama": "Perencana Utama", "peran": "perencana", "kata_sandi": PASSWORD}))
            .await
            .expect("account");
        assert_eq!(status, 201);
        let (perencana, _) = Api::login(&base, "perencana", PASSWORD).await.expect("login");
        let ws = perencana.create_workspace("Dinas Uji Beban LAN").await;
        let workbook = std::fs::read(common::fixture("e81_101.xlsx")).expect("fixture");
        let (status, body) = perencana.import(&ws, "e81_101.xlsx", workbook).await.expect("import");
        assert_eq!(status, 201, "{body}");
        let doc = body["dokumen"]["id"].as_str().expect("id").to_string();
        let document = perencana.document(&doc).await.expect("document");
        let rows = document["dokumen"]["rows"].as_array().cloned().unwrap_or_default();
        // Each kegiatan to its own bidang; its sub kegiatan rows are that bidang's.
        let mut bidang: Vec<(String, Vec<u64>)> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            match r["level"].as_str() {
                Some("kegiatan") => bidang.push((format!("Bidang {}", bidang.len() + 1), Vec::new())),
                Some("sub_kegiatan") => {
                    if let Some(b) = bidang.last_mut() {
                        b.1.push(i as u64);
                    }
                }
                _ => {}
            }
        }
        let kegiatan: Vec<usize> = (0..rows.len()).filter(|&i| rows[i]["level"] == "kegiatan").collect();
        let assign: Vec<Value> = kegiatan.iter().zip(&bidang).map(|(k, (b, _))| json!({"baris": k, "bidang": b})).collect();
        let (status, _) = perencana
            .call(reqwest::Method::PUT, &format!("/dokumen/{doc}/bidang"), Some(&json!(assign)))
            .await
            .expect("assign");
        assert_eq!(status, 200);
        let all_subs: Vec<u64> = bidang.iter().flat_map(|(_, r)| r.clone()).collect();

        // 16 operators (4 per bidang of the first four) and 4 perencana, each logged in.
        let mut clients = Vec::new();
        for n in 0..CLIENTS {
            let (login, nama, peran, bid, rows) = if n < 16 {
                let (b, r) = &bidang[n % 4.min(bidang.len())];
                (format!("operator{n:02}"), format!("Operator {n:02}"), "operator", Some(b.clone()), r.clone())
            } else {
                (format!("perencana{n:02}"), format!("Perencana {n:02}"), "perencana", None, all_subs.clone())
            };
            let (status, body) = admin
                .post("/pengguna", &json!({"login": login, "nama": nama, "peran": peran, "bidang": bid, "kata_sandi": PASSWORD}))
                .await
                .expect("account");
            assert_eq!(status, 201, "{body}");
            let (api, _) = Api::login(&base, &login, PASSWORD).await.expect("login");
            clients.push((api, nama, rows));
        }

        let started = Instant::now();
        let until = started + Duration::from_secs(secs);
        let tasks: Vec<_> = clients
            .into_iter()
            .enumerate()
            .map(|(n, (api, nama, rows))| tokio::spawn(client(api, doc.clone(), nama, rows, n, until)))
            .collect();
        let mut results = Vec::new();
        let mut latencies: Vec<Duration> = Vec::new();
        for t in tasks {
            let (result, times) = t.await.expect("client");
            results.push(result);
            latencies.extend(times);
        }
        let elapsed = started.elapsed();

        let errors: Vec<&String> = results.iter().flat_map(|r| &r.unexpected).collect();
        latencies.sort();
        let acks: Vec<&Ack> = results.iter().flat_map(|r| &r.acks).collect();
        let conflicts: usize = results.iter().map(|r| r.conflicts).sum();
        let derived: usize = results.iter().map(|r| r.derived).sum();
        println!(
            "beban LAN: {CLIENTS} klien masuk, {:.1?}: {} permintaan ({:.0}/s), {} tersimpan (+{derived} jumlah induk), {conflicts} konflik (409), {} galat; \
             latensi p50 {:.1?}, p95 {:.1?}, p99 {:.1?}, maks {:.1?}",
            elapsed,
            latencies.len(),
            latencies.len() as f64 / elapsed.as_secs_f64(),
            acks.len(),
            errors.len(),
            percentile(&latencies, 0.50),
            percentile(&latencies, 0.95),
            percentile(&latencies, 0.99),
            latencies.last().copied().unwrap_or_default(),
        );
        assert!(errors.is_empty(), "{} errors, e.g. {:?}\n{}", errors.len(), &errors[..errors.len().min(5)], server.log());
        assert!(!acks.is_empty());

        // Zero lost edits: each client's log (the activity filtered by its name) holds exactly
        // its acknowledged edits and the roll-ups derived with them, each as acknowledged; and
        // all of them with the bidang assignments are the document's whole version, no gaps.
        let document = perencana.document(&doc).await.expect("document");
        let versi = document["ringkasan"]["versi"].as_u64().unwrap_or(0);
        let mut counted = kegiatan.len().min(bidang.len()) as u64;
        for r in &results {
            let Some(oleh) = r.acks.first().map(|a| a.oleh.clone()) else {
                continue;
            };
            let (status, body) = perencana
                .get(&format!("/dokumen/{doc}/aktivitas?batas=5000&oleh={}", oleh.replace(' ', "%20")))
                .await
                .expect("activity");
            assert_eq!(status, 200);
            let events: Vec<Value> = body["peristiwa"].as_array().into_iter().flatten().map(|p| p["peristiwa"].clone()).collect();
            assert!(events.len() < 5000, "the check needs every event of {oleh}");
            assert_eq!(events.len(), r.acks.len() + r.derived, "{oleh}: events ≠ acknowledged edits + derived roll-ups");
            counted += events.len() as u64;
            let by_seq: HashMap<u64, &Value> = events.iter().map(|e| (e["seq"].as_u64().unwrap_or(0), e)).collect();
            for ack in &r.acks {
                let e = by_seq.get(&ack.seq).unwrap_or_else(|| panic!("acknowledged edit {ack:?} is not in the log"));
                assert_eq!((e["jenis"].as_str(), &e["baris"], &e["kolom"], &e["baru"], e["oleh"].as_str()),
                    (Some("ubah"), &json!(ack.baris), &json!(ack.kolom), &ack.baru, Some(ack.oleh.as_str())), "{ack:?}: {e}");
            }
        }
        assert_eq!(counted, versi, "events of all clients and the assignments ≠ the document's version");
        // Every cell holds the value of its last acknowledged edit.
        let mut last: HashMap<(u64, &str), &Ack> = HashMap::new();
        for ack in &acks {
            let e = last.entry((ack.baris, ack.kolom)).or_insert(ack);
            if ack.seq > e.seq {
                *e = ack;
            }
        }
        for ((baris, kolom), ack) in last {
            let v = common::cell_value(&document["dokumen"]["rows"][baris as usize], kolom);
            assert_eq!(v, ack.baru, "row {baris} {kolom}");
        }
    });
    server.stop();
}
