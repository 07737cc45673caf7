//! `/status`: version, data folder, database engine, number of workspaces.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::server_status;
use crate::pages::ServerError;

#[component]
pub fn StatusPage() -> impl IntoView {
    let status = Resource::new(|| (), |_| server_status());
    view! {
        <Title text="Status — Capaian" />
        <section class="kartu">
            <h1>"Status server"</h1>
            <Suspense fallback=|| view! { <p>"Memuat…"</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) => view! {
                            <dl class="status">
                                <dt>"Versi"</dt><dd id="status-versi">{s.version}</dd>
                                <dt>"Folder data"</dt><dd id="status-folder"><code>{s.data_dir}</code></dd>
                                <dt>"Mesin basis data"</dt><dd id="status-mesin">{s.engine}</dd>
                                <dt>"Jumlah ruang kerja"</dt><dd id="status-jumlah">{s.workspaces}</dd>
                            </dl>
                        }.into_any(),
                        Err(e) => view! { <ServerError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
