//! A document's rows as they stand and the row numbers the store keeps its addresses by.
//!
//! Everything stored about a row — its edited cells, the events that changed it, verifiers'
//! notes, its bidang, its place in a merged template — names the row by its *number*: row `i`
//! of the import is number `i`; a row a merged file added takes the next number
//! (`rencana::e81::susun`). Numbers never change. Positions do: an added row is shown where
//! the tree puts it. Everything above the store speaks of positions in the rows as they stand
//! now, so the store translates at its edge, and a request that names positions states which
//! rows it saw (`DocumentSummary::bentuk`).

use std::sync::Arc;

use capaian_domain::model::{Document, Problem};
use capaian_domain::rencana::e81::{susun, Tambahan};

use app::ssr::StoreError;

/// Rows added to a document by one `tambah_baris` event: numbers `awal..awal + jumlah`.
#[derive(Clone, Debug)]
pub(super) struct Blok {
    pub awal: usize,
    pub jumlah: usize,
    pub seq: u64,
}

/// Position ↔ number of a document's rows.
#[derive(Clone, Debug)]
pub(super) enum Susunan {
    /// The import's rows, none added: position and number are the same.
    Impor(usize),
    /// Rows were added: each position's number, and each number's position.
    Tambah {
        nomor: Arc<Vec<usize>>,
        posisi: Arc<Vec<Option<usize>>>,
    },
}

impl Susunan {
    fn of(nomor: Vec<usize>) -> Susunan {
        let mut posisi = vec![None; nomor.iter().max().map_or(0, |m| m + 1)];
        for (at, &n) in nomor.iter().enumerate() {
            posisi[n] = Some(at);
        }
        Susunan::Tambah {
            nomor: Arc::new(nomor),
            posisi: Arc::new(posisi),
        }
    }

    /// The number of the row at `baris` (None: no such row).
    pub fn nomor(&self, baris: usize) -> Option<usize> {
        match self {
            Susunan::Impor(n) => (baris < *n).then_some(baris),
            Susunan::Tambah { nomor, .. } => nomor.get(baris).copied(),
        }
    }

    /// Where the row numbered `nomor` stands (None: no such row).
    pub fn baris(&self, nomor: usize) -> Option<usize> {
        match self {
            Susunan::Impor(n) => (nomor < *n).then_some(nomor),
            Susunan::Tambah { posisi, .. } => posisi.get(nomor).copied().flatten(),
        }
    }

    /// How many rows the document has.
    pub fn len(&self) -> usize {
        match self {
            Susunan::Impor(n) => *n,
            Susunan::Tambah { nomor, .. } => nomor.len(),
        }
    }
}

/// A document's import (parsed once: it never changes) and its rows as they stand after the
/// rows merged files added up to the event `bentuk`.
#[derive(Clone)]
pub(super) struct Base {
    /// The import, as stored.
    pub document: Arc<Document>,
    pub problems: Arc<Vec<Problem>>,
    /// The seq of the last `tambah_baris` event these rows include (0: none).
    pub bentuk: u64,
    /// The rows as they stand, with the import's values (added rows hold none: their values
    /// are events). The import itself when no row was added.
    pub asal: Arc<Document>,
    pub susunan: Susunan,
    /// The rows each `tambah_baris` event added, in order, and what it added.
    pub blok: Arc<Vec<Blok>>,
    pub tambahan: Arc<Vec<Tambahan>>,
}

impl Base {
    /// The import with the rows added by `tambah` (each with its event's seq), in order.
    pub fn new(
        document: Arc<Document>,
        problems: Arc<Vec<Problem>>,
        tambah: Vec<(u64, Tambahan)>,
    ) -> Result<Base, StoreError> {
        let n = document.rows.len();
        if tambah.is_empty() {
            return Ok(Base {
                asal: document.clone(),
                document,
                problems,
                bentuk: 0,
                susunan: Susunan::Impor(n),
                blok: Arc::new(Vec::new()),
                tambahan: Arc::new(Vec::new()),
            });
        }
        let mut blok = Vec::with_capacity(tambah.len());
        let mut awal = n;
        for (seq, t) in &tambah {
            blok.push(Blok {
                awal,
                jumlah: t.indikator.len(),
                seq: *seq,
            });
            awal += t.indikator.len();
        }
        let bentuk = tambah.last().map_or(0, |(seq, _)| *seq);
        let tambahan: Vec<Tambahan> = tambah.into_iter().map(|(_, t)| t).collect();
        let (asal, nomor) = susun(&document, &tambahan).ok_or_else(|| {
            StoreError::Database(
                "baris tambahan dokumen tidak dapat disusun di antara baris impornya".into(),
            )
        })?;
        Ok(Base {
            document,
            problems,
            bentuk,
            asal: Arc::new(asal),
            susunan: Susunan::of(nomor),
            blok: Arc::new(blok),
            tambahan: Arc::new(tambahan),
        })
    }

    /// Whether the row numbered `nomor` existed at version `versi`.
    pub fn ada_pada(&self, nomor: usize, versi: u64) -> bool {
        self.blok
            .iter()
            .find(|b| (b.awal..b.awal + b.jumlah).contains(&nomor))
            .is_none_or(|b| b.seq <= versi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_numbers_translate_both_ways() {
        let s = Susunan::Impor(3);
        assert_eq!(
            (s.nomor(2), s.nomor(3), s.baris(1), s.len()),
            (Some(2), None, Some(1), 3)
        );
        // Row 3 was added between rows 1 and 2.
        let s = Susunan::of(vec![0, 1, 3, 2]);
        assert_eq!(s.nomor(2), Some(3));
        assert_eq!(s.baris(3), Some(2));
        assert_eq!(s.baris(2), Some(3));
        assert_eq!((s.baris(4), s.nomor(4), s.len()), (None, None, 4));
    }
}
