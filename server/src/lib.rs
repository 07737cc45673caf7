//! The Capaian server as a library: storage, workbooks, the HTTP side and the operations
//! that tie them together. `main.rs` is the command line over it.

pub mod akun;
pub mod assets;
pub mod backup;
pub mod data_dir;
pub mod gabung;
pub mod http;
pub mod operations;
pub mod pemetaan;
pub mod periksa;
pub mod progress;
pub mod rekonsiliasi;
pub mod store;
pub mod workbook;
