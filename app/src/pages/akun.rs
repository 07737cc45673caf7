//! Logging in, the first admin account, and the accounts page (LAN mode). Every form is a plain
//! POST (works without JavaScript); the server answers with a redirect back here.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::akses::Peran;
use crate::api::get_accounts;
use crate::pages::document::{ACTION_ERROR_QUERY, NOTICE_QUERY};
use crate::pages::ServerError;
use crate::types::{Akun, AkunView};

/// `/masuk`: the login form.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let galat = query.get("galat");
    let lanjut = query.get("lanjut").unwrap_or_else(|| "/".into());
    let nama = query.get("nama_pengguna").unwrap_or_default();
    view! {
        <Title text="Masuk — Capaian" />
        <section class="kartu sempit">
            <h1>"Masuk"</h1>
            <p class="keterangan">"Capaian dipakai bersama tim: masuk dengan akun yang dibuat admin."</p>
            {galat.map(|m| view! { <p class="galat-umum" id="galat-masuk" role="alert">{m}</p> })}
            <form method="post" action="/masuk" id="form-masuk" class="formulir">
                <input type="hidden" name="lanjut" value=lanjut />
                <label>"Nama pengguna"
                    <input name="nama_pengguna" id="nama-pengguna" required autocomplete="username" value=nama />
                </label>
                <label>"Kata sandi"
                    <input name="kata_sandi" id="kata-sandi" type="password" required autocomplete="current-password" />
                </label>
                <button type="submit">"Masuk"</button>
            </form>
        </section>
    }
}

/// `/siapkan`: the first run on a LAN creates the admin account.
#[component]
pub fn SetupPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let galat = query.get("galat");
    let login = query.get("login").unwrap_or_else(|| "admin".into());
    let nama = query.get("nama").unwrap_or_default();
    view! {
        <Title text="Siapkan Capaian — akun admin" />
        <section class="kartu sempit">
            <h1>"Akun admin pertama"</h1>
            <p class="keterangan">
                "Capaian berjalan untuk tim di jaringan kantor. Buat dulu akun admin: admin membuat akun "
                "perencana, operator bidang, kepala dan pemeriksa, serta membuka kunci triwulan."
            </p>
            {galat.map(|m| view! { <p class="galat-umum" id="galat-siapkan" role="alert">{m}</p> })}
            <form method="post" action="/siapkan" id="form-siapkan" class="formulir">
                <label>"Nama pengguna" <input name="login" required value=login autocomplete="username" /></label>
                <label>"Nama lengkap" <input name="nama" required value=nama autocomplete="name" /></label>
                <label>"Kata sandi (paling sedikit 8 karakter)"
                    <input name="kata_sandi" type="password" required minlength="8" autocomplete="new-password" />
                </label>
                <label>"Ulangi kata sandi"
                    <input name="kata_sandi_ulang" type="password" required minlength="8" autocomplete="new-password" />
                </label>
                <button type="submit">"Buat akun admin"</button>
            </form>
        </section>
    }
}

/// `/pengguna`: accounts (admin only).
#[component]
pub fn AccountsPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let notice = query.get(NOTICE_QUERY);
    let refused = query.get(ACTION_ERROR_QUERY);
    let data = Resource::new(|| (), |_| get_accounts());
    let sesi = crate::sesi();
    view! {
        <Title text="Akun tim — Capaian" />
        {notice.map(|m| view! { <p class="pesan-berhasil" id="pesan" role="status">{m}</p> })}
        {refused.map(|m| view! { <p class="galat-umum" id="galat-aksi" role="alert">{m}</p> })}
        <Suspense fallback=|| view! { <p>"Memuat akun…"</p> }>
            {move || Suspend::new(async move {
                let lan = sesi.await.map(|s| s.lan).unwrap_or(false);
                match data.await {
                    Ok(view) => view! { <Accounts view lan /> }.into_any(),
                    Err(e) => view! { <ServerError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn role_options(selected: Option<Peran>) -> impl IntoView {
    Peran::ALL
        .into_iter()
        .map(|p| view! { <option value=p.key() selected=Some(p) == selected>{p.label()}</option> })
        .collect_view()
}

#[component]
fn Accounts(view: AkunView, lan: bool) -> impl IntoView {
    let bidang = view.bidang.clone();
    view! {
        <section class="kartu">
            <h1>"Akun tim"</h1>
            {(!lan).then(|| view! {
                <p class="keterangan" id="mode-lokal">
                    "Capaian berjalan tanpa akun (hanya di komputer ini). Akun dipakai setelah dijalankan dengan "
                    <code>"--lan"</code> "."
                </p>
            })}
            <p class="keterangan">
                "Perencana menyusun dan mengajukan, operator bidang mengisi baris bidangnya, Kepala PD "
                "menyetujui atau mengembalikan, pemeriksa hanya membaca, admin mengelola akun dan membuka kunci."
            </p>
            <datalist id="daftar-bidang">
                {bidang.into_iter().map(|b| view! { <option value=b></option> }).collect_view()}
            </datalist>
            <table class="daftar" id="daftar-akun">
                <thead><tr>
                    <th>"Nama pengguna"</th><th>"Nama"</th><th>"Peran"</th><th>"Bidang"</th>
                    <th>"Aktif"</th><th>"Kata sandi baru"</th><th></th>
                </tr></thead>
                <tbody>
                    {view.akun.into_iter().map(|a| view! { <AccountRow akun=a /> }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="kartu">
            <h2>"Akun baru"</h2>
            <form method="post" action="/pengguna" id="form-akun-baru" class="formulir sebaris">
                <label>"Nama pengguna" <input name="login" required placeholder="sari.mutasi" /></label>
                <label>"Nama lengkap" <input name="nama" required /></label>
                <label>"Peran" <select name="peran">{role_options(Some(Peran::Operator))}</select></label>
                <label>"Bidang (operator)" <input name="bidang" list="daftar-bidang" placeholder="Bidang Mutasi" /></label>
                <label>"Kata sandi" <input name="kata_sandi" type="password" required minlength="8" autocomplete="new-password" /></label>
                <button type="submit">"Buat akun"</button>
            </form>
        </section>
    }
}

#[component]
fn AccountRow(akun: Akun) -> impl IntoView {
    let form = format!("akun-{}", akun.login);
    let action = format!("/pengguna/{}", akun.login);
    view! {
        <tr data-login=akun.login.clone()>
            <td>{akun.login.clone()}</td>
            <td><input form=form.clone() name="nama" value=akun.nama.clone() /></td>
            <td><select form=form.clone() name="peran">{role_options(Some(akun.peran))}</select></td>
            <td><input form=form.clone() name="bidang" list="daftar-bidang" value=akun.bidang.clone().unwrap_or_default() /></td>
            <td><input form=form.clone() name="aktif" type="checkbox" value="1" checked=akun.aktif /></td>
            <td><input form=form.clone() name="kata_sandi" type="password" minlength="8" autocomplete="new-password" placeholder="(tetap)" /></td>
            <td><form method="post" action=action id=form><button type="submit" class="sekunder">"Simpan"</button></form></td>
        </tr>
    }
}
