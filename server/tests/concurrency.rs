//! Many clients editing the same cells at once over loopback: every edit is either stored
//! and logged with the version it was acknowledged with, or refused with 409 and the
//! current version; nothing is lost, nothing is logged twice, the log has no gaps.

mod common;

use std::collections::HashMap;
use std::time::Instant;

use common::{check_document_log, Ack, Api, Capaian, EditingClient, Rng};
use serde_json::{json, Value};

const CLIENTS: usize = 20;
const EDITS_PER_CLIENT: usize = 200;
/// All clients edit these rows × columns: 16 cells, so edits collide all the time.
const ROWS: [u64; 8] = [0, 1, 2, 3, 4, 5, 6, 7];
const COLUMNS: [&str; 2] = ["tw1_rp", "keterangan_tw1"];

/// One client: `EDITS_PER_CLIENT` single-cell PATCHes, each with the version of the cell
/// this client last saw (0 at first); on 409 it adopts the current version.
async fn client(api: Api, doc: String, n: usize) -> EditingClient {
    let oleh = format!("klien-{n:02}");
    let mut rng = Rng::new(1000 + n as u64);
    let mut result = EditingClient::default();
    for i in 0..EDITS_PER_CLIENT {
        let baris = ROWS[rng.below(ROWS.len())];
        let kolom = COLUMNS[rng.below(COLUMNS.len())];
        // Unique over all clients and edits: never the value a cell already holds.
        let nilai = if kolom.ends_with("_rp") {
            json!(1_000_000 + n * 10_000 + i)
        } else {
            json!(format!("klien {n} suntingan {i}"))
        };
        result.edit(&api, &doc, &oleh, baris, kolom, nilai).await;
    }
    result
}

#[test]
fn concurrent_edits_of_the_same_cells_are_each_stored_once_or_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = Capaian::start(dir.path());
    let runtime = common::runtime();
    runtime.block_on(async {
        let api = Api::new(&server.base);
        let ws = api.create_workspace("Dinas Uji Serentak").await;
        let workbook = std::fs::read(common::fixture("e81_101.xlsx")).expect("fixture");
        let (status, body) = api.import(&ws, "e81_101.xlsx", workbook).await.expect("import");
        assert_eq!(status, 201, "{body}");
        let doc = body["dokumen"]["id"].as_str().expect("document id").to_string();
        let rows = api.document(&doc).await.unwrap()["dokumen"]["rows"]
            .as_array()
            .map_or(0, Vec::len);
        assert!(rows > ROWS.len(), "the fixture has only {rows} rows");

        let started = Instant::now();
        let tasks: Vec<_> = (0..CLIENTS)
            .map(|n| tokio::spawn(client(api.clone(), doc.clone(), n)))
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("client task"));
        }
        let elapsed = started.elapsed();

        let unexpected: Vec<&String> = results.iter().flat_map(|r| &r.unexpected).collect();
        assert!(
            unexpected.is_empty(),
            "{} responses other than 200/409, e.g. {:?}\n--- log ---\n{}",
            unexpected.len(),
            &unexpected[..unexpected.len().min(5)],
            server.log()
        );
        let acks: Vec<&Ack> = results.iter().flat_map(|r| &r.acks).collect();
        let rejected: usize = results.iter().map(|r| r.conflicts).sum();
        assert_eq!(acks.len() + rejected, CLIENTS * EDITS_PER_CLIENT);
        assert!(!acks.is_empty(), "no edit was acknowledged");
        assert!(rejected > 0, "no edit was refused: the cells did not collide");

        // The log: exactly the acknowledged edits, each at the seq it was acknowledged with.
        let check_started = Instant::now();
        let document = api.document(&doc).await.unwrap();
        let events = api.events(&doc).await.unwrap();
        let logged = check_document_log(&document, &events).unwrap_or_else(|e| panic!("{e}"));
        let derived: usize = results.iter().map(|r| r.derived).sum();
        assert_eq!(logged, events.len(), "only edits were made");
        assert_eq!(
            logged,
            acks.len() + derived,
            "ubah events ≠ acknowledged edits + derived roll-ups"
        );
        assert_eq!(document["ringkasan"]["versi"], (acks.len() + derived) as u64);
        let by_seq: HashMap<u64, &Value> = events
            .iter()
            .map(|e| (e["seq"].as_u64().unwrap(), e))
            .collect();
        for ack in &acks {
            let e = by_seq
                .get(&ack.seq)
                .unwrap_or_else(|| panic!("acknowledged edit {ack:?} is not in the log"));
            assert_eq!(e["jenis"], "ubah", "{ack:?}: {e}");
            assert_eq!(e["baris"], ack.baris, "{ack:?}: {e}");
            assert_eq!(e["kolom"], ack.kolom, "{ack:?}: {e}");
            assert_eq!(e["baru"], ack.baru, "{ack:?}: {e}");
            assert_eq!(e["oleh"], ack.oleh.as_str(), "{ack:?}: {e}");
        }
        let cells = document["versi_sel"].as_array().map_or(0, Vec::len);
        assert!(cells <= ROWS.len() * COLUMNS.len());
        println!(
            "concurrency: {CLIENTS} clients × {EDITS_PER_CLIENT} edits on {cells} shared cells in {:.1?} \
             ({:.0} req/s): {} acknowledged, {rejected} refused (409), {} events checked in {:.1?}",
            elapsed,
            (CLIENTS * EDITS_PER_CLIENT) as f64 / elapsed.as_secs_f64(),
            acks.len(),
            events.len(),
            check_started.elapsed()
        );
    });
    server.stop();
}
