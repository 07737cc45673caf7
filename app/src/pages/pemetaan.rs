//! `/ruang-kerja/:id/pemetaan/:tid`: what Capaian understood of an uploaded workbook, before
//! anything is stored. The first rows as the sheet shows them, each column with the role
//! Capaian chose (and how sure it is), each row with the level it was read at; the person
//! changes a column's role or scale, or a row's level, reads again, and confirms. The
//! confirmed mapping is remembered for the layout, so next quarter's file imports in one step.
//!
//! The page is a plain HTML form rendered by the server alone (`html`, built with the `ssr`
//! feature only: it needs no code in the browser, so none of it is in the wasm bundle); the
//! server reads the form back (`server/src/pemetaan.rs`). Nothing here is specific to one form
//! kind: the roles offered come with the page.

/// Query key for why the last action on the page was refused.
pub const MAPPING_ERROR_QUERY: &str = "galat";
/// The form field of a column's role (`kolom-<1-based column>`).
pub const COLUMN_FIELD: &str = "kolom-";
/// The form field of a money column's scale (`skala-<1-based column>`).
pub const SCALE_FIELD: &str = "skala-";
/// The form field of a row's level (`tingkat-<1-based sheet row>`).
pub const LEVEL_FIELD: &str = "tingkat-";
/// The form field of a row's code chosen from the nomenclature (`kode-<1-based sheet row>`).
pub const CODE_FIELD: &str = "kode-";
/// The scales a money column can be written in: rupiah per unit written, and its name.
pub const SCALES: [(&str, &str); 3] = [
    ("1", "rupiah"),
    ("1000", "ribuan rupiah"),
    ("1000000", "jutaan rupiah"),
];

/// The mapping page of a waiting upload.
pub fn mapping_href(workspace_id: &str, id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/pemetaan/{id}")
}

/// Where a remembered mapping is reviewed, changed or forgotten.
pub fn saved_mapping_action(workspace_id: &str, id: &str) -> String {
    format!("/ruang-kerja/{workspace_id}/pemetaan-tersimpan/{id}")
}

#[cfg(feature = "ssr")]
pub(crate) use html::{document, Remah};
#[cfg(feature = "ssr")]
pub use html::{mapping_page_html, saved_mapping_page_html};

#[cfg(feature = "ssr")]
mod html {
    use leptos::prelude::*;

    use super::*;
    use crate::types::{
        BarisPratinjau, KolomPemetaan, PemetaanPage, PemetaanTersimpan, PilihanPeran,
    };
    use capaian_domain::model::Level;

    /// A whole page around `body`, rendered by the server only (no hydration: these pages are
    /// forms that work without JavaScript).
    pub(crate) fn document(title: &str, stylesheet: &str, body: String) -> String {
        let title = crate::grid::clipboard::escape_html(title);
        let stylesheet = crate::grid::clipboard::escape_html(stylesheet);
        format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" id=\"capaian\" href=\"{stylesheet}\"></head><body><div id=\"app\">\
         <header class=\"kepala-situs\"><a href=\"/\" class=\"merek\">Capaian</a>\
         <span class=\"slogan\">Evaluasi Renja &amp; realisasi anggaran per triwulan</span>\
         <nav><a href=\"/\">Ruang kerja</a><a href=\"/status\">Status</a></nav></header>\
         <main>{body}</main></div></body></html>"
    )
    }

    /// The mapping page of a waiting upload, whole.
    pub fn mapping_page_html(
        page: PemetaanPage,
        error: Option<String>,
        stylesheet: &str,
    ) -> String {
        let title = format!("Pemetaan kolom: {} — Capaian", page.tampilan.nama_berkas);
        let body = view! { <Mapping page error /> }.to_html();
        document(&title, stylesheet, body)
    }

    /// The page of a remembered mapping: its columns' roles to review, change or forget.
    pub fn saved_mapping_page_html(
        m: PemetaanTersimpan,
        workspace: crate::types::Workspace,
        may_change: bool,
        notice: Option<String>,
        stylesheet: &str,
    ) -> String {
        let title = format!("Pemetaan kolom tersimpan: {} — Capaian", m.sheet);
        let body = view! { <SavedMapping m workspace may_change notice /> }.to_html();
        document(&title, stylesheet, body)
    }

    /// Where the page sits: the workspaces, this workspace, this page.
    #[component]
    pub(crate) fn Remah(ws: crate::types::Workspace, here: &'static str) -> impl IntoView {
        view! {
            <p class="remah">
                <a href="/">"Ruang kerja"</a> " › "
                <a href=format!("/ruang-kerja/{}", ws.id)>{ws.nama_pd} " " {ws.tahun}</a>
                " › " {here}
            </p>
        }
    }

    #[component]
    fn SavedMapping(
        m: PemetaanTersimpan,
        workspace: crate::types::Workspace,
        may_change: bool,
        notice: Option<String>,
    ) -> impl IntoView {
        let action = saved_mapping_action(&workspace.id, &m.id);
        let when = crate::format::tanggal(&m.waktu, workspace.zona);
        let pilihan = m.pilihan.clone();
        view! {
            <section class="kartu lebar" id="pemetaan-tersimpan">
                <Remah ws=workspace.clone() here="Pemetaan kolom tersimpan" />
                <h1>"Pemetaan kolom: sheet '" {m.sheet.clone()} "'"</h1>
                <p class="keterangan">
                    "Pertama dikonfirmasi pada berkas " {m.nama_berkas.clone()} ". Terakhir diubah oleh "
                    {m.oleh.clone()} ", " {when} " (versi " {m.versi} "). Berkas yang diunggah dengan tata letak "
                    "ini dibaca dengan peran kolom di bawah tanpa ditanyakan lagi."
                </p>
                {notice.map(|e| view! { <p class="galat-umum" role="alert" id="galat-pemetaan">{e}</p> })}
                <form method="post" action=action id="form-pemetaan-tersimpan">
                    <input type="hidden" name="versi" value=m.versi.to_string() />
                    <table class="daftar">
                        <thead><tr><th>"Kolom"</th><th>"Judul di sheet"</th><th>"Peran"</th></tr></thead>
                        <tbody>
                            {m.kolom.into_iter().map(|k| {
                                let money = is_money(&k, &pilihan);
                                view! {
                                    <tr>
                                        <td>{k.letter.clone()}</td>
                                        <td>{k.header.clone()}</td>
                                        <td>
                                            <RoleSelect kolom=k.clone() pilihan=pilihan.clone() />
                                            {money.then(|| view! { <ScaleSelect kolom=k.clone() /> })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    {may_change.then(|| view! {
                        <p class="tindakan-pemetaan">
                            <button type="submit" name="aksi" value="simpan" id="simpan-pemetaan">"Simpan perubahan"</button>
                            " "
                            <button type="submit" name="aksi" value="hapus" class="sekunder" id="lupakan-pemetaan">"Lupakan pemetaan ini"</button>
                        </p>
                    })}
                </form>
            </section>
        }
    }

    /// The role select of a column, with the roles the page offers.
    #[component]
    fn RoleSelect(kolom: KolomPemetaan, pilihan: Vec<PilihanPeran>) -> impl IntoView {
        let name = format!("{COLUMN_FIELD}{}", kolom.col);
        let id = format!("kolom-{}", kolom.letter);
        let chosen = kolom.peran.clone();
        let known = pilihan.iter().any(|p| p.token == chosen);
        view! {
            <select name=name id=id class="peran" aria-label=format!("Peran kolom {}", kolom.letter)>
                {(!known).then(|| view! { <option value=chosen.clone() selected=true>{kolom.label.clone()}</option> })}
                {pilihan.into_iter().map(|p| {
                    let selected = p.token == chosen;
                    view! { <option value=p.token selected=selected>{p.label}</option> }
                }).collect_view()}
            </select>
        }
    }

    /// The scale select of a money column.
    #[component]
    fn ScaleSelect(kolom: KolomPemetaan) -> impl IntoView {
        let name = format!("{SCALE_FIELD}{}", kolom.col);
        let id = format!("skala-{}", kolom.letter);
        view! {
            <select name=name id=id class="skala" aria-label=format!("Satuan uang kolom {}", kolom.letter)>
                {SCALES.into_iter().map(|(v, label)| view! {
                    <option value=v selected=kolom.skala == v>{label}</option>
                }).collect_view()}
            </select>
        }
    }

    /// Is the column's role one that holds rupiah?
    fn is_money(kolom: &KolomPemetaan, pilihan: &[PilihanPeran]) -> bool {
        pilihan.iter().any(|p| p.token == kolom.peran && p.uang)
    }

    #[component]
    fn Mapping(page: PemetaanPage, error: Option<String>) -> impl IntoView {
        let v = page.tampilan;
        let ws = v.workspace.clone();
        let action = mapping_href(&ws.id, &v.id);
        let blocked = !v.penghalang.is_empty();
        let pilihan = v.pilihan.clone();
        let kolom = v.kolom.clone();
        let remembered = v.versi_tersimpan > 0;
        view! {
            <section class="kartu lebar" id="pemetaan">
                <Remah ws=ws.clone() here="Pemetaan kolom" />
                <h1>"Periksa pembacaan: " {v.nama_berkas.clone()}</h1>
                <p class="keterangan">
                    "Sheet '" {v.sheet.clone()} "' dibaca sebagai Formulir " {v.form.clone()} ". "
                    {if remembered {
                        "Tata letak ini sudah pernah dipetakan di ruang kerja ini, tetapi masih ada yang perlu diputuskan. "
                    } else {
                        "Tata letak ini baru bagi ruang kerja ini. "
                    }}
                    "Periksa peran setiap kolom dan tingkat setiap baris di bawah, ubah yang keliru, lalu konfirmasi. "
                    "Belum ada yang disimpan. Capaian mengingat pemetaan yang Anda konfirmasi, sehingga berkas "
                    "bertata letak sama (misalnya triwulan berikutnya) langsung terbaca."
                </p>
                {error.map(|e| view! { <p class="galat-umum" role="alert" id="galat-pemetaan">{e}</p> })}
                <h2>"Yang terbaca"</h2>
                <ul id="ringkasan-pemetaan">
                    {v.ringkasan.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                </ul>
                {(!v.penghalang.is_empty()).then(|| view! {
                    <h2>"Belum dapat diimpor"</h2>
                    <ul class="galat-umum" id="penghalang">
                        {v.penghalang.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                    </ul>
                })}
                {(!v.keputusan.is_empty()).then(|| view! {
                    <h2>"Perlu Anda periksa"</h2>
                    <ul class="perlu-keputusan" id="keputusan">
                        {v.keputusan.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                    </ul>
                })}
            </section>
            <MappingForm v=v.clone() action lan=page.lan blocked pilihan kolom />
        }
    }

    /// The columns' roles, the first rows, the problems and the actions.
    #[component]
    fn MappingForm(
        v: crate::types::PemetaanView,
        action: String,
        lan: bool,
        blocked: bool,
        pilihan: Vec<PilihanPeran>,
        kolom: Vec<KolomPemetaan>,
    ) -> impl IntoView {
        let table = view! { <MappingTable v=v.clone() pilihan kolom /> }.into_any();
        view! {
            <form method="post" action=action id="form-pemetaan">
                <input type="hidden" name="versi" value=v.versi_tersimpan.to_string() />
                {table}
                <CodeChoices v=v.clone() />
                {(!v.masalah.is_empty()).then(|| view! {
                    <section class="kartu lebar">
                        <h2>"Masalah yang ditemukan (satu baris per sebab)"</h2>
                        <ul id="masalah-pemetaan">
                            {v.masalah.iter().map(|(t, m)| view! { <li><strong>{t.clone()}</strong> ": " {m.clone()}</li> }).collect_view()}
                        </ul>
                    </section>
                })}
                <section class="kartu lebar tindakan-pemetaan">
                    {(!lan).then(|| view! {
                        <label>"Nama Anda " <input name="oleh" id="oleh-pemetaan" required maxlength="100" /></label>
                    })}
                    <button type="submit" name="aksi" value="baca" formnovalidate class="sekunder" id="baca-ulang">
                        "Baca ulang dengan pilihan ini"
                    </button>
                    <button type="submit" name="aksi" value="impor" id="konfirmasi-impor" disabled=blocked>
                        "Konfirmasi dan impor"
                    </button>
                    <button type="submit" name="aksi" value="batal" formnovalidate class="sekunder" id="batal-pemetaan">
                        "Batal"
                    </button>
                </section>
            </form>
        }
    }

    /// The sheet's first rows under each column's role.
    #[component]
    fn MappingTable(
        v: crate::types::PemetaanView,
        pilihan: Vec<PilihanPeran>,
        kolom: Vec<KolomPemetaan>,
    ) -> impl IntoView {
        view! {
                <section class="kartu lebar">
                    <h2>"Kolom dan baris pertama"</h2>
                    <p class="keterangan">
                        "Baris atas: peran setiap kolom (dan satuan uangnya). Kolom bertanda "
                        <span class="keyakinan-rendah">"ragu"</span>
                        " perlu Anda periksa. Baris di bawahnya: isi sheet apa adanya, dengan tingkat yang terbaca."
                    </p>
                    <div class="gulir">
                    <table class="daftar pemetaan" id="tabel-pemetaan">
                        <thead>
                            <tr>
                                <th>"Baris"</th><th>"Dibaca sebagai"</th>
                                {kolom.iter().map(|k| view! {
                                    <th class="huruf" title=k.bukti.join("; ")>{k.letter.clone()}</th>
                                }).collect_view()}
                            </tr>
                            <tr class="judul-sheet">
                                <th></th><th>"Judul kolom di sheet"</th>
                                {kolom.iter().map(|k| view! { <th>{k.header.clone()}</th> }).collect_view()}
                            </tr>
                            <tr class="peran-kolom">
                                <th></th><th>"Peran kolom"</th>
                                {kolom.iter().map(|k| {
                                    let money = is_money(k, &pilihan);
                                    let class = format!("keyakinan-{}", k.keyakinan.key());
                                    let note = format!("{} · {} terisi, {} angka", k.keyakinan.label(), k.terisi, k.angka);
                                    view! {
                                        <td class=class data-kolom=k.letter.clone()>
                                            <RoleSelect kolom=k.clone() pilihan=pilihan.clone() />
                                            {money.then(|| view! { <ScaleSelect kolom=k.clone() /> })}
                                            <small title=k.bukti.join("; ")>{note}</small>
                                        </td>
                                    }
                                }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {v.baris.iter().map(|b| view! { <PreviewRow baris=b.clone() /> }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                </section>
        }
    }

    #[component]
    fn PreviewRow(baris: BarisPratinjau) -> impl IntoView {
        let row = baris.baris_sheet;
        let class = match (&baris.tingkat, baris.dipilih) {
            (None, _) => "dilewati".to_string(),
            (Some(t), true) => format!("tingkat-{t} dipilih"),
            (Some(t), false) => format!("tingkat-{t}"),
        };
        view! {
            <tr class=class data-baris=row.to_string()>
                <th class="angka">{row}</th>
                <td>
                    {match baris.tingkat.clone() {
                        Some(t) => view! {
                            <select name=format!("{LEVEL_FIELD}{row}") id=format!("tingkat-{row}") aria-label=format!("Tingkat baris {row}")>
                                {Level::ALL.into_iter().map(|l| view! {
                                    <option value=l.key() selected=l.key() == t>{crate::format::nama_level(l)}</option>
                                }).collect_view()}
                            </select>
                        }.into_any(),
                        None => view! { <span class="redup">{baris.dibaca.clone()}</span> }.into_any(),
                    }}
                </td>
                {baris.sel.into_iter().map(|s| view! { <td>{s}</td> }).collect_view()}
            </tr>
        }
    }

    /// Codes from the national nomenclature to choose for rows whose name is only close to one
    /// (or carried by several), and the standard indicators suggested.
    #[component]
    fn CodeChoices(v: crate::types::PemetaanView) -> impl IntoView {
        (!v.saran_kode.is_empty() || !v.saran_indikator.is_empty()).then(|| {
            let chosen = v.kode_dipilih.clone();
            view! {
                <section class="kartu lebar" id="nomenklatur">
                    <h2>"Kode dari nomenklatur sub kegiatan (Kepmendagri 900.1.15.5)"</h2>
                    <p class="keterangan">
                        "Kode untuk nama yang persis sama dengan nomenklatur sudah diisi (ditandai 'ditemukan', "
                        "bukan 'tertulis'). Untuk baris di bawah, pilih kodenya bila cocok; biarkan bila tidak."
                    </p>
                    <ul class="saran-kode">
                        {v.saran_kode.into_iter().map(|s| {
                            let picked = chosen.iter().find(|(r, _)| *r == s.baris_sheet).map(|(_, k)| k.clone());
                            view! {
                                <li>
                                    <label>{s.label} " "
                                        <select name=format!("{CODE_FIELD}{}", s.baris_sheet) id=format!("kode-{}", s.baris_sheet)>
                                            <option value="">"— biarkan, tanpa kode dari nomenklatur —"</option>
                                            {s.pilihan.into_iter().map(|(k, label)| {
                                                let selected = picked.as_deref() == Some(k.as_str());
                                                view! { <option value=k selected=selected>{label}</option> }
                                            }).collect_view()}
                                        </select>
                                    </label>
                                </li>
                            }
                        }).collect_view()}
                        {v.saran_indikator.into_iter().map(|l| view! { <li class="redup">{l}</li> }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
