//! `/dokumen/:id/bidang`: which bidang fills which program/kegiatan. A kegiatan's bidang wins
//! over its program's; an operator edits only the rows under their bidang's programs/kegiatan.

use capaian_domain::model::Level;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::get_owners;
use crate::pages::document::{ACTION_ERROR_QUERY, NOTICE_QUERY};
use crate::pages::loaded;
use crate::types::BidangView;

#[component]
pub fn BidangPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, get_owners);
    let notice = move || query.with(|q| q.get(NOTICE_QUERY));
    let refused = move || query.with(|q| q.get(ACTION_ERROR_QUERY));
    view! {
        {move || notice().map(|m| view! { <p class="pesan-berhasil" id="pesan" role="status">{m}</p> })}
        {move || refused().map(|m| view! { <p class="galat-umum" id="galat-aksi" role="alert">{m}</p> })}
        {loaded(data, "Memuat…", |view| view! { <Owners view /> })}
    }
}

#[component]
fn Owners(view: BidangView) -> impl IntoView {
    let d = view.dokumen;
    let may = view.boleh_ubah;
    view! {
        <Title text=format!("Pembagian bidang — {}", d.nama_berkas) />
        <section class="kartu">
            <p class="remah">
                <a href="/">"Ruang kerja"</a> " › "
                <a href=format!("/dokumen/{}", d.id)>{d.nama_berkas.clone()}</a> " › Pembagian bidang"
            </p>
            <h1>"Pembagian baris ke bidang"</h1>
            <p class="keterangan">
                "Operator bidang hanya dapat mengisi baris di bawah program/kegiatan bidangnya. Bidang kegiatan "
                "mengalahkan bidang programnya; kosongkan untuk melepas. Nama bidang diambil dari akun operator."
            </p>
            <datalist id="daftar-bidang">
                {view.bidang.into_iter().map(|b| view! { <option value=b></option> }).collect_view()}
            </datalist>
            <form method="post" action=format!("/dokumen/{}/bidang", d.id) id="form-bidang">
                // The rows as shown: a merge that added rows since is refused, not misapplied.
                <input type="hidden" name="bentuk" value=d.bentuk.to_string() />
                <table class="daftar" id="tabel-bidang">
                    <thead><tr><th>"Kode"</th><th>"Program / Kegiatan"</th><th>"Bidang"</th></tr></thead>
                    <tbody>
                        {view.baris.into_iter().map(|(row, level, kode, nama, bidang)| {
                            let class = if level == Level::Program { "program" } else { "kegiatan" };
                            view! {
                                <tr class=class data-baris=row>
                                    <td class="kode">{kode}</td>
                                    <td>{nama}</td>
                                    <td><input name=format!("b{row}") list="daftar-bidang" value=bidang.unwrap_or_default() maxlength="100" disabled=!may /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                {if may {
                    view! {
                        {view.minta_nama.then(|| view! {
                            <label>"Nama Anda" <input name="oleh" required maxlength="100" /></label>
                        })}
                        <button type="submit">"Simpan pembagian"</button>
                    }.into_any()
                } else {
                    view! { <p class="keterangan" id="hanya-baca">"Hanya perencana dan admin yang dapat mengubah pembagian bidang."</p> }.into_any()
                }}
            </form>
        </section>
    }
}
