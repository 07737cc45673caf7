//! `/`: the list of *ruang kerja* and the form that creates one.
//!
//! The form works both ways: hydrated, it calls the `create_workspace` server function and
//! updates the list without a reload; without JavaScript it is a plain POST to `/ruang-kerja`,
//! which redirects back here with the typed values and the reasons in the query string.

use capaian_domain::workspace::{format_nip, FieldError, WorkspaceField, WorkspaceInput};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::akses::Aksi;
use crate::api::{create_workspace, list_workspaces};
use crate::pages::ServerError;
use crate::types::{CreateOutcome, Workspace};

/// Where the no-JavaScript form posts to.
pub const FORM_ACTION: &str = "/ruang-kerja";
/// Query key prefix for a field's refusal reason in the no-JS round trip.
pub const ERROR_QUERY_PREFIX: &str = "galat_";
/// Query key that says a workspace was just created (no-JS round trip).
pub const CREATED_QUERY: &str = "dibuat";

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let from_query = |f: WorkspaceField| query.get(f.name()).unwrap_or_default();
    let initial_errors: Vec<FieldError> = WorkspaceField::ALL
        .iter()
        .filter_map(|&field| {
            query
                .get(&format!("{ERROR_QUERY_PREFIX}{}", field.name()))
                .map(|message| FieldError { field, message })
        })
        .collect();
    let initial_notice = query
        .get(CREATED_QUERY)
        .map(|nama| format!("Ruang kerja {nama} dibuat."));

    let nama_pd = RwSignal::new(from_query(WorkspaceField::NamaPd));
    let kabupaten = RwSignal::new(from_query(WorkspaceField::Kabupaten));
    let tahun = RwSignal::new(from_query(WorkspaceField::Tahun));
    let kepala_nama = RwSignal::new(from_query(WorkspaceField::KepalaNama));
    let kepala_nip = RwSignal::new(from_query(WorkspaceField::KepalaNip));
    let errors = RwSignal::new(initial_errors);
    let notice = RwSignal::new(initial_notice);
    let failure = RwSignal::new(None::<ServerFnError>);

    let refresh = RwSignal::new(0u32);
    let workspaces = Resource::new(move || refresh.get(), |_| list_workspaces());

    let create = Action::new(|input: &WorkspaceInput| create_workspace(input.clone()));
    Effect::new(move |_| {
        if let Some(result) = create.value().get() {
            match result {
                Ok(CreateOutcome::Created(ws)) => {
                    notice.set(Some(format!("Ruang kerja {} dibuat.", ws.nama_pd)));
                    errors.set(Vec::new());
                    failure.set(None);
                    for s in [nama_pd, kabupaten, tahun, kepala_nama, kepala_nip] {
                        s.set(String::new());
                    }
                    refresh.update(|n| *n += 1);
                }
                Ok(CreateOutcome::Invalid(reasons)) => {
                    notice.set(None);
                    failure.set(None);
                    errors.set(reasons);
                }
                Err(e) => {
                    notice.set(None);
                    failure.set(Some(e));
                }
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(WorkspaceInput {
            nama_pd: nama_pd.get_untracked(),
            kabupaten: kabupaten.get_untracked(),
            tahun: tahun.get_untracked(),
            kepala_nama: kepala_nama.get_untracked(),
            kepala_nip: kepala_nip.get_untracked(),
        });
    };
    let pending = create.pending();
    // Roles that may not create a workspace (on a LAN) do not see the form; the server refuses anyway.
    let sesi = crate::sesi();

    view! {
        <Title text="Ruang kerja — Capaian" />
        <section class="kartu">
            <h1>"Ruang kerja"</h1>
            <p class="keterangan">
                "Satu ruang kerja untuk satu Perangkat Daerah dalam satu tahun anggaran. "
                "Di dalamnya Formulir E.81, Perjanjian Kinerja, target triwulan dan realisasi anggaran."
            </p>
            {move || notice.get().map(|n| view! { <p class="pesan-berhasil" role="status" id="pesan-berhasil">{n}</p> })}
            <Transition fallback=|| view! { <p>"Memuat daftar…"</p> }>
                {move || Suspend::new(async move {
                    match workspaces.await {
                        Ok(list) => view! { <WorkspaceTable list /> }.into_any(),
                        Err(e) => view! { <ServerError error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>

        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let may = sesi.await.map_or(true, |s| s.pelaku.boleh(Aksi::BuatRuangKerja));
                may.then(|| view! {
                <section class="kartu">
                    <h2>"Buat ruang kerja baru"</h2>
                    {move || failure.get().map(|e| view! { <ServerError error=e /> })}
                    <form method="post" action=FORM_ACTION on:submit=on_submit id="form-ruang-kerja" novalidate>
                        <FormField label="Nama Perangkat Daerah" field=WorkspaceField::NamaPd value=nama_pd errors
                            placeholder="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia" />
                        <FormField label="Kabupaten/kota" field=WorkspaceField::Kabupaten value=kabupaten errors
                            placeholder="Kabupaten Sleman" />
                        <FormField label="Tahun anggaran" field=WorkspaceField::Tahun value=tahun errors
                            placeholder="2026" inputmode="numeric" />
                        <FormField label="Nama kepala PD" field=WorkspaceField::KepalaNama value=kepala_nama errors
                            placeholder="Dr. Nama Lengkap, S.H., M.Si." />
                        <FormField label="NIP kepala PD" field=WorkspaceField::KepalaNip value=kepala_nip errors
                            placeholder="19650110 198602 2 004" inputmode="numeric" />
                        <button type="submit" disabled=move || pending.get()>
                            {move || if pending.get() { "Menyimpan…" } else { "Buat ruang kerja" }}
                        </button>
                    </form>
                </section>
                })
            })}
        </Suspense>
    }
}

/// One labelled input with its refusal reason beside it.
#[component]
fn FormField(
    label: &'static str,
    field: WorkspaceField,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    placeholder: &'static str,
    #[prop(default = "text")] inputmode: &'static str,
) -> impl IntoView {
    let name = field.name();
    let error_id = format!("galat-{name}");
    // The attribute carries the value into the server-rendered HTML (the no-JS round trip);
    // `bind:value` keeps the live property and the signal in step once hydrated.
    let initial = value.get_untracked();
    let message = move || {
        errors.with(|list| capaian_domain::workspace::error_for(list, field).map(str::to_string))
    };
    view! {
        <div class="isian" class:salah=move || message().is_some()>
            <label for=name>{label}</label>
            <input id=name name=name type="text" inputmode=inputmode placeholder=placeholder
                value=initial
                bind:value=value
                aria-invalid=move || if message().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone() />
            <p class="galat" id=error_id>{message}</p>
        </div>
    }
}

/// The stored workspaces, as a table.
#[component]
fn WorkspaceTable(list: Vec<Workspace>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="kosong" id="daftar-kosong">"Belum ada ruang kerja. Buat yang pertama dengan formulir di bawah."</p>
        }
        .into_any();
    }
    view! {
        <table class="daftar" id="daftar-ruang-kerja">
            <thead>
                <tr>
                    <th>"Perangkat Daerah"</th>
                    <th>"Kabupaten/kota"</th>
                    <th class="angka">"Tahun"</th>
                    <th>"Kepala PD"</th>
                    <th>"Dibuat"</th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|ws| view! {
                    <tr data-id=ws.id.clone()>
                        <td class="nama-pd"><a href=format!("/ruang-kerja/{}", ws.id)>{ws.nama_pd}</a></td>
                        <td>{ws.kabupaten}</td>
                        <td class="angka">{ws.tahun}</td>
                        <td>{ws.kepala_nama}<br /><small>"NIP " {format_nip(&ws.kepala_nip)}</small></td>
                        <td>{crate::format::tanggal(&ws.dibuat, ws.zona)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
