//! Server functions: thin calls into the store and the domain core. Each one first takes the
//! person the server's gate attached to the request (and checks the role where it changes
//! anything); without one it refuses.

use capaian_domain::workspace::WorkspaceInput;
use leptos::prelude::*;

use crate::types::{
    AkunView, BidangView, CreateOutcome, DocumentView, HalamanServer, Sesi, StatusInfo, Workspace,
    WorkspaceOverview,
};
#[cfg(feature = "ssr")]
use crate::types::{EventFilter, Point};

#[cfg(feature = "ssr")]
fn context() -> Result<crate::ssr::AppContext, ServerFnError> {
    use_context::<crate::ssr::AppContext>()
        .ok_or_else(|| ServerFnError::new("Konteks server tidak tersedia."))
}

#[cfg(feature = "ssr")]
fn store_error(e: crate::ssr::StoreError) -> ServerFnError {
    leptos::logging::error!("{e}");
    ServerFnError::new(e.to_string())
}

/// Every workspace, newest year first.
#[server(endpoint = "list_workspaces")]
pub async fn list_workspaces() -> Result<Vec<Workspace>, ServerFnError> {
    pelaku_boleh(None)?;
    context()?
        .store
        .list_workspaces()
        .await
        .map_err(store_error)
}

/// The person behind the request, or the refusal of what they may not do.
#[cfg(feature = "ssr")]
fn pelaku_boleh(aksi: Option<crate::akses::Aksi>) -> Result<crate::akses::Pelaku, ServerFnError> {
    let pelaku = crate::ssr::pelaku().map_err(ServerFnError::new)?;
    if let Some(aksi) = aksi {
        pelaku.periksa(aksi).map_err(|m| {
            if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
                resp.set_status(http::StatusCode::FORBIDDEN);
            }
            ServerFnError::new(m)
        })?;
    }
    Ok(pelaku)
}

/// Who is using Capaian, and whether it runs for a team on a LAN.
#[server(endpoint = "sesi")]
pub async fn get_sesi() -> Result<Sesi, ServerFnError> {
    Ok(Sesi {
        pelaku: pelaku_boleh(None)?,
        lan: context()?.lan,
    })
}

/// The accounts and the bidang named in them (admin only).
#[server(endpoint = "akun")]
pub async fn get_accounts() -> Result<AkunView, ServerFnError> {
    pelaku_boleh(Some(crate::akses::Aksi::KelolaAkun))?;
    crate::ssr::accounts(context()?.store.as_ref())
        .await
        .map_err(store_error)
}

/// A document's program/kegiatan rows and their bidang; `None` when there is no such document.
#[server(endpoint = "bidang")]
pub async fn get_owners(id: String) -> Result<Option<BidangView>, ServerFnError> {
    let pelaku = pelaku_boleh(None)?;
    crate::ssr::owners_view(context()?.store.as_ref(), &id, &pelaku)
        .await
        .map_err(store_error)
}

/// Creates a workspace from the form, or says per field why not.
#[server(endpoint = "create_workspace")]
pub async fn create_workspace(input: WorkspaceInput) -> Result<CreateOutcome, ServerFnError> {
    pelaku_boleh(Some(crate::akses::Aksi::BuatRuangKerja))?;
    let ctx = context()?;
    crate::ssr::create_workspace(ctx.store.as_ref(), &input)
        .await
        .map_err(store_error)
}

/// Version, data folder, engine and counts.
#[server(endpoint = "server_status")]
pub async fn server_status() -> Result<StatusInfo, ServerFnError> {
    pelaku_boleh(None)?;
    crate::ssr::status(&context()?).await.map_err(store_error)
}

/// A workspace with its documents; `None` when there is no such workspace.
#[server(endpoint = "workspace_overview")]
pub async fn get_workspace_overview(
    id: String,
) -> Result<Option<WorkspaceOverview>, ServerFnError> {
    let pelaku = pelaku_boleh(None)?;
    crate::ssr::workspace_overview(context()?.store.as_ref(), &id, pelaku)
        .await
        .map_err(store_error)
}

/// One page of a document with its import report; `None` when there is no such document.
#[server(endpoint = "document_view")]
pub async fn get_document_view(
    id: String,
    page: u32,
) -> Result<Option<DocumentView>, ServerFnError> {
    let pelaku = pelaku_boleh(None)?;
    crate::ssr::document_view(context()?.store.as_ref(), &id, page, pelaku)
        .await
        .map_err(store_error)
}

/// A document's activity, filtered by row and person; `None` when there is no such document.
#[server(endpoint = "activity")]
pub async fn get_activity(
    id: String,
    baris: Option<usize>,
    oleh: Option<String>,
) -> Result<Option<HalamanServer>, ServerFnError> {
    pelaku_boleh(None)?;
    let filter = EventFilter {
        baris,
        oleh: oleh.filter(|o| !o.trim().is_empty()),
        batas: None,
    };
    crate::ssr::activity(context()?.store.as_ref(), &id, filter)
        .await
        .map(|v| v.map(crate::pages::history::activity_html))
        .map_err(store_error)
}

/// Cells changed between two points (`awal`, `sekarang`, `versi-N`, a submission id).
#[server(endpoint = "diff")]
pub async fn get_diff(
    id: String,
    dari: String,
    ke: String,
) -> Result<Option<HalamanServer>, ServerFnError> {
    pelaku_boleh(None)?;
    crate::ssr::diff(
        context()?.store.as_ref(),
        &id,
        &Point::parse(&dari),
        &Point::parse(&ke),
    )
    .await
    .map(|v| v.map(crate::pages::history::diff_html))
    .map_err(|e| ServerFnError::new(e.to_string()))
}

/// Murni vs perubahan targets of a document.
#[server(endpoint = "budget")]
pub async fn get_budget(id: String) -> Result<Option<HalamanServer>, ServerFnError> {
    pelaku_boleh(None)?;
    crate::ssr::budget_comparison(context()?.store.as_ref(), &id)
        .await
        .map(|v| v.map(crate::pages::history::budget_html))
        .map_err(store_error)
}
