//! Durability under `kill -9`: one data folder, the server killed again and again at a random
//! moment while imports, edits, submissions and unlocks are in flight. After every restart,
//! everything that was acknowledged is there, and what is there is whole: contiguous logs,
//! submissions with their files (SHA-256 checked) and their `ajukan` events.

mod common;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{cell_quarter, check_document_log, sent_value, Api, Capaian, Rng};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Kills (and restarts) of the server; `CAPAIAN_CRASH_ITERATIONS` may ask for more.
const ITERATIONS: usize = 50;
/// Concurrent clients of the workload.
const TASKS: usize = 5;
/// How long the workload runs before the kill, in ms (random in this range).
const RUN_MS: (u64, u64) = (50, 600);
/// A document whose log reaches this many events is no longer edited (the activity list
/// returns at most 5000, and the check reads the whole log).
const LOG_LIMIT: u64 = 1_500;
/// The workload imports a new document while there are fewer than this many…
const DOCS_SOFT_MAX: usize = 6;
/// …or fewer than this many still open for edits.
const ACTIVE_MIN: usize = 2;
/// The rows edited (of each document): few, so that clients collide.
const EDIT_ROWS: usize = 10;
const COLUMNS: [&str; 9] = [
    "tw1_rp",
    "tw2_rp",
    "tw3_rp",
    "tw4_rp",
    "keterangan_tw1",
    "penghambat_tw2",
    "tindak_lanjut_tw3",
    "pendorong_tw4",
    "keterangan",
];

/// What the test knows of a document from the answers it got.
#[derive(Debug)]
struct Doc {
    id: String,
    rows: usize,
    /// The highest document version seen.
    versi: u64,
    /// The version of each cell as last seen.
    seen: HashMap<(u64, String), u64>,
    /// Quarters believed locked.
    locked: BTreeSet<u8>,
}

#[derive(Debug, Clone)]
struct AckedEdit {
    /// The run (between two kills) it was acknowledged in.
    run: usize,
    doc: String,
    seq: u64,
    baris: u64,
    kolom: String,
    baru: Value,
}

#[derive(Debug)]
struct AckedSubmission {
    doc: String,
    id: String,
    triwulan: u8,
    versi: u64,
}

/// Per kind of operation: acknowledged, refused (an expected 4xx), unknown (no answer).
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    acked: u64,
    refused: u64,
    unknown: u64,
}

#[derive(Default)]
struct Model {
    /// The current run (between two kills).
    run: usize,
    docs: Vec<Doc>,
    edits: Vec<AckedEdit>,
    submissions: Vec<AckedSubmission>,
    imports: Vec<String>,
    /// Makes every value sent unique (so no edit is a no-op).
    next_value: u64,
    counts: HashMap<&'static str, Counts>,
    /// Answers that should never come (a 500, a wrong body).
    unexpected: Vec<String>,
}

impl Model {
    fn count(&mut self, op: &'static str) -> &mut Counts {
        self.counts.entry(op).or_default()
    }

    fn active(&self) -> Vec<usize> {
        (0..self.docs.len())
            .filter(|&i| self.docs[i].versi < LOG_LIMIT)
            .collect()
    }

    fn doc(&mut self, id: &str) -> &mut Doc {
        self.docs
            .iter_mut()
            .find(|d| d.id == id)
            .expect("known document")
    }
}

enum Plan {
    Import,
    Edit {
        doc: String,
        cells: Vec<(u64, String, Value, u64)>,
    },
    Submit {
        doc: String,
        triwulan: u8,
    },
    Unlock {
        doc: String,
        triwulan: u8,
    },
    Read {
        doc: String,
    },
}

/// The next operation of a client, from what the model knows now.
fn plan(m: &mut Model, rng: &mut Rng) -> Plan {
    let active = m.active();
    if (m.docs.len() < DOCS_SOFT_MAX || active.len() < ACTIVE_MIN) && rng.chance(4)
        || active.is_empty()
    {
        return Plan::Import;
    }
    let i = active[rng.below(active.len())];
    let roll = rng.below(100);
    let doc = &m.docs[i];
    let id = doc.id.clone();
    if roll < 4 {
        let open: Vec<u8> = (1..=4).filter(|q| !doc.locked.contains(q)).collect();
        let triwulan = if open.is_empty() {
            rng.range(1, 5) as u8
        } else {
            open[rng.below(open.len())]
        };
        return Plan::Submit { doc: id, triwulan };
    }
    if roll < 8 {
        let locked: Vec<u8> = doc.locked.iter().copied().collect();
        let triwulan = if locked.is_empty() {
            rng.range(1, 5) as u8
        } else {
            locked[rng.below(locked.len())]
        };
        return Plan::Unlock { doc: id, triwulan };
    }
    if roll < 12 {
        return Plan::Read { doc: id };
    }
    let n = if roll < 70 {
        1
    } else {
        rng.range(2, 6) as usize
    };
    let rows = doc.rows.min(EDIT_ROWS) as u64;
    let mut chosen = HashSet::new();
    while chosen.len() < n {
        chosen.insert((rng.range(0, rows), COLUMNS[rng.below(COLUMNS.len())]));
    }
    let mut cells = Vec::new();
    for (baris, kolom) in chosen {
        let versi = doc
            .seen
            .get(&(baris, kolom.to_string()))
            .copied()
            .unwrap_or(0);
        m.next_value += 1;
        let v = m.next_value;
        let nilai = if kolom.ends_with("_rp") {
            json!(1_000_000 + v)
        } else {
            json!(format!("catatan {v}"))
        };
        cells.push((baris, kolom.to_string(), nilai, versi));
    }
    Plan::Edit { doc: id, cells }
}

/// One client of the workload: operations until told to stop.
async fn client(
    api: Api,
    model: Arc<Mutex<Model>>,
    stop: Arc<AtomicBool>,
    workspace: String,
    workbook: Arc<Vec<u8>>,
    seed: u64,
) {
    let mut rng = Rng::new(seed);
    let oleh = format!("klien-{seed}");
    while !stop.load(Ordering::Relaxed) {
        let plan = plan(&mut model.lock().unwrap(), &mut rng);
        let (op, reply) = match &plan {
            Plan::Import => (
                "impor",
                api.import(&workspace, "e81_101.xlsx", workbook.to_vec())
                    .await,
            ),
            Plan::Edit { doc, cells } => {
                let perubahan: Vec<Value> = cells
                    .iter()
                    .map(|(baris, kolom, nilai, versi)| {
                        json!({"baris": baris, "kolom": kolom, "nilai": nilai, "versi": versi})
                    })
                    .collect();
                let body = json!({"oleh": oleh, "perubahan": perubahan});
                let op = if cells.len() == 1 {
                    "ubah 1 sel"
                } else {
                    "ubah banyak sel"
                };
                (op, api.patch(&format!("/dokumen/{doc}/sel"), &body).await)
            }
            Plan::Submit { doc, triwulan } => (
                "ajukan",
                api.post(
                    &format!("/dokumen/{doc}/pengajuan"),
                    &json!({"triwulan": triwulan, "oleh": oleh}),
                )
                .await,
            ),
            Plan::Unlock { doc, triwulan } => (
                "buka kunci",
                api.post(
                    &format!("/dokumen/{doc}/buka-kunci"),
                    &json!({"triwulan": triwulan, "oleh": oleh, "alasan": "uji mati mendadak"}),
                )
                .await,
            ),
            Plan::Read { doc } => ("baca", api.get(&format!("/dokumen/{doc}")).await),
        };
        let Ok((status, body)) = reply else {
            model.lock().unwrap().count(op).unknown += 1;
            if !stop.load(Ordering::Relaxed) {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            continue;
        };
        record(&mut model.lock().unwrap(), op, &plan, status, &body);
    }
}

/// Takes an answer into the model.
fn record(m: &mut Model, op: &'static str, plan: &Plan, status: u16, body: &Value) {
    let unexpected = |m: &mut Model| {
        m.unexpected
            .push(format!("{op}: unexpected {status} {body}"));
    };
    match (plan, status) {
        (Plan::Import, 201) => {
            let (Some(id), Some(rows)) = (
                body["dokumen"]["id"].as_str(),
                body["dokumen"]["baris"].as_u64(),
            ) else {
                return unexpected(m);
            };
            m.imports.push(id.to_string());
            m.docs.push(Doc {
                id: id.to_string(),
                rows: rows as usize,
                versi: 0,
                seen: HashMap::new(),
                locked: BTreeSet::new(),
            });
            m.count(op).acked += 1;
        }
        (Plan::Edit { doc, cells }, 200) => {
            let Some(sel) = body["sel"].as_array() else {
                return unexpected(m);
            };
            let versions: HashMap<(u64, String), u64> = sel
                .iter()
                .filter_map(|c| {
                    Some((
                        (c["baris"].as_u64()?, c["kolom"].as_str()?.to_string()),
                        c["versi"].as_u64()?,
                    ))
                })
                .collect();
            let versi = body["versi"].as_u64().unwrap_or(0);
            let mut acked = Vec::new();
            for (baris, kolom, nilai, _) in cells {
                let Some(&seq) = versions.get(&(*baris, kolom.clone())) else {
                    return unexpected(m);
                };
                acked.push(AckedEdit {
                    run: m.run,
                    doc: doc.clone(),
                    seq,
                    baris: *baris,
                    kolom: kolom.clone(),
                    baru: sent_value(kolom, nilai),
                });
            }
            // Parent Rp sums that followed the edited rows are logged edits too.
            for t in body["turunan"].as_array().into_iter().flatten() {
                let (Some(seq), Some(baris), Some(kolom)) = (
                    t["versi"].as_u64(),
                    t["baris"].as_u64(),
                    t["kolom"].as_str(),
                ) else {
                    return unexpected(m);
                };
                acked.push(AckedEdit {
                    run: m.run,
                    doc: doc.clone(),
                    seq,
                    baris,
                    kolom: kolom.to_string(),
                    baru: t["nilai"].clone(),
                });
            }
            if versions.len() != cells.len() || acked.iter().map(|a| a.seq).max() != Some(versi) {
                return unexpected(m);
            }
            let d = m.doc(doc);
            d.versi = d.versi.max(versi);
            for a in &acked {
                d.seen.insert((a.baris, a.kolom.clone()), a.seq);
            }
            m.edits.extend(acked);
            m.count(op).acked += 1;
        }
        (Plan::Edit { doc, .. }, 409) => {
            let Some(konflik) = body["konflik"].as_array().filter(|k| !k.is_empty()) else {
                return unexpected(m);
            };
            let d = m.doc(doc);
            for k in konflik {
                if let (Some(baris), Some(kolom), Some(now)) = (
                    k["baris"].as_u64(),
                    k["kolom"].as_str(),
                    k["versi_sekarang"].as_u64(),
                ) {
                    d.seen.insert((baris, kolom.to_string()), now);
                    d.versi = d.versi.max(now);
                }
            }
            m.count(op).refused += 1;
        }
        (Plan::Edit { doc, cells }, 423) => {
            if let [(_, kolom, _, _)] = cells.as_slice() {
                if let Some(q) = cell_quarter(kolom) {
                    m.doc(doc).locked.insert(q);
                }
            }
            m.count(op).refused += 1;
        }
        (Plan::Submit { doc, triwulan }, 201) => {
            let (Some(id), Some(versi)) = (body["id"].as_str(), body["versi"].as_u64()) else {
                return unexpected(m);
            };
            let has_form = body["berkas"]
                .as_array()
                .is_some_and(|b| b.iter().any(|f| f["jenis"] == "formulir"));
            if body["triwulan"] != *triwulan || !has_form {
                return unexpected(m);
            }
            m.submissions.push(AckedSubmission {
                doc: doc.clone(),
                id: id.to_string(),
                triwulan: *triwulan,
                versi,
            });
            let d = m.doc(doc);
            d.versi = d.versi.max(versi + 1);
            d.locked.insert(*triwulan);
            m.count(op).acked += 1;
        }
        (Plan::Submit { doc, triwulan }, 409) => {
            if body["galat"]
                .as_str()
                .is_some_and(|g| g.contains("terkunci"))
            {
                m.doc(doc).locked.insert(*triwulan);
            }
            m.count(op).refused += 1;
        }
        (Plan::Unlock { doc, triwulan }, 200) => {
            let Some(versi) = body["versi"].as_u64() else {
                return unexpected(m);
            };
            let d = m.doc(doc);
            d.versi = d.versi.max(versi);
            d.locked.remove(triwulan);
            m.count(op).acked += 1;
        }
        (Plan::Unlock { doc, triwulan }, 409) => {
            m.doc(doc).locked.remove(triwulan);
            m.count(op).refused += 1;
        }
        (Plan::Read { .. }, 200) => m.count(op).acked += 1,
        _ => unexpected(m),
    }
}

#[derive(Default, Debug)]
struct Checked {
    docs: usize,
    events: usize,
    submissions: usize,
    files: usize,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Everything acknowledged is there, and what is there is whole. Brings the model's
/// knowledge (versions, locks) up to date.
async fn verify(api: &Api, workspace: &str, model: &Mutex<Model>) -> Result<Checked, String> {
    let (status, overview) = api
        .get(&format!("/ruang-kerja/{workspace}"))
        .await
        .map_err(|e| format!("GET ruang-kerja: {e}"))?;
    if status != 200 {
        return Err(format!("GET ruang-kerja: {status} {overview}"));
    }
    let listed: Vec<String> = overview["dokumen"]
        .as_array()
        .ok_or_else(|| format!("ruang-kerja without dokumen: {overview}"))?
        .iter()
        .filter_map(|d| d["id"].as_str().map(str::to_string))
        .collect();
    let (imports, mut edits, mut submissions) = {
        let m = model.lock().unwrap();
        let mut edits: HashMap<String, Vec<AckedEdit>> = HashMap::new();
        for e in &m.edits {
            edits.entry(e.doc.clone()).or_default().push(e.clone());
        }
        let mut subs: HashMap<String, Vec<(String, u8, u64)>> = HashMap::new();
        for s in &m.submissions {
            subs.entry(s.doc.clone())
                .or_default()
                .push((s.id.clone(), s.triwulan, s.versi));
        }
        (m.imports.clone(), edits, subs)
    };
    for id in &imports {
        if !listed.contains(id) {
            return Err(format!(
                "acknowledged import {id} is not listed in its workspace"
            ));
        }
    }
    let mut checked = Checked::default();
    for id in &listed {
        let doc = api.document(id).await?;
        let versi = doc["ringkasan"]["versi"].as_u64().unwrap_or(0);
        if versi >= 5_000 {
            return Err(format!("{id}: log too long to check ({versi})"));
        }
        let events = api.events(id).await?;
        check_document_log(&doc, &events)?;
        checked.docs += 1;
        checked.events += events.len();
        // The locks are what the log's submissions and unlocks leave.
        let mut kunci = BTreeSet::new();
        for e in &events {
            let q = e["triwulan"].as_u64().unwrap_or(0);
            match e["jenis"].as_str() {
                Some("ajukan") => kunci.insert(q),
                Some("buka_kunci") => kunci.remove(&q),
                _ => false,
            };
        }
        let now: BTreeSet<u64> = doc["ringkasan"]["kunci"]
            .as_array()
            .map(|k| k.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        if kunci != now {
            return Err(format!(
                "{id}: locked quarters {now:?}, but the log leaves {kunci:?}"
            ));
        }
        // Every acknowledged edit, at its seq.
        for a in edits.remove(id).unwrap_or_default() {
            let AckedEdit {
                run,
                seq,
                baris,
                kolom,
                baru,
                ..
            } = a;
            let e = events.get(seq as usize - 1).ok_or_else(|| {
                format!(
                    "{id}: edit seq {seq} ({baris}, {kolom}) := {baru}, acknowledged in run {run}, \
                     is not in the log (versi {versi})"
                )
            })?;
            if e["jenis"] != "ubah"
                || e["baris"] != baris
                || e["kolom"] != kolom.as_str()
                || e["baru"] != baru
            {
                return Err(format!(
                    "{id}: edit seq {seq} ({baris}, {kolom}) := {baru}, acknowledged in run {run}; \
                     the log has {e}"
                ));
            }
        }
        // Submissions: files whole, each with its `ajukan` event, and the other way round.
        let (status, list) = api
            .get(&format!("/dokumen/{id}/pengajuan"))
            .await
            .map_err(|e| format!("GET pengajuan: {e}"))?;
        let list = match (status, list.as_array()) {
            (200, Some(list)) => list.clone(),
            _ => return Err(format!("{id}: GET pengajuan: {status} {list}")),
        };
        let ids: HashSet<&str> = list.iter().filter_map(|s| s["id"].as_str()).collect();
        for e in events.iter().filter(|e| e["jenis"] == "ajukan") {
            let p = e["pengajuan"].as_str().unwrap_or_default();
            if !ids.contains(p) {
                return Err(format!(
                    "{id}: ajukan event {} names submission '{p}', which is not listed",
                    e["seq"]
                ));
            }
        }
        for s in &list {
            let sid = s["id"].as_str().unwrap_or_default();
            let matching: Vec<&Value> = events
                .iter()
                .filter(|e| e["jenis"] == "ajukan" && e["pengajuan"] == sid)
                .collect();
            let [event] = matching.as_slice() else {
                return Err(format!(
                    "{id}: submission {sid} has {} ajukan events",
                    matching.len()
                ));
            };
            if event["triwulan"] != s["triwulan"]
                || event["seq"].as_u64() != s["versi"].as_u64().map(|v| v + 1)
            {
                return Err(format!(
                    "{id}: submission {s} does not match its event {event}"
                ));
            }
            let berkas = s["berkas"].as_array().cloned().unwrap_or_default();
            if !berkas.iter().any(|f| f["jenis"] == "formulir") {
                return Err(format!("{id}: submission {sid} without its form: {s}"));
            }
            for f in &berkas {
                let jenis = f["jenis"].as_str().unwrap_or_default();
                let (status, header, bytes) = api
                    .submission_file(sid, jenis)
                    .await
                    .map_err(|e| format!("download {sid}/{jenis}: {e}"))?;
                let sha = sha256_hex(&bytes);
                if status != 200
                    || sha != header
                    || f["sha256"] != sha.as_str()
                    || f["ukuran"] != bytes.len() as u64
                {
                    return Err(format!(
                        "{sid}/{jenis}: status {status}, {} bytes with SHA-256 {sha}; header {header}, listed {f}",
                        bytes.len()
                    ));
                }
                checked.files += 1;
            }
            checked.submissions += 1;
        }
        for (sid, q, versi) in submissions.remove(id).unwrap_or_default() {
            let found = list.iter().find(|s| s["id"] == sid.as_str());
            if found.is_none_or(|s| s["triwulan"] != q || s["versi"] != versi) {
                return Err(format!(
                    "{id}: acknowledged submission {sid} (TW {q}, versi {versi}) is not listed as such: {found:?}"
                ));
            }
        }
        // What the server holds now is what the clients should work from.
        let mut m = model.lock().unwrap();
        if let Some(d) = m.docs.iter_mut().find(|d| &d.id == id) {
            d.versi = versi;
            d.locked = now.iter().map(|&q| q as u8).collect();
            d.seen.clear();
            for c in doc["versi_sel"].as_array().into_iter().flatten() {
                if let (Some(b), Some(k), Some(v)) = (
                    c["baris"].as_u64(),
                    c["kolom"].as_str(),
                    c["versi"].as_u64(),
                ) {
                    d.seen.insert((b, k.to_string()), v);
                }
            }
        }
    }
    if let Some((doc, _)) = edits.iter().find(|(_, e)| !e.is_empty()) {
        return Err(format!("acknowledged edits of {doc}, which is not listed"));
    }
    if let Some((doc, _)) = submissions.iter().find(|(_, s)| !s.is_empty()) {
        return Err(format!(
            "acknowledged submissions of {doc}, which is not listed"
        ));
    }
    Ok(checked)
}

/// The data folder, kept (and its path printed) when the test fails, for a post-mortem.
struct KeepOnPanic(tempfile::TempDir);

impl Drop for KeepOnPanic {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.disable_cleanup(true);
            eprintln!("data folder kept at {}", self.0.path().display());
        }
    }
}

/// A number from the environment, or `default`.
fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn everything_acknowledged_survives_kill_9() {
    let dir = KeepOnPanic(tempfile::tempdir().expect("tempdir"));
    let data = dir.0.path().join("data");
    let runtime = common::runtime();
    let workbook = Arc::new(std::fs::read(common::fixture("e81_101.xlsx")).expect("fixture"));
    let model = Arc::new(Mutex::new(Model::default()));
    let iterations: usize = env_or("CAPAIAN_CRASH_ITERATIONS", ITERATIONS);
    let seed: u64 = env_or("CAPAIAN_CRASH_SEED", 0x00C0_FFEE);
    let mut rng = Rng::new(seed);
    let started = Instant::now();
    let mut workspace = String::new();
    let (mut startup_max, mut startup_total) = (Duration::ZERO, Duration::ZERO);
    let mut verify_total = Duration::ZERO;
    let mut last_checked = Checked::default();
    let mut in_flight = 0;
    let mut previous_log = String::new();

    for iteration in 0..=iterations {
        let mut server = Capaian::spawn(&data);
        if let Err(e) = server.wait_ready(common::READY_TIMEOUT) {
            panic!(
                "start {iteration} (after {iteration} kills): {e}\n--- its log ---\n{}\n\
                 --- log of the run killed before ---\n{previous_log}",
                server.log()
            );
        }
        startup_max = startup_max.max(server.startup);
        startup_total += server.startup;
        let api = Api::new(&server.base);
        let verify_started = Instant::now();
        runtime.block_on(async {
            if workspace.is_empty() {
                workspace = api.create_workspace("Dinas Uji Mati Mendadak").await;
            }
            match verify(&api, &workspace, &model).await {
                Ok(c) => last_checked = c,
                Err(e) => panic!(
                    "start {iteration} (after {iteration} kills): {e}\n--- its log ---\n{}\n\
                     --- log of the run killed before ---\n{previous_log}",
                    server.log()
                ),
            }
        });
        verify_total += verify_started.elapsed();
        if iteration == iterations {
            server.stop();
            break;
        }

        model.lock().unwrap().run = iteration;
        let run = Duration::from_millis(rng.range(RUN_MS.0, RUN_MS.1));
        let stop = Arc::new(AtomicBool::new(false));
        let unknown_before: u64 = model
            .lock()
            .unwrap()
            .counts
            .values()
            .map(|c| c.unknown)
            .sum();
        runtime.block_on(async {
            let tasks: Vec<_> = (0..TASKS)
                .map(|t| {
                    tokio::spawn(client(
                        api.clone(),
                        model.clone(),
                        stop.clone(),
                        workspace.clone(),
                        workbook.clone(),
                        rng.next_u64() % 1_000_000 + t as u64,
                    ))
                })
                .collect();
            tokio::time::sleep(run).await;
            if let Some(status) = server.exited() {
                panic!(
                    "run {iteration}: capaian exited by itself ({status})\n--- capaian log ---\n{}",
                    server.log()
                );
            }
            server.kill();
            stop.store(true, Ordering::Relaxed);
            for t in tasks {
                tokio::time::timeout(Duration::from_secs(30), t)
                    .await
                    .expect("a client hung after the kill")
                    .expect("client task");
            }
        });
        previous_log = server.log();
        let m = model.lock().unwrap();
        in_flight += m.counts.values().map(|c| c.unknown).sum::<u64>() - unknown_before;
        assert!(
            m.unexpected.is_empty(),
            "run {iteration}: {:?}\n--- capaian log ---\n{previous_log}",
            &m.unexpected[..m.unexpected.len().min(5)],
        );
    }

    let m = model.lock().unwrap();
    let mut ops: Vec<_> = m.counts.iter().collect();
    ops.sort_by_key(|(op, _)| *op);
    let ops: Vec<String> = ops
        .iter()
        .map(|(op, c)| format!("{op} {}/{}/{}", c.acked, c.refused, c.unknown))
        .collect();
    println!(
        "crash (seed {seed}): {iterations} kill -9 in {:.1?}; ops acked/refused/unanswered: {}; \
         {} edits and {} submissions acknowledged, {in_flight} requests cut off; final check: \
         {} documents, {} events, {} submissions, {} files; startup avg {:.0?} max {:.0?}; \
         checks {:.1?} in all",
        started.elapsed(),
        ops.join(", "),
        m.edits.len(),
        m.submissions.len(),
        last_checked.docs,
        last_checked.events,
        last_checked.submissions,
        last_checked.files,
        startup_total / (iterations as u32 + 1),
        startup_max,
        verify_total,
    );
    assert!(m.edits.len() > 100, "too few edits to mean anything");
    assert!(!m.submissions.is_empty(), "no submission was acknowledged");
}
