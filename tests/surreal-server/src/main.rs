//! Same behaviour as the `surreal` binary, e.g.
//! `capaian-surreal-server start --bind 127.0.0.1:8000 --user root --pass root memory`.

use std::process::ExitCode;

use surrealdb_server::core::CommunityComposer;

fn main() -> ExitCode {
    surrealdb_server::init(CommunityComposer())
}
