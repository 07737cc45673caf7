//! Shared by the server's integration tests: the real `capaian` binary started on a free
//! loopback port, and small helpers for reading its JSON API.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub mod baris_baru;
pub mod renja_berkas;

/// `capaian import FILE --json`, which must succeed, parsed.
pub fn import_json(file: &Path) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_capaian"))
        .arg("import")
        .arg(file)
        .arg("--json")
        .output()
        .expect("run capaian import");
    assert!(
        output.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

/// A fixture workbook of the repository's `tests/fixtures/xlsx`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/xlsx")
        .join(name)
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// The runtime the HTTP clients of a test run on (two workers, like the machines CI runs on).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// How long a started server may take to answer `/status`.
pub const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// A running `capaian serve` on `127.0.0.1:port` with a data folder. Killed when dropped.
pub struct Capaian {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// The server's stderr (its log), for failure messages.
    log: tempfile::NamedTempFile,
    /// How long it took to become ready.
    pub startup: Duration,
}

impl Capaian {
    /// Starts the server on a fresh port and waits until `GET /status` answers 200;
    /// panics with the server's log when it does not within [`READY_TIMEOUT`].
    pub fn start(data: &Path) -> Capaian {
        Capaian::start_with(&[std::ffi::OsStr::new("--data"), data.as_os_str()])
    }

    /// Starts the server for a team on the LAN (`--lan`: every request needs a login).
    pub fn start_lan(data: &Path) -> Capaian {
        Capaian::start_with(&[
            std::ffi::OsStr::new("--data"),
            data.as_os_str(),
            std::ffi::OsStr::new("--lan"),
        ])
    }

    /// Starts the server without waiting for it.
    pub fn spawn(data: &Path) -> Capaian {
        Capaian::spawn_with(&[std::ffi::OsStr::new("--data"), data.as_os_str()])
    }

    /// Starts the server with `args` after `serve --addr …` (e.g. `--db ws://…`), and waits
    /// until it is ready.
    pub fn start_with(args: &[&std::ffi::OsStr]) -> Capaian {
        let mut server = Capaian::spawn_with(args);
        if let Err(e) = server.wait_ready(READY_TIMEOUT) {
            let log = server.log();
            panic!("{e}\n--- capaian log ---\n{log}");
        }
        server
    }

    /// Starts the server with `args` after `serve --addr …`, without waiting for it.
    pub fn spawn_with(args: &[&std::ffi::OsStr]) -> Capaian {
        let port = free_port();
        let log = tempfile::NamedTempFile::new().expect("log file");
        let stderr = log.reopen().expect("log file");
        let child = Command::new(env!("CARGO_BIN_EXE_capaian"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(stderr))
            .spawn()
            .expect("start capaian");
        Capaian {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
            startup: Duration::ZERO,
        }
    }

    /// Waits until `GET /status` answers 200; an error when the process exits first or
    /// the time runs out.
    pub fn wait_ready(&mut self, timeout: Duration) -> Result<(), String> {
        let started = Instant::now();
        let addr = self.base.trim_start_matches("http://").to_string();
        while started.elapsed() < timeout {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "capaian at {} exited before it was ready: {status}",
                    self.base
                ));
            }
            // 200; in LAN mode 303 (to the login or first-run page) means it is up too.
            if matches!(status_code(&addr, "/status"), Some(200 | 303)) {
                self.startup = started.elapsed();
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!(
            "capaian did not become ready at {} within {timeout:?}",
            self.base
        ))
    }

    /// Whether the process has exited by itself.
    pub fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// SIGKILL (on Unix `Child::kill`), then reaps the process: what a crash or power cut
    /// does to the process (the OS keeps what it already wrote).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Stops the server (by killing it: a graceful stop is not portable from std).
    pub fn stop(mut self) {
        self.kill();
    }

    /// What the server wrote to stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }
}

impl Drop for Capaian {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The status code of a plain `GET path` (HTTP/1.0, std only: usable anywhere, also
/// inside an async runtime), or None when nothing answers.
fn status_code(addr: &str, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream
        .write_all(format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes())
        .ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// The workspace form of the JSON API with a given name (year 2026, a valid NIP).
pub fn workspace_json(nama_pd: &str) -> Value {
    json!({
        "nama_pd": nama_pd,
        "kabupaten": "Kota Tarakan",
        "tahun": "2026",
        "kepala_nama": "Hj. Siti Rahmah, S.E., M.M.",
        "kepala_nip": "197007071991072005",
    })
}

/// The value of a cell of a document row (`dokumen.rows[i]` of `GET /api/v1/dokumen/{id}`)
/// as the API's CellValue JSON, for the cells the tests edit: `twN_rp`, `keterangan`, and
/// the quarter narratives (`pendorong_twN`, `penghambat_twN`, `tindak_lanjut_twN`,
/// `keterangan_twN`).
pub fn cell_value(row: &Value, kolom: &str) -> Value {
    let text = |v: &Value| match v.as_str() {
        None | Some("") => json!({"type": "empty"}),
        Some(s) => json!({"type": "text", "value": s}),
    };
    if let Some(q) = kolom
        .strip_prefix("tw")
        .and_then(|r| r.strip_suffix("_rp"))
        .and_then(|q| q.parse::<usize>().ok())
    {
        return match &row["tw"][q - 1]["rp"] {
            Value::Null => json!({"type": "empty"}),
            v => json!({"type": "rp", "value": v}),
        };
    }
    if kolom == "keterangan" {
        return text(&row["keterangan"]);
    }
    for (prefix, field) in [
        ("pendorong_tw", "pendorong"),
        ("penghambat_tw", "penghambat"),
        ("tindak_lanjut_tw", "tindak_lanjut"),
        ("keterangan_tw", "keterangan"),
    ] {
        if let Some(q) = kolom
            .strip_prefix(prefix)
            .and_then(|q| q.parse::<usize>().ok())
        {
            return text(&row["narasi"][q - 1][field]);
        }
    }
    panic!("cell_value: kolom {kolom} not supported by the tests");
}

/// The CellValue JSON the server stores for what a test sends: a JSON number into an Rp
/// cell, a string into a text cell.
pub fn sent_value(kolom: &str, nilai: &Value) -> Value {
    match nilai {
        Value::Number(n) if kolom.ends_with("_rp") => json!({"type": "rp", "value": n.to_string()}),
        Value::String(s) if s.is_empty() => json!({"type": "empty"}),
        Value::String(s) => json!({"type": "text", "value": s}),
        Value::Null => json!({"type": "empty"}),
        other => panic!("sent_value: {other} into {kolom}"),
    }
}

/// The quarter a cell belongs to (its values lock with that quarter's submission).
pub fn cell_quarter(kolom: &str) -> Option<u8> {
    let digit = |s: &str| s.parse::<u8>().ok().filter(|q| (1..=4).contains(q));
    if let Some(r) = kolom.strip_prefix("tw") {
        return r.split('_').next().and_then(digit);
    }
    kolom.rsplit_once("_tw").and_then(|(_, q)| digit(q))
}

/// A tiny deterministic PRNG (xorshift64*), enough for test workloads.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..hi` (hi exclusive, hi > lo).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo)
    }

    /// An index below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// The JSON API of a running server, over one connection pool.
#[derive(Clone)]
pub struct Api {
    pub client: reqwest::Client,
    pub base: String,
}

/// A response: status and body (JSON, or `Value::Null` when the body is not JSON).
pub type Reply = (u16, Value);

impl Api {
    pub fn new(base: &str) -> Api {
        Api::with_headers(base, reqwest::header::HeaderMap::new())
    }

    /// A client that sends `headers` with every request (a session cookie, an Origin).
    pub fn with_headers(base: &str, headers: reqwest::header::HeaderMap) -> Api {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(120))
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Api {
            client,
            base: base.to_string(),
        }
    }

    /// Logs in with `POST /api/v1/masuk` (LAN mode): a client carrying the session cookie,
    /// and the `Set-Cookie` header as sent.
    pub async fn login(base: &str, login: &str, password: &str) -> Result<(Api, String), String> {
        let (status, cookie, body) = Api::new(base).login_raw(login, password).await?;
        if status != 200 {
            return Err(format!("login {login}: {status} {body}"));
        }
        let pair = cookie.split(';').next().unwrap_or_default().to_string();
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::COOKIE,
            reqwest::header::HeaderValue::from_str(&pair).map_err(|e| e.to_string())?,
        );
        Ok((Api::with_headers(base, headers), cookie))
    }

    /// The first-run form of a LAN server (`POST /siapkan`): the admin account. The response.
    pub async fn setup_admin(
        &self,
        login: &str,
        nama: &str,
        password: &str,
    ) -> Result<reqwest::Response, reqwest::Error> {
        self.client
            .post(format!("{}/siapkan", self.base))
            .form(&[
                ("login", login),
                ("nama", nama),
                ("kata_sandi", password),
                ("kata_sandi_ulang", password),
            ])
            .send()
            .await
    }

    /// `POST /api/v1/masuk`: status, the `Set-Cookie` header and the body.
    pub async fn login_raw(
        &self,
        login: &str,
        password: &str,
    ) -> Result<(u16, String, Value), String> {
        let resp = self
            .client
            .post(format!("{}/api/v1/masuk", self.base))
            .json(&serde_json::json!({ "nama_pengguna": login, "kata_sandi": password }))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let cookie = resp
            .headers()
            .get(reqwest::header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = serde_json::from_slice(&resp.bytes().await.map_err(|e| e.to_string())?)
            .unwrap_or(Value::Null);
        Ok((status, cookie, body))
    }

    /// `method /api/v1{path}` with an optional JSON body; transport errors (a killed
    /// server, a reset connection) are `Err`.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Reply, reqwest::Error> {
        let mut req = self
            .client
            .request(method, format!("{}/api/v1{path}", self.base));
        if let Some(body) = body {
            req = req.json(body);
        }
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await?;
        Ok((
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        ))
    }

    pub async fn get(&self, path: &str) -> Result<Reply, reqwest::Error> {
        self.call(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Result<Reply, reqwest::Error> {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> Result<Reply, reqwest::Error> {
        self.call(reqwest::Method::PATCH, path, Some(body)).await
    }

    /// `POST /ruang-kerja/{workspace}/dokumen?nama=` with the workbook as the body.
    pub async fn import(
        &self,
        workspace: &str,
        nama: &str,
        bytes: Vec<u8>,
    ) -> Result<Reply, reqwest::Error> {
        let resp = self
            .client
            .post(format!(
                "{}/api/v1/ruang-kerja/{workspace}/dokumen",
                self.base
            ))
            .query(&[("nama", nama)])
            .body(bytes)
            .send()
            .await?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await?;
        Ok((
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        ))
    }

    /// A file of a submission: status, the `x-capaian-sha256` header and the bytes.
    pub async fn submission_file(
        &self,
        id: &str,
        jenis: &str,
    ) -> Result<(u16, String, Vec<u8>), reqwest::Error> {
        let resp = self
            .client
            .get(format!(
                "{}/api/v1/pengajuan/{id}/berkas/{jenis}",
                self.base
            ))
            .send()
            .await?;
        let status = resp.status().as_u16();
        let sha = resp
            .headers()
            .get("x-capaian-sha256")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        Ok((status, sha, resp.bytes().await?.to_vec()))
    }

    /// A new workspace (which must be created): its id.
    pub async fn create_workspace(&self, nama_pd: &str) -> String {
        let (status, body) = self
            .post("/ruang-kerja", &workspace_json(nama_pd))
            .await
            .expect("create workspace");
        assert_eq!(status, 201, "create workspace: {body}");
        body["id"].as_str().expect("workspace id").to_string()
    }

    /// `GET /dokumen/{id}`, which must answer 200.
    pub async fn document(&self, id: &str) -> Result<Value, String> {
        match self.get(&format!("/dokumen/{id}")).await {
            Ok((200, body)) => Ok(body),
            Ok((status, body)) => Err(format!("GET dokumen {id}: {status} {body}")),
            Err(e) => Err(format!("GET dokumen {id}: {e}")),
        }
    }

    /// A document's whole log (at most 5000 events), oldest first: the `peristiwa` objects.
    pub async fn events(&self, id: &str) -> Result<Vec<Value>, String> {
        let (status, body) = self
            .get(&format!("/dokumen/{id}/aktivitas?batas=5000"))
            .await
            .map_err(|e| format!("GET aktivitas {id}: {e}"))?;
        if status != 200 {
            return Err(format!("GET aktivitas {id}: {status} {body}"));
        }
        let mut events: Vec<Value> = body["peristiwa"]
            .as_array()
            .ok_or_else(|| format!("aktivitas {id} without peristiwa: {body}"))?
            .iter()
            .map(|p| p["peristiwa"].clone())
            .collect();
        events.sort_by_key(|e| e["seq"].as_u64().unwrap_or(0));
        Ok(events)
    }
}

/// Checks a document (`GET /dokumen/{id}`) against its log (oldest first): the seqs are
/// exactly 1..=ringkasan.versi; per cell, each edit's `lama` is the previous edit's `baru`;
/// every edited cell's version (`versi_sel`) is its last edit's seq, and its value in the
/// rows is that edit's `baru`; no cell is listed that the log never edited.
/// Returns the number of `ubah` events.
pub fn check_document_log(doc: &Value, events: &[Value]) -> Result<usize, String> {
    let id = doc["ringkasan"]["id"].as_str().unwrap_or("?");
    let versi = doc["ringkasan"]["versi"]
        .as_u64()
        .ok_or_else(|| format!("{id}: ringkasan.versi missing"))?;
    let seqs: Vec<u64> = events.iter().filter_map(|e| e["seq"].as_u64()).collect();
    if seqs.len() != events.len() || seqs != (1..=versi).collect::<Vec<_>>() {
        let gaps: Vec<String> = seqs
            .windows(2)
            .filter(|w| w[1] != w[0] + 1)
            .map(|w| format!("{}→{}", w[0], w[1]))
            .take(10)
            .collect();
        return Err(format!(
            "{id}: log seqs are not 1..={versi}: {} events, first {:?}, last {:?}, gaps {gaps:?}",
            seqs.len(),
            seqs.first(),
            seqs.last()
        ));
    }
    let mut last: std::collections::HashMap<(u64, String), &Value> = Default::default();
    let mut edits = 0;
    for e in events.iter().filter(|e| e["jenis"] == "ubah") {
        edits += 1;
        let key = (
            e["baris"].as_u64().ok_or("ubah without baris")?,
            e["kolom"].as_str().ok_or("ubah without kolom")?.to_string(),
        );
        if let Some(prev) = last.get(&key) {
            if prev["baru"] != e["lama"] {
                return Err(format!(
                    "{id}: cell {key:?}: event {} has lama {} but the previous edit {} left {}",
                    e["seq"], e["lama"], prev["seq"], prev["baru"]
                ));
            }
        }
        last.insert(key, e);
    }
    let versi_sel = doc["versi_sel"]
        .as_array()
        .ok_or_else(|| format!("{id}: versi_sel missing"))?;
    if versi_sel.len() != last.len() {
        return Err(format!(
            "{id}: versi_sel lists {} cells, the log edited {}",
            versi_sel.len(),
            last.len()
        ));
    }
    let rows = doc["dokumen"]["rows"]
        .as_array()
        .ok_or_else(|| format!("{id}: dokumen.rows missing"))?;
    for c in versi_sel {
        let baris = c["baris"].as_u64().unwrap_or(u64::MAX);
        let kolom = c["kolom"].as_str().unwrap_or_default().to_string();
        let e = last
            .get(&(baris, kolom.clone()))
            .ok_or_else(|| format!("{id}: versi_sel has {c} but the log never edited it"))?;
        if e["seq"] != c["versi"] {
            return Err(format!(
                "{id}: cell ({baris}, {kolom}) is at versi {} but its last edit is seq {}",
                c["versi"], e["seq"]
            ));
        }
        let row = rows
            .get(baris as usize)
            .ok_or_else(|| format!("{id}: row {baris} missing"))?;
        let now = cell_value(row, &kolom);
        if now != e["baru"] {
            return Err(format!(
                "{id}: cell ({baris}, {kolom}) holds {now} but its last edit (seq {}) wrote {}",
                e["seq"], e["baru"]
            ));
        }
    }
    Ok(edits)
}

/// An acknowledged edit: the cell's new version (= the event's seq) and what was sent.
#[derive(Debug)]
pub struct Ack {
    pub seq: u64,
    pub baris: u64,
    pub kolom: &'static str,
    pub baru: Value,
    pub oleh: String,
}

/// A client that edits single cells, each with the version of the cell it last saw (0 at
/// first), and adopts the current version on 409: what it sent and what came of it.
#[derive(Default, Debug)]
pub struct EditingClient {
    seen: std::collections::HashMap<(u64, &'static str), u64>,
    pub acks: Vec<Ack>,
    /// Refused with 409 (someone else changed the cell first).
    pub conflicts: usize,
    /// Parent Rp sums the server derived along with acknowledged edits (each an event too).
    pub derived: usize,
    /// Anything other than a matching 200 or a usable 409, or a transport error.
    pub unexpected: Vec<String>,
}

impl EditingClient {
    /// Sends `nilai` into one cell as `oleh` (ignored on a LAN: the session names the
    /// account) and records the answer.
    pub async fn edit(
        &mut self,
        api: &Api,
        doc: &str,
        oleh: &str,
        baris: u64,
        kolom: &'static str,
        nilai: Value,
    ) {
        let versi = self.seen.get(&(baris, kolom)).copied().unwrap_or(0);
        let body = json!({
            "oleh": oleh,
            "perubahan": [{"baris": baris, "kolom": kolom, "nilai": nilai, "versi": versi}],
        });
        match api.patch(&format!("/dokumen/{doc}/sel"), &body).await {
            Ok((200, reply)) => {
                let sel = &reply["sel"][0];
                let seq = sel["versi"].as_u64().unwrap_or(0);
                let turunan = reply["turunan"].as_array().cloned().unwrap_or_default();
                self.derived += turunan.len();
                let last = turunan
                    .iter()
                    .filter_map(|t| t["versi"].as_u64())
                    .fold(seq, u64::max);
                if sel["baris"] != baris || sel["kolom"] != kolom || reply["versi"] != last {
                    self.unexpected
                        .push(format!("200 that does not match the edit: {reply}"));
                }
                self.seen.insert((baris, kolom), seq);
                self.acks.push(Ack {
                    seq,
                    baris,
                    kolom,
                    baru: sent_value(kolom, &nilai),
                    oleh: oleh.to_string(),
                });
            }
            Ok((409, reply)) => {
                self.conflicts += 1;
                let konflik = &reply["konflik"][0];
                match konflik["versi_sekarang"].as_u64() {
                    Some(now) if konflik["versi_dikirim"] == versi && now != versi => {
                        self.seen.insert((baris, kolom), now);
                    }
                    _ => self
                        .unexpected
                        .push(format!("409 without a usable conflict: {reply}")),
                }
            }
            Ok((status, reply)) => self.unexpected.push(format!("{status}: {reply}")),
            Err(e) => self.unexpected.push(format!("transport: {e}")),
        }
    }
}
