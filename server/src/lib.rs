//! The Capaian server as a library: storage, workbooks, the HTTP side and the operations
//! that tie them together. `main.rs` is the command line over it.

pub mod api;
pub mod assets;
pub mod auth;
pub mod backup;
pub mod data_dir;
pub mod operations;
pub mod pemetaan;
pub mod progress;
pub mod store;
pub mod web;
pub mod workbook;
