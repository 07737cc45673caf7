//! Capaian's domain core: numbers, units, indicators, E.81 computations, roll-ups, rating
//! scales, terbilang, consistency checks, and the validation of the app's own records.
//!
//! Pure Rust: no I/O, no framework imports (no leptos, axum, surrealdb, calamine). It compiles
//! for the server and for the browser (wasm32). Functions that can find problems return
//! `(value, Vec<Problem>)` instead of failing.

pub mod model;
pub mod workspace;

pub mod anggaran;
pub mod checks;
pub mod e81;
pub mod edit;
pub mod form;
pub mod gabung;
pub mod grafik;
pub mod history;
pub mod indicator;
pub mod kode;
pub mod lkjip;
pub mod lkjip_berkas;
pub mod narasi;
pub mod nomenklatur;
pub mod num;
pub mod pengaturan;
pub mod pk;
pub mod rekonsiliasi;
pub mod rencana;
pub mod renja;
pub mod rollup;
pub mod scale;
pub mod tabel;
pub mod tanggal;
pub mod tc29;
pub mod teks;
pub mod terbilang;
pub mod units;
pub mod wilayah;
