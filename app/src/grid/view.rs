//! The grid in the browser: DOM, events, saving. Only the visible rows and columns exist in
//! the DOM; the model ([`GridModel`]) holds everything else.
//!
//! Focus stays on one `<input>` (the editor) that sits over the active cell. While navigating
//! it is transparent and empty; typing into it starts an edit (so IME composition works), F2
//! or a double click opens it with the cell's value. Clipboard events arrive on it too.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use capaian_domain::edit::{self, Cell, CellValue};
use capaian_domain::model::Severity;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    BeforeUnloadEvent, ClipboardEvent, Event, HtmlDialogElement, HtmlElement, HtmlInputElement,
    HtmlSelectElement, HtmlTextAreaElement, KeyboardEvent, MouseEvent, Request, RequestInit,
    Response,
};

use super::clipboard::{escape_html, parse_clipboard, to_html, to_tsv};
use super::columns::{offsets, ColumnKind, FormKind};
use super::keys::{self, Action, EditAction, KeyPress, Move};
use super::model::{Answer, GridModel};
use crate::format::{angka, nama_tingkat, persen, romawi};
use crate::types::{
    BarisBerubah, CellConflict, EditOutcome, GridData, NilaiDikirim, SelBentrok, SelDikirim,
    SelTerkunci, SelTersimpan, SimpanSel,
};

const ROW_H: f64 = 28.0;
/// [`ROW_H`] in whole pixels: positions are written as integers (formatting an f64 would pull
/// the float printer, 14 KB, into the bundle).
const ROW_PX: usize = 28;
const HEAD_H: f64 = 68.0;
/// Rows drawn above and below the visible ones.
const OVERSCAN: usize = 6;
/// Problems listed in the side list at most.
const PROBLEM_LIST: usize = 300;
/// Where the editor's name is remembered.
const NAME_KEY: &str = "capaian.nama";
/// The dialog asking for that name (single PC only).
const NAME_DIALOG: &str = "kisi-dialog-nama";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Nav,
    /// Began by typing over the cell: arrows commit and move.
    Typed,
    /// F2 / double click: arrows move the caret.
    Edit,
}

struct Grid {
    model: GridModel,
    root: HtmlElement,
    scroller: HtmlElement,
    header: HtmlElement,
    canvas: HtmlElement,
    editor: HtmlInputElement,
    status: HtmlElement,
    message: HtmlElement,
    footer: HtmlElement,
    side: HtmlElement,
    conflicts: HtmlElement,
    counts: HtmlElement,
    offsets: Vec<u32>,
    /// The scroller's scroll position and size, as last read (reading them right after a DOM
    /// change would force a layout in the middle of a keystroke).
    viewport: Viewport,
    /// The selection range last marked on the drawn cells.
    painted: Option<(usize, usize, usize, usize)>,
    /// Drawn rows by visible position: the document row and its cells by column.
    drawn: BTreeMap<usize, Drawn>,
    cols: (usize, usize),
    mode: Mode,
    name: String,
    dragging: bool,
    sending: bool,
    offline: bool,
    /// The server answered 401: edits wait until the person logs in again.
    signed_out: bool,
    /// What the side column shows.
    side_view: Side,
    later_queued: bool,
}

#[derive(Clone, Copy, Default)]
struct Viewport {
    top: f64,
    left: f64,
    height: f64,
    width: f64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    None,
    Problems,
    Row(usize),
}

type Shared = Rc<RefCell<Grid>>;

/// A drawn row: its document row, its element and its cells by column.
type Drawn = (usize, HtmlElement, Vec<(usize, HtmlElement)>);

fn window() -> web_sys::Window {
    web_sys::window().expect("jendela peramban")
}

fn document() -> web_sys::Document {
    window().document().expect("dokumen peramban")
}

fn el(tag: &str, class: &str) -> HtmlElement {
    let e = document()
        .create_element(tag)
        .expect("elemen")
        .unchecked_into::<HtmlElement>();
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

fn style(e: &HtmlElement, prop: &str, value: &str) {
    let _ = e.style().set_property(prop, value);
}

fn listen<E: wasm_bindgen::convert::FromWasmAbi + 'static>(
    target: &web_sys::EventTarget,
    event: &str,
    f: impl FnMut(E) + 'static,
) {
    let closure = Closure::<dyn FnMut(E)>::new(f);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

fn later(ms: i32, f: impl FnOnce() + 'static) {
    let closure = Closure::once_into_js(f);
    let _ =
        window().set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms);
}

/// Load the document and draw the grid into `#kisi` with `form`'s columns.
pub fn mount(doc_id: String, form: &'static FormKind) {
    wasm_bindgen_futures::spawn_local(async move {
        let Some(root) = document().get_element_by_id("kisi") else {
            return;
        };
        let root: HtmlElement = root.unchecked_into();
        match load(&doc_id).await {
            Ok(data) => start(root, data, form),
            Err(message) => {
                root.set_inner_html(&format!(
                    "<p class=\"galat-umum\" role=\"alert\" id=\"kisi-galat-muat\">Lembar kerja tidak dapat dimuat: {}</p>",
                    escape_html(&message)
                ));
            }
        }
    });
}

async fn fetch_text(request: &Request) -> Result<(u16, String), String> {
    let response = JsFuture::from(window().fetch_with_request(request))
        .await
        .map_err(|_| "koneksi ke server terputus".to_string())?;
    let response: Response = response.unchecked_into();
    let status = response.status();
    let text = JsFuture::from(
        response
            .text()
            .map_err(|_| "jawaban server tidak terbaca")?,
    )
    .await
    .map_err(|_| "jawaban server tidak terbaca".to_string())?;
    Ok((status, text.as_string().unwrap_or_default()))
}

/// A request to the JSON API with `json` as its body.
fn json_request(method: &str, url: &str, json: &str) -> Option<Request> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_body(&JsValue::from_str(json));
    let request = Request::new_with_str_and_init(url, &init).ok()?;
    request
        .headers()
        .set("Content-Type", "application/json")
        .ok()?;
    Some(request)
}

async fn load(doc_id: &str) -> Result<GridData, String> {
    let request = Request::new_with_str(&super::grid_data_href(doc_id))
        .map_err(|_| "alamat tidak sah".to_string())?;
    let (status, text) = fetch_text(&request).await?;
    mark("kisi-data");
    if status != 200 {
        let galat = serde_json::from_str::<Galat>(&text)
            .map(|g| g.galat)
            .unwrap_or_else(|_| format!("server menjawab {status}"));
        return Err(galat);
    }
    let data = serde_json::from_str(&text).map_err(|e| format!("data dokumen tidak terbaca ({e})"));
    mark("kisi-urai");
    data
}

/// A performance mark (the browser benchmark reads them).
fn mark(name: &str) {
    if let Some(p) = window().performance() {
        let _ = p.mark(name);
    }
}

#[derive(Deserialize)]
struct Galat {
    galat: String,
}

fn start(root: HtmlElement, data: GridData, form: &'static FormKind) {
    let model = GridModel::new(data, form);
    mark("kisi-model");
    // On a LAN the account's name is logged (the server takes it from the session anyway).
    let lan = !model.pelaku.is_lokal();
    let name = if lan {
        model.pelaku.nama.clone()
    } else {
        window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(NAME_KEY).ok().flatten())
            .unwrap_or_default()
    };
    let who = if lan {
        format!(
            "<span class=\"kisi-nama\" id=\"kisi-pengguna\">{} · {}{}</span>",
            escape_html(&model.pelaku.nama),
            model
                .pelaku
                .peran
                .map(crate::akses::Peran::label)
                .unwrap_or_default(),
            model
                .pelaku
                .bidang
                .as_deref()
                .map(|b| format!(" {}", escape_html(b)))
                .unwrap_or_default()
        )
    } else {
        format!(
            "<label class=\"kisi-nama\">Nama Anda <input id=\"kisi-nama\" maxlength=\"100\" value=\"{}\" autocomplete=\"name\"></label>",
            escape_html(&name)
        )
    };
    root.set_inner_html("");
    let toolbar = el("div", "kisi-alat");
    toolbar.set_inner_html(&format!(
        "<span class=\"kisi-garis\" role=\"group\" aria-label=\"Tingkat kerangka\">\
           <button type=\"button\" data-aksi=\"garis-1\" title=\"Tampilkan program saja\">1 Program</button>\
           <button type=\"button\" data-aksi=\"garis-2\" title=\"Tampilkan sampai kegiatan\">2 Kegiatan</button>\
           <button type=\"button\" data-aksi=\"garis-3\" title=\"Tampilkan semua baris\">3 Semua</button>\
         </span>\
         <button type=\"button\" data-aksi=\"batal\" id=\"kisi-batal\" title=\"Ctrl+Z\">↶ Batalkan</button>\
         <button type=\"button\" data-aksi=\"ulang\" id=\"kisi-ulang\" title=\"Ctrl+Y\">↷ Ulangi</button>\
         <button type=\"button\" data-aksi=\"panel\" id=\"kisi-panel-tombol\" title=\"Narasi dan sifat indikator baris aktif\">Panel baris</button>\
         <button type=\"button\" data-aksi=\"masalah\" id=\"kisi-masalah-tombol\">Daftar masalah</button>\
         <span id=\"kisi-jumlah-masalah\" class=\"redup\"></span>\
         {who}\
         <span id=\"kisi-status\" role=\"status\" aria-live=\"polite\"></span>"
    ));
    let message = el("p", "kisi-pesan");
    message.set_id("kisi-pesan");
    message.set_attribute("role", "alert").ok();
    let conflicts = el("div", "kisi-konflik");
    conflicts.set_id("kisi-konflik");
    let body = el("div", "kisi-badan");
    let scroller = el("div", "kisi-gulir");
    scroller.set_id("kisi-gulir");
    let header = el("div", "kisi-kepala");
    let canvas = el("div", "kisi-kanvas");
    canvas.set_id("kisi-kanvas");
    let editor: HtmlInputElement = document()
        .create_element("input")
        .expect("input")
        .unchecked_into();
    editor.set_class_name("kisi-editor");
    editor.set_id("kisi-editor");
    editor.set_attribute("aria-label", "Isi sel").ok();
    editor.set_attribute("autocomplete", "off").ok();
    editor.set_attribute("spellcheck", "false").ok();
    let side = el("aside", "kisi-samping");
    side.set_id("kisi-samping");
    let footer = el("div", "kisi-kaki");
    footer.set_id("kisi-kaki");
    let offsets = offsets(form);
    let total_w = offsets[form.columns.len()];
    style(&header, "width", &format!("{total_w}px"));
    style(&canvas, "width", &format!("{total_w}px"));
    header.set_inner_html(&header_html(&offsets, &model));
    canvas.append_child(&editor).ok();
    scroller.append_child(&header).ok();
    scroller.append_child(&canvas).ok();
    body.append_child(&scroller).ok();
    body.append_child(&side).ok();
    for part in [&toolbar, &message, &conflicts, &body, &footer] {
        root.append_child(part).ok();
    }
    if !lan {
        root.append_child(&name_dialog()).ok();
    }
    let status = document()
        .get_element_by_id("kisi-status")
        .expect("status")
        .unchecked_into::<HtmlElement>();
    let counts = document()
        .get_element_by_id("kisi-jumlah-masalah")
        .expect("jumlah masalah")
        .unchecked_into::<HtmlElement>();
    let grid = Rc::new(RefCell::new(Grid {
        model,
        root: root.clone(),
        scroller: scroller.clone(),
        header,
        canvas,
        editor: editor.clone(),
        status,
        message,
        footer,
        side,
        conflicts,
        counts,
        offsets,
        viewport: Viewport::default(),
        painted: None,
        drawn: BTreeMap::new(),
        cols: (usize::MAX, 0),
        mode: Mode::Nav,
        name,
        dragging: false,
        sending: false,
        offline: false,
        signed_out: false,
        side_view: Side::None,
        later_queued: false,
    }));
    {
        let mut g = grid.borrow_mut();
        g.read_viewport();
        g.resize_canvas();
        g.render();
        g.place_editor();
        g.update_footer();
        g.update_status();
        g.refresh_lists();
    }
    // A link into the grid (the Rekonsiliasi page's): opened at its cell.
    if let Some((row, cell)) = linked_cell() {
        let mut g = grid.borrow_mut();
        if g.model.go_to(row, cell) {
            g.reveal_active();
            g.render();
            g.place_editor();
            g.update_status();
        }
    }
    wire(&grid, &scroller, &editor);
    if let Some(app) = document().get_element_by_id("app") {
        app.class_list().add_1("kisi-aktif").ok();
    }
    root.set_attribute("data-siap", "true").ok();
    mark("kisi-siap");
}

/// The cell `?baris=&kolom=` of the page's address names, if any.
fn linked_cell() -> Option<(usize, Cell)> {
    let search = window().location().search().ok()?;
    let (mut row, mut cell) = (None, None);
    for pair in search.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some((k, v)) if k == super::ROW_QUERY => row = v.parse::<usize>().ok(),
            Some((k, v)) if k == super::CELL_QUERY => cell = Cell::parse_key(v),
            _ => {}
        }
    }
    Some((row?, cell?))
}

/// On a single PC, the dialog the first edit opens when this browser does not know the
/// officer's name yet: every change is logged under a name, so nothing is saved without one.
fn name_dialog() -> HtmlElement {
    let dialog = el("dialog", "dialog-nama");
    dialog.set_id(NAME_DIALOG);
    dialog
        .set_attribute("aria-labelledby", "dialog-nama-judul")
        .ok();
    dialog.set_inner_html(
        "<form method=\"dialog\">\
           <h2 id=\"dialog-nama-judul\">Siapa yang mengisi?</h2>\
           <p>Setiap perubahan dicatat di riwayat dokumen bersama nama pengisinya. \
              Nama Anda diingat di peramban ini, jadi cukup diisi sekali.</p>\
           <label>Nama Anda <input id=\"dialog-nama\" name=\"nama\" required maxlength=\"100\" autocomplete=\"name\"></label>\
           <p class=\"dialog-nama-tunggu\" id=\"dialog-nama-tunggu\"></p>\
           <div class=\"dialog-tombol\">\
             <button type=\"submit\" value=\"nanti\" formnovalidate class=\"sekunder\" id=\"dialog-nama-nanti\">Nanti</button>\
             <button type=\"submit\" value=\"simpan\" id=\"dialog-nama-simpan\">Simpan perubahan</button>\
           </div>\
         </form>",
    );
    dialog
}

fn header_html(offsets: &[u32], model: &GridModel) -> String {
    let columns = model.form.columns;
    let mut html = String::new();
    let mut c = 0;
    while c < columns.len() {
        let col = columns[c];
        let mut end = c + 1;
        while end < columns.len() && columns[end].group == col.group && !col.sub().is_empty() {
            end += 1;
        }
        let left = offsets[c];
        let width = offsets[end] - offsets[c];
        let locked = (c..end).any(|i| model.locked_column(i));
        let frozen = c < model.form.frozen;
        let class = format!(
            "hk{}{}{}",
            if frozen { " beku" } else { "" },
            if col.sub().is_empty() { " penuh" } else { "" },
            if locked { " terkunci" } else { "" }
        );
        let pos = if frozen {
            format!("left:{left}px;width:{width}px")
        } else {
            format!("left:{left}px;width:{width}px;position:absolute")
        };
        let lock = if locked { " 🔒 terkunci" } else { "" };
        html.push_str(&format!(
            "<div class=\"{class}\" style=\"{pos}\" data-kelompok=\"{}\">{}{lock}</div>",
            escape_html(col.group),
            escape_html(col.group)
        ));
        if !col.sub().is_empty() {
            for i in c..end {
                html.push_str(&format!(
                    "<div class=\"hk sub{}\" style=\"left:{}px;width:{}px;position:absolute\" data-c=\"{i}\">{}</div>",
                    if model.locked_column(i) { " terkunci" } else { "" },
                    offsets[i],
                    columns[i].width,
                    columns[i].sub()
                ));
            }
        }
        c = end;
    }
    html
}

impl Grid {
    fn frozen_width(&self) -> f64 {
        f64::from(self.offsets[self.model.form.frozen])
    }

    fn page_rows(&self) -> usize {
        ((self.viewport.height - HEAD_H) / ROW_H).floor().max(1.0) as usize
    }

    /// Read the scroller's position and size (on scroll, resize, and after scrolling it).
    fn read_viewport(&mut self) {
        self.viewport = Viewport {
            top: f64::from(self.scroller.scroll_top()),
            left: f64::from(self.scroller.scroll_left()),
            height: f64::from(self.scroller.client_height()),
            width: f64::from(self.scroller.client_width()),
        };
    }

    fn resize_canvas(&self) {
        let h = self.model.visible.len() * ROW_PX;
        style(&self.canvas, "height", &format!("{h}px"));
    }

    /// Draw the rows and columns in view; keep what is already drawn.
    fn render(&mut self) {
        let top = self.viewport.top;
        let height = self.viewport.height.max(ROW_H * 10.0);
        let n = self.model.visible.len();
        let first = ((top / ROW_H).floor() as usize)
            .saturating_sub(OVERSCAN)
            .min(n);
        let last = ((((top + height) / ROW_H).ceil() as usize) + OVERSCAN).min(n);
        let left = self.viewport.left + self.frozen_width();
        let right = self.viewport.left + self.viewport.width.max(800.0);
        let (frozen, n_cols) = (self.model.form.frozen, self.model.form.columns.len());
        let c0 = (frozen..n_cols)
            .find(|&c| f64::from(self.offsets[c + 1]) > left)
            .unwrap_or(frozen);
        let c1 = (c0..n_cols)
            .take_while(|&c| f64::from(self.offsets[c]) < right)
            .last()
            .unwrap_or(c0);
        if (c0, c1) != self.cols {
            self.cols = (c0, c1);
            for (_, (_, e, _)) in std::mem::take(&mut self.drawn) {
                e.remove();
            }
        }
        let stale: Vec<usize> = self
            .drawn
            .iter()
            .filter(|(p, (row, _, _))| {
                **p < first || **p >= last || self.model.visible.get(**p) != Some(row)
            })
            .map(|(p, _)| *p)
            .collect();
        for p in stale {
            if let Some((_, e, _)) = self.drawn.remove(&p) {
                e.remove();
            }
        }
        if self.drawn.is_empty() {
            // Every row is drawn afresh, with the selection as it is now.
            self.painted = Some(self.model.range());
        }
        for p in first..last {
            if !self.drawn.contains_key(&p) {
                let row = self.model.visible[p];
                let (e, cells) = self.build_row(p, row);
                self.canvas.append_child(&e).ok();
                self.drawn.insert(p, (row, e, cells));
            }
        }
    }

    fn build_row(&self, pos: usize, row: usize) -> (HtmlElement, Vec<(usize, HtmlElement)>) {
        let m = &self.model;
        let r = &m.doc.rows[row];
        let level = crate::format::kelas_level(r.level);
        let e = el("div", &format!("baris {level}"));
        e.set_attribute("data-baris", &row.to_string()).ok();
        style(&e, "top", &format!("{}px", pos * ROW_PX));
        let (top, bottom, l, rr) = m.range();
        let in_rows = (top..=bottom).contains(&pos);
        let frozen = m.form.frozen;
        let columns: Vec<usize> = (0..frozen).chain(self.cols.0..=self.cols.1).collect();
        // One string, one innerHTML: far quicker than a DOM call per cell from wasm.
        let mut html = String::with_capacity(columns.len() * 120);
        for &c in &columns {
            let col = m.form.columns[c];
            let mut class = String::from("sel");
            if c < frozen {
                class.push_str(" beku");
            }
            if col.number {
                class.push_str(" angka");
            }
            match col.kind {
                ColumnKind::Input(_) => {
                    if m.is_editable(row, c) {
                        class.push_str(" isi");
                    } else if m.locked_column(c) {
                        class.push_str(" terkunci");
                    } else {
                        class.push_str(" tetap");
                    }
                }
                ColumnKind::Computed(_) => class.push_str(" hitung"),
                _ => {}
            }
            let mut title = String::new();
            if let Some(p) = m.problem_at(row, c) {
                class.push_str(match p.severity {
                    Severity::Error => " m-galat",
                    Severity::Warning => " m-peringatan",
                    Severity::Info => " m-info",
                });
                title = format!(" title=\"{}\"", escape_html(&p.message));
            }
            if in_rows && (l..=rr).contains(&c) {
                class.push_str(" terpilih");
            }
            if m.active.row == row && m.active.col == c {
                class.push_str(" aktif");
            }
            if col.kind == ColumnKind::Nama {
                let notes: Vec<String> = m
                    .catatan
                    .iter()
                    .filter(|n| n.baris == row)
                    .map(|n| n.label())
                    .collect();
                if !notes.is_empty() {
                    class.push_str(" ada-catatan");
                    title = format!(" title=\"{}\"", escape_html(&notes.join("\n")));
                }
            }
            let content = if col.kind == ColumnKind::Nama {
                let indent = u32::from(r.level.rank());
                let fold = if m.foldable(row) {
                    format!(
                        "<span class=\"lipat\" data-lipat=\"{row}\" role=\"button\" aria-label=\"{}\">{}</span>",
                        if m.is_collapsed(row) { "Buka rincian" } else { "Ciutkan rincian" },
                        if m.is_collapsed(row) { "▸" } else { "▾" }
                    )
                } else {
                    "<span class=\"lipat kosong\"></span>".to_string()
                };
                format!(
                    "<span class=\"indentasi\" style=\"width:{}px\"></span>{fold}<span class=\"nama\">{}</span><span class=\"panel-buka\" data-panel=\"{row}\" role=\"button\" title=\"Narasi dan sifat indikator\">✎</span>",
                    indent * 14,
                    escape_html(&r.name)
                )
            } else {
                escape_html(&m.text(row, c))
            };
            html.push_str(&format!(
                "<div class=\"{class}\" style=\"left:{}px;width:{}px\" data-c=\"{c}\"{title}>{content}</div>",
                self.offsets[c], col.width
            ));
        }
        e.set_inner_html(&html);
        let children = e.children();
        let cells = columns
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| {
                children
                    .item(i as u32)
                    .map(|x| (c, x.unchecked_into::<HtmlElement>()))
            })
            .collect();
        (e, cells)
    }

    /// Redraw some document rows (after an edit).
    fn repaint(&mut self, rows: &[usize]) {
        for &row in rows {
            let Some(p) = self.model.position_of(row) else {
                continue;
            };
            if let Some((_, old, _)) = self.drawn.remove(&p) {
                let (e, cells) = self.build_row(p, row);
                old.replace_with_with_node_1(&e).ok();
                self.drawn.insert(p, (row, e, cells));
            }
        }
    }

    /// Mark the selection on the drawn cells.
    /// Mark the selection on the drawn cells: only the cells of the old and the new range are
    /// touched (rows drawn since carry their marks already).
    fn paint_selection(&mut self) {
        let (top, bottom, l, r) = self.model.range();
        let active = self.model.active;
        let (pt, pb, pl, pr) = self.painted.unwrap_or((top, bottom, l, r));
        let (rows, cols) = (top.min(pt)..=bottom.max(pb), l.min(pl)..=r.max(pr));
        for (p, (row, _, cells)) in self.drawn.range(rows) {
            let in_rows = (top..=bottom).contains(p);
            for (c, cell) in cells.iter().filter(|(c, _)| cols.contains(c)) {
                let list = cell.class_list();
                let _ = list.toggle_with_force("terpilih", in_rows && (l..=r).contains(c));
                let _ = list.toggle_with_force("aktif", *row == active.row && *c == active.col);
            }
        }
        self.painted = Some((top, bottom, l, r));
    }

    fn place_editor(&self) {
        let m = &self.model;
        let Some(p) = m.position_of(m.active.row) else {
            return;
        };
        let c = m.active.col;
        style(&self.editor, "top", &format!("{}px", p * ROW_PX));
        style(&self.editor, "left", &format!("{}px", self.offsets[c]));
        style(
            &self.editor,
            "width",
            &format!("{}px", m.form.columns[c].width.max(120)),
        );
        let _ = self
            .editor
            .class_list()
            .toggle_with_force("angka", m.form.columns[c].number);
    }

    /// Scroll so the active cell is in view, then draw.
    fn reveal_active(&mut self) {
        let m = &self.model;
        let Some(p) = m.position_of(m.active.row) else {
            return;
        };
        let y = p as f64 * ROW_H;
        let v = self.viewport;
        let view_h = v.height - HEAD_H;
        let mut top = v.top;
        if y < v.top {
            top = y;
        } else if y + ROW_H > v.top + view_h {
            top = (y + ROW_H - view_h).ceil();
        }
        let mut left = v.left;
        let c = m.active.col;
        if c >= m.form.frozen {
            let x0 = f64::from(self.offsets[c]);
            let x1 = f64::from(self.offsets[c + 1]);
            if x0 - self.frozen_width() < v.left {
                left = x0 - self.frozen_width();
            } else if x1 > v.left + v.width {
                left = (x1 - v.width).ceil();
            }
        }
        if top != v.top || left != v.left {
            self.scroller.set_scroll_top(top as i32);
            self.scroller.set_scroll_left(left as i32);
            self.read_viewport();
        }
        self.render();
        self.paint_selection();
        self.place_editor();
    }

    fn say(&self, text: &str) {
        self.message.set_text_content(Some(text));
        let _ = self
            .message
            .class_list()
            .toggle_with_force("tampil", !text.is_empty());
    }

    fn update_footer(&self) {
        let t = &self.model.state.computed().totals;
        self.footer.set_inner_html(&format!(
            "<span>Jumlah pagu seluruh program <strong id=\"kaki-pagu\">{}</strong></span>\
             <span>Realisasi <strong id=\"kaki-realisasi\">Rp {}</strong></span>\
             <span>Penyerapan <strong id=\"kaki-penyerapan\">{}</strong></span>\
             <span>Rata-rata capaian kinerja <strong id=\"kaki-capaian\">{}</strong></span>\
             <span>Predikat kinerja <strong id=\"kaki-predikat\">{}</strong></span>",
            crate::format::pagu(t),
            angka(t.realisasi_rp),
            persen(t.penyerapan_pct),
            persen(t.rata_rata_capaian),
            escape_html(t.predikat.as_deref().unwrap_or("-"))
        ));
    }

    fn update_status(&self) {
        let n = self.model.unsaved();
        let (text, class) = if self.signed_out {
            (
                format!("Sesi Anda berakhir: {n} perubahan menunggu. Masuk lagi (buka /masuk di tab baru); perubahan dikirim otomatis sesudahnya."),
                "terputus",
            )
        } else if self.offline {
            (
                format!("Koneksi terputus: {n} perubahan menunggu dan dikirim otomatis saat tersambung lagi."),
                "terputus",
            )
        } else if n > 0 && self.name.trim().is_empty() {
            (
                format!("{n} perubahan belum tersimpan: isi Nama Anda agar tersimpan."),
                "terputus",
            )
        } else if !self.model.conflicts.is_empty() {
            (
                "Ada sel yang diubah orang lain: pilih nilai yang dipakai.".to_string(),
                "konflik",
            )
        } else if n > 0 {
            (format!("Menyimpan {n} perubahan…"), "menyimpan")
        } else {
            ("Semua perubahan tersimpan.".to_string(), "tersimpan")
        };
        self.status.set_text_content(Some(&text));
        self.status.set_class_name(class);
        self.root
            .set_attribute("data-belum-tersimpan", &n.to_string())
            .ok();
        self.draw_conflicts();
    }

    fn draw_conflicts(&self) {
        let m = &self.model;
        if m.conflicts.is_empty() {
            self.conflicts.set_inner_html("");
            return;
        }
        let mut html = String::from("<h3>Sel diubah orang lain</h3><ul>");
        for (i, (c, mine)) in m.conflicts.iter().enumerate() {
            let name = match m.form.column_of_cell(c.kolom) {
                Some(col) => m.cell_name(c.baris, col),
                None => format!("Baris {}, {}", c.baris + 1, c.kolom.label()),
            };
            html.push_str(&format!(
                "<li data-konflik=\"{i}\">{}: nilai Anda <strong class=\"nilai-saya\">{}</strong>, nilai tersimpan <strong class=\"nilai-mereka\">{}</strong> \
                 <button type=\"button\" data-aksi=\"konflik-saya\" data-i=\"{i}\">Pakai nilai saya</button> \
                 <button type=\"button\" data-aksi=\"konflik-mereka\" data-i=\"{i}\">Pakai nilai tersimpan</button></li>",
                escape_html(&name),
                escape_html(&shown(mine)),
                escape_html(&shown(&c.nilai_sekarang)),
            ));
        }
        html.push_str("</ul>");
        self.conflicts.set_inner_html(&html);
    }

    /// Counts and the open side list; deferred after a commit so typing stays quick.
    fn refresh_lists(&mut self) {
        let (e, w, i) = self.model.problem_counts();
        self.counts
            .set_text_content(Some(&format!("{e} galat, {w} peringatan, {i} info")));
        match self.side_view {
            Side::Problems => self.draw_problems(),
            Side::Row(r) => {
                let shown = self
                    .side
                    .get_attribute("data-baris")
                    .and_then(|v| v.parse().ok());
                if shown == Some(r) {
                    // Typing in the panel is not interrupted: only the draft follows the data.
                    if let Some(d) = document().get_element_by_id("panel-draf") {
                        d.set_text_content(Some(&self.draft(r, self.model.quarter())));
                    }
                } else {
                    self.draw_panel(r);
                }
            }
            Side::None => {
                self.side.set_inner_html("");
                let _ = self.side.remove_attribute("data-baris");
            }
        }
        let _ = self
            .side
            .class_list()
            .toggle_with_force("terbuka", self.side_view != Side::None);
    }

    fn draw_problems(&self) {
        let (list, total) = self.model.problem_list(PROBLEM_LIST);
        let mut html = format!(
            "<div class=\"samping-kepala\"><h3>Masalah ({total})</h3><button type=\"button\" data-aksi=\"tutup\" aria-label=\"Tutup\">×</button></div>"
        );
        if total > list.len() {
            html.push_str(&format!(
                "<p class=\"keterangan\">Ditampilkan {} dari {total}, yang paling berat lebih dulu.</p>",
                list.len()
            ));
        }
        html.push_str("<ul id=\"kisi-daftar-masalah\">");
        let nama = self
            .model
            .form
            .column_of_kind(ColumnKind::Nama)
            .unwrap_or(0);
        for n in &self.model.catatan {
            html.push_str(&format!(
                "<li class=\"catatan\" data-baris=\"{}\" data-c=\"{nama}\" data-kode=\"catatan\" tabindex=\"0\"><span class=\"lokasi\">{}</span> {}</li>",
                n.baris,
                escape_html(&self.model.cell_name(n.baris, nama)),
                escape_html(&n.label())
            ));
        }
        for p in &list {
            let row = p.at.row.unwrap_or(0);
            let col =
                p.at.field
                    .and_then(|f| self.model.form.column_of_field(f))
                    .unwrap_or(nama);
            html.push_str(&format!(
                "<li class=\"tingkat-{}\" data-baris=\"{row}\" data-c=\"{col}\" data-kode=\"{}\" tabindex=\"0\"><span class=\"lokasi\">{}</span> {}</li>",
                nama_tingkat(p.severity).to_lowercase(),
                escape_html(&p.code),
                escape_html(&self.model.cell_name(row, col)),
                escape_html(&p.message)
            ));
        }
        html.push_str("</ul>");
        self.side.set_inner_html(&html);
        let _ = self.side.remove_attribute("data-baris");
    }

    fn draw_panel(&self, row: usize) {
        let m = &self.model;
        let Some(r) = m.doc.rows.get(row) else {
            return;
        };
        let q = m.quarter();
        let mut html = format!(
            "<div class=\"samping-kepala\"><h3>{}</h3><button type=\"button\" data-aksi=\"tutup\" aria-label=\"Tutup\">×</button></div>\
             <p class=\"keterangan\">{} · {}</p>",
            escape_html(&r.name),
            escape_html(r.kode_shown().unwrap_or("tanpa kode")),
            escape_html(if r.indicator.is_empty() { "tanpa indikator" } else { &r.indicator })
        );
        let notes: Vec<&crate::akses::Catatan> =
            m.catatan.iter().filter(|n| n.baris == row).collect();
        let may_note = !m.pelaku.is_lokal() && m.pelaku.boleh(crate::akses::Aksi::Catatan);
        if !notes.is_empty() || (may_note && !m.diajukan.is_empty()) {
            html.push_str("<h4>Catatan verifikasi</h4><ul class=\"panel-catatan\">");
            for n in &notes {
                html.push_str(&format!(
                    "<li>{} <span class=\"redup\">{}</span></li>",
                    escape_html(&n.label()),
                    escape_html(&crate::format::tanggal_jam(&n.waktu, m.zona))
                ));
            }
            html.push_str("</ul>");
            if may_note {
                for &tw in &m.diajukan {
                    let now = notes
                        .iter()
                        .find(|n| n.triwulan == tw)
                        .map(|n| n.teks.as_str())
                        .unwrap_or("");
                    html.push_str(&format!(
                        "<label>Catatan untuk Triwulan {} (kosongkan untuk menghapus)<textarea id=\"catatan-tw{tw}\" rows=\"2\" maxlength=\"2000\">{}</textarea></label>\
                         <button type=\"button\" data-aksi=\"simpan-catatan\" data-tw=\"{tw}\" data-baris=\"{row}\">Simpan catatan</button>",
                        romawi(tw),
                        escape_html(now)
                    ));
                }
            }
        }
        html.push_str("<h4>Sifat indikator</h4><div class=\"panel-sifat\">");
        for cell in [
            Cell::Agregasi,
            Cell::Polaritas,
            Cell::Batas100,
            Cell::JenisNilai,
        ] {
            let current = edit::display(&edit::get(r, cell));
            let Some(choices) = edit::choices(cell) else {
                continue;
            };
            html.push_str(&format!(
                "<label>{}<select data-sel=\"{}\" data-baris=\"{row}\"{}>",
                escape_html(&cell.label()),
                cell.key(),
                disabled(m.editable_cell(row, cell).is_err())
            ));
            for (key, label) in choices {
                html.push_str(&format!(
                    "<option value=\"{key}\"{}>{}</option>",
                    if *key == current { " selected" } else { "" },
                    escape_html(label)
                ));
            }
            html.push_str("</select></label>");
        }
        html.push_str(&format!(
            "<label>Satuan<input data-sel=\"satuan\" data-baris=\"{row}\" value=\"{}\" maxlength=\"100\"{}></label></div>",
            escape_html(r.unit.as_deref().unwrap_or("")),
            disabled(m.editable_cell(row, Cell::Unit).is_err())
        ));
        html.push_str(&format!(
            "<h4>Draf otomatis Triwulan {}</h4><p id=\"panel-draf\" class=\"draf\">{}</p>\
             <button type=\"button\" data-aksi=\"pakai-draf\" data-baris=\"{row}\" id=\"pakai-draf\"{}>Pakai draf sebagai keterangan Triwulan {}</button>",
            romawi(q),
            escape_html(&self.draft(row, q)),
            disabled(m.editable_cell(row, Cell::KeteranganTw(q)).is_err()),
            romawi(q)
        ));
        for tw in 1..=4u8 {
            let locked = m.kunci.contains(&tw);
            html.push_str(&format!(
                "<details class=\"panel-tw\" data-tw=\"{tw}\"{}><summary>Narasi Triwulan {}{}</summary>",
                if tw == q { " open" } else { "" },
                romawi(tw),
                if locked { " (terkunci)" } else { "" }
            ));
            for cell in [
                Cell::Pendorong(tw),
                Cell::Penghambat(tw),
                Cell::TindakLanjut(tw),
                Cell::KeteranganTw(tw),
            ] {
                html.push_str(&format!(
                    "<label>{}<textarea data-sel=\"{}\" data-baris=\"{row}\" rows=\"2\"{}>{}</textarea></label>",
                    escape_html(&cell.label()),
                    cell.key(),
                    disabled(m.editable_cell(row, cell).is_err()),
                    escape_html(&edit::display(&edit::get(r, cell)))
                ));
            }
            html.push_str("</details>");
        }
        let problems = m.state.row_problems(row);
        if !problems.is_empty() {
            html.push_str("<h4>Masalah baris ini</h4><ul>");
            for p in problems {
                html.push_str(&format!(
                    "<li class=\"tingkat-{}\">{}</li>",
                    nama_tingkat(p.severity).to_lowercase(),
                    escape_html(&p.message)
                ));
            }
            html.push_str("</ul>");
        }
        self.side.set_inner_html(&html);
        self.side.set_attribute("data-baris", &row.to_string()).ok();
    }

    fn draft(&self, row: usize, q: u8) -> String {
        let m = &self.model;
        let r = &m.doc.rows[row];
        let c = &m.state.computed().rows[row];
        let e = m.state.effective_rp(row);
        let upto = usize::from(q);
        let realisasi = e.tw[..upto]
            .iter()
            .flatten()
            .fold(None, |acc: Option<rust_decimal::Decimal>, v| {
                Some(acc.unwrap_or_default() + v)
            });
        let tw_k: Vec<Option<capaian_domain::model::KValue>> =
            r.tw.iter().take(upto).map(|p| p.k.clone()).collect();
        let realisasi_k = capaian_domain::indicator::aggregate(&r.semantics, &tw_k);
        capaian_domain::narasi::draft(&capaian_domain::narasi::DraftInput {
            quarter: q,
            realisasi_rp_sd: realisasi,
            pagu_rp: e.target,
            indikator: &r.indicator,
            satuan: r.unit.as_deref(),
            target_k: r.target.k.as_ref(),
            realisasi_k_sd: realisasi_k.as_ref(),
            capaian_pct: if q == m.quarter() {
                c.capaian_sd_tw
            } else {
                None
            },
            predikat: if q == m.quarter() {
                c.rating.as_deref()
            } else {
                None
            },
        })
    }
}

/// The `disabled` attribute of a control the person may not use.
fn disabled(yes: bool) -> &'static str {
    if yes {
        " disabled"
    } else {
        ""
    }
}

/// A value as the conflict box shows it.
fn shown(v: &CellValue) -> String {
    match v {
        CellValue::Empty => "(kosong)".into(),
        v => edit::display(v),
    }
}

// ----- actions ---------------------------------------------------------------------------------

/// After edits: repaint, footer, save; lists a moment later.
fn after_commit(grid: &Shared, rows: &[usize]) {
    {
        let mut g = grid.borrow_mut();
        g.repaint(rows);
        g.paint_selection();
        g.update_footer();
        g.update_status();
    }
    lists_later(grid);
    // Sent just after the frame that shows the edit: the request is not part of the keystroke.
    let g = grid.clone();
    later(20, move || save(&g));
}

fn lists_later(grid: &Shared) {
    if grid.borrow().later_queued {
        return;
    }
    grid.borrow_mut().later_queued = true;
    let g = grid.clone();
    later(30, move || {
        let mut g = g.borrow_mut();
        g.later_queued = false;
        g.refresh_lists();
    });
}

fn open_editor(grid: &Shared, mode: Mode, initial: Option<String>) -> bool {
    let mut g = grid.borrow_mut();
    let (row, col) = (g.model.active.row, g.model.active.col);
    if let Err(reason) = g.model.editable(row, col) {
        g.say(&reason);
        g.editor.set_value("");
        return false;
    }
    let value = match initial {
        Some(v) => v,
        None => match g.model.form.columns[col].kind {
            ColumnKind::Input(cell) => g.model.edit_text(row, cell),
            _ => String::new(),
        },
    };
    g.mode = mode;
    g.editor.set_value(&value);
    g.editor.class_list().add_1("terbuka").ok();
    g.say("");
    true
}

fn close_editor(g: &mut Grid) {
    g.mode = Mode::Nav;
    g.editor.set_value("");
    g.editor.class_list().remove_1("terbuka").ok();
}

/// Commit what the editor holds. False (and the editor stays open) when it is not a value
/// the cell takes.
fn commit_editor(grid: &Shared) -> bool {
    let parsed = {
        let g = grid.borrow();
        if g.mode == Mode::Nav {
            return true;
        }
        let raw = g.editor.value();
        g.model
            .parse_at(g.model.active.row, g.model.active.col, &raw)
    };
    match parsed {
        Ok(edit) => {
            let rows = {
                let mut g = grid.borrow_mut();
                close_editor(&mut g);
                g.model.commit(vec![edit])
            };
            after_commit(grid, &rows);
            true
        }
        Err(reason) => {
            grid.borrow().say(&reason);
            false
        }
    }
}

fn apply_edits(grid: &Shared, edits: Result<Vec<(usize, Cell, CellValue)>, String>, select: bool) {
    match edits {
        Err(reason) => grid.borrow().say(&reason),
        Ok(edits) => {
            let rows = {
                let mut g = grid.borrow_mut();
                g.say("");
                if select {
                    g.model.select_edits(&edits);
                    // The editor follows the active cell (typing must land where it shows).
                    g.place_editor();
                }
                g.model.commit(edits)
            };
            after_commit(grid, &rows);
        }
    }
}

fn move_active(grid: &Shared, to: Move, extend: bool) {
    let mut g = grid.borrow_mut();
    let page = g.page_rows();
    g.model.move_to(to, extend, page);
    g.reveal_active();
}

fn undo_redo(grid: &Shared, back: bool) {
    let result = {
        let mut g = grid.borrow_mut();
        if back {
            g.model.undo()
        } else {
            g.model.redo()
        }
    };
    match result {
        Ok((rows, pos)) => {
            if let Some(p) = pos {
                let mut g = grid.borrow_mut();
                g.model.reveal(p.row);
                g.model.select(p.row, p.col, false);
                g.resize_canvas();
                g.reveal_active();
            }
            after_commit(grid, &rows);
        }
        Err(reason) => grid
            .borrow()
            .say(&format!("Tidak dapat dibatalkan/diulang: {reason}")),
    }
}

fn relayout(grid: &Shared) {
    let mut g = grid.borrow_mut();
    for (_, (_, e, _)) in std::mem::take(&mut g.drawn) {
        e.remove();
    }
    g.resize_canvas();
    g.read_viewport();
    g.reveal_active();
}

fn on_key(grid: &Shared, e: &KeyboardEvent) {
    if e.is_composing() || e.key_code() == 229 {
        return;
    }
    let key = e.key();
    let code = e.code();
    let k = KeyPress {
        key: &key,
        code: &code,
        ctrl: e.ctrl_key() || e.meta_key(),
        shift: e.shift_key(),
        alt: e.alt_key(),
    };
    let mode = grid.borrow().mode;
    if mode != Mode::Nav {
        match keys::editing(&k, mode == Mode::Typed) {
            EditAction::Commit(to) => {
                e.prevent_default();
                if commit_editor(grid) {
                    move_active(grid, to, false);
                }
            }
            EditAction::Cancel => {
                e.prevent_default();
                let mut g = grid.borrow_mut();
                close_editor(&mut g);
                g.say("");
            }
            EditAction::None => {}
        }
        return;
    }
    match keys::navigate(&k) {
        Action::None => {}
        action => {
            e.prevent_default();
            match action {
                Action::Move { to, extend } => move_active(grid, to, extend),
                Action::Next(to) => move_active(grid, to, false),
                Action::SelectAll => {
                    let mut g = grid.borrow_mut();
                    g.model.select_all();
                    g.paint_selection();
                }
                Action::Edit => {
                    open_editor(grid, Mode::Edit, None);
                }
                Action::Clear => {
                    let edits = grid.borrow().model.clear_edits();
                    apply_edits(grid, edits, false);
                }
                Action::FillDown => {
                    let edits = grid.borrow().model.fill_down_edits();
                    apply_edits(grid, edits, false);
                }
                Action::Undo => undo_redo(grid, true),
                Action::Redo => undo_redo(grid, false),
                Action::Collapse => {
                    let mut g = grid.borrow_mut();
                    let a = g.model.active;
                    g.model.select(a.row, a.col, false);
                    g.paint_selection();
                    g.say("");
                }
                Action::None => {}
            }
        }
    }
}

/// The cell under a mouse event: (document row, column), or a fold/panel button.
enum Hit {
    Cell(usize, usize),
    Fold(usize),
    Panel(usize),
}

fn hit(e: &MouseEvent) -> Option<Hit> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    if let Some(v) = target.get_attribute("data-lipat") {
        return v.parse().ok().map(Hit::Fold);
    }
    if let Some(v) = target.get_attribute("data-panel") {
        return v.parse().ok().map(Hit::Panel);
    }
    let cell = target.closest(".sel").ok()??;
    let col: usize = cell.get_attribute("data-c")?.parse().ok()?;
    let row: usize = cell
        .closest(".baris")
        .ok()??
        .get_attribute("data-baris")?
        .parse()
        .ok()?;
    Some(Hit::Cell(row, col))
}

fn open_side(grid: &Shared, side: Side) {
    let mut g = grid.borrow_mut();
    g.side_view = side;
    g.refresh_lists();
    // The side column takes width from the grid.
    g.read_viewport();
    g.render();
}

fn save(grid: &Shared) {
    let batch = {
        let mut g = grid.borrow_mut();
        if g.sending || g.name.trim().is_empty() {
            g.update_status();
            let ask = !g.sending && g.model.unsaved() > 0 && g.model.pelaku.is_lokal();
            drop(g);
            if ask {
                // Outside the borrow: opening the dialog moves the focus, and the editor's
                // own listeners borrow the grid.
                ask_name(grid);
            }
            return;
        }
        let Some(batch) = g.model.take_batch() else {
            g.update_status();
            return;
        };
        g.sending = true;
        g.update_status();
        (
            (g.model.doc_id.clone(), g.model.bentuk),
            g.name.trim().to_string(),
            batch,
        )
    };
    let grid = grid.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let ((doc, bentuk), oleh, batch) = batch;
        let body = SimpanSel {
            oleh,
            bentuk,
            perubahan: batch
                .iter()
                .map(|e| SelDikirim {
                    baris: e.baris,
                    kolom: e.kolom.key(),
                    nilai: NilaiDikirim::Teks(edit::display(&e.nilai)),
                    versi: e.versi,
                })
                .collect(),
        };
        let result = send(&doc, &body).await;
        let retry = {
            let mut g = grid.borrow_mut();
            g.sending = false;
            match result {
                Ok(outcome) => {
                    g.offline = false;
                    g.signed_out = false;
                    let (answer, rows) = g.model.answer(outcome);
                    g.repaint(&rows);
                    g.paint_selection();
                    g.update_footer();
                    match answer {
                        Answer::Saved => {}
                        Answer::Conflicts => g.say("Sebagian sel sudah diubah orang lain sejak Anda memuatnya: pilih nilai yang dipakai."),
                        Answer::Refused(m) => {
                            g.say(&m);
                            // Locks may have changed: header and rows are drawn again.
                            g.header.set_inner_html(&header_html(&g.offsets, &g.model));
                            for (_, (_, e, _)) in std::mem::take(&mut g.drawn) {
                                e.remove();
                            }
                            g.render();
                        }
                    }
                    false
                }
                Err(SendError::Offline) => {
                    g.model.requeue();
                    g.offline = true;
                    true
                }
                Err(SendError::SignedOut) => {
                    // The session ended (logout elsewhere, 12 hours, a new password): keep the
                    // edits and send them once the person has logged in again in any tab.
                    g.model.requeue();
                    g.signed_out = true;
                    true
                }
                Err(SendError::Server(m)) => {
                    g.model.requeue();
                    g.say(&format!(
                        "Server sedang bermasalah ({m}); perubahan disimpan lagi sebentar lagi."
                    ));
                    true
                }
            }
        };
        grid.borrow().update_status();
        lists_later(&grid);
        if retry {
            let g2 = grid.clone();
            later(2000, move || save(&g2));
        } else {
            save(&grid);
        }
    });
}

enum SendError {
    Offline,
    /// 401: no session any more (LAN mode).
    SignedOut,
    Server(String),
}

async fn send(doc: &str, body: &SimpanSel) -> Result<EditOutcome, SendError> {
    let json = serde_json::to_string(body).map_err(|e| SendError::Server(e.to_string()))?;
    let request = json_request("PATCH", &format!("/api/v1/dokumen/{doc}/sel"), &json)
        .ok_or_else(|| SendError::Server("permintaan tidak sah".into()))?;
    let (status, text) = fetch_text(&request).await.map_err(|_| SendError::Offline)?;
    let bad = |what: &str| SendError::Server(format!("jawaban {what} tidak terbaca"));
    match status {
        200 => {
            let a: SelTersimpan = serde_json::from_str(&text).map_err(|_| bad("simpan"))?;
            Ok(EditOutcome::Applied {
                versi: a.versi,
                sel: a.sel,
                turunan: a.turunan,
                ditambah: 0,
            })
        }
        409 => match serde_json::from_str::<SelBentrok>(&text) {
            Ok(c) => Ok(EditOutcome::Conflict(
                c.konflik.into_iter().map(CellConflict::from).collect(),
            )),
            Err(_) => match serde_json::from_str::<BarisBerubah>(&text) {
                Ok(b) => Ok(EditOutcome::RowsChanged { bentuk: b.bentuk }),
                Err(_) => Err(SendError::Server(galat_of(&text, status))),
            },
        },
        401 => Err(SendError::SignedOut),
        423 => {
            let l: SelTerkunci = serde_json::from_str(&text).map_err(|_| bad("kunci"))?;
            Ok(EditOutcome::Locked {
                baris: l.baris,
                kolom: l.kolom,
                triwulan: l.triwulan,
            })
        }
        400..=499 => Ok(EditOutcome::Invalid(galat_of(&text, status))),
        _ => Err(SendError::Server(galat_of(&text, status))),
    }
}

/// Sends a verifier's note on a row; shows it on the row once the server has it.
fn save_note(grid: &Shared, tw: u8, row: usize) {
    let Some(text) = document()
        .get_element_by_id(&format!("catatan-tw{tw}"))
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
        .map(|t| t.value().trim().to_string())
    else {
        return;
    };
    let (doc, bentuk) = {
        let g = grid.borrow();
        (g.model.doc_id.clone(), g.model.bentuk)
    };
    let grid = grid.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let body = serde_json::json!({
            "triwulan": tw, "baris": row, "catatan": text, "bentuk": bentuk,
        });
        let Some(request) = json_request(
            "POST",
            &format!("/api/v1/dokumen/{doc}/catatan"),
            &body.to_string(),
        ) else {
            return;
        };
        let answer = fetch_text(&request).await;
        let mut g = grid.borrow_mut();
        match answer {
            Ok((200, _)) => {
                let oleh = g.model.pelaku.nama.clone();
                g.model
                    .catatan
                    .retain(|n| !(n.triwulan == tw && n.baris == row));
                if !text.is_empty() {
                    g.model.catatan.push(crate::akses::Catatan {
                        triwulan: tw,
                        baris: row,
                        teks: text,
                        oleh,
                        waktu: String::from(js_sys::Date::new_0().to_iso_string()),
                    });
                }
                g.repaint(&[row]);
                g.draw_panel(row);
                g.say("");
                g.status.set_text_content(Some("Catatan disimpan."));
            }
            Ok((status, text)) => g.say(&galat_of(&text, status)),
            Err(_) => g.say("Catatan belum tersimpan: tidak tersambung ke server Capaian."),
        }
    });
}

fn galat_of(text: &str, status: u16) -> String {
    serde_json::from_str::<Galat>(text)
        .map(|g| g.galat)
        .unwrap_or_else(|_| format!("status {status}"))
}

// ----- wiring --------------------------------------------------------------------------------

fn wire(grid: &Shared, scroller: &HtmlElement, editor: &HtmlInputElement) {
    let g = grid.clone();
    listen(scroller, "scroll", move |_: Event| {
        // New rows are drawn with their selection marks; the others keep theirs.
        if let Ok(mut g) = g.try_borrow_mut() {
            g.read_viewport();
            g.render();
        }
    });

    let g = grid.clone();
    listen(&window(), "resize", move |_: Event| {
        if let Ok(mut g) = g.try_borrow_mut() {
            g.read_viewport();
            g.render();
        }
    });

    let g = grid.clone();
    listen(editor, "keydown", move |e: KeyboardEvent| on_key(&g, &e));

    let g = grid.clone();
    listen(editor, "input", move |_: Event| {
        let mode = g.borrow().mode;
        if mode == Mode::Nav {
            // The typed character stays in the editor: typing replaces the cell.
            let typed = g.borrow().editor.value();
            open_editor(&g, Mode::Typed, Some(typed));
        }
    });

    let g = grid.clone();
    listen(editor, "compositionstart", move |_: Event| {
        if g.borrow().mode == Mode::Nav {
            let (row, col) = {
                let b = g.borrow();
                (b.model.active.row, b.model.active.col)
            };
            if g.borrow().model.editable(row, col).is_ok() {
                let mut b = g.borrow_mut();
                b.mode = Mode::Typed;
                b.editor.class_list().add_1("terbuka").ok();
            }
        }
    });

    let g = grid.clone();
    listen(editor, "blur", move |_: Event| {
        if g.borrow().mode != Mode::Nav && !commit_editor(&g) {
            let mut b = g.borrow_mut();
            close_editor(&mut b);
        }
    });

    let g = grid.clone();
    listen(editor, "copy", move |e: ClipboardEvent| {
        if g.borrow().mode != Mode::Nav {
            return;
        }
        e.prevent_default();
        copy_to(&g, &e);
    });

    let g = grid.clone();
    listen(editor, "cut", move |e: ClipboardEvent| {
        if g.borrow().mode != Mode::Nav {
            return;
        }
        e.prevent_default();
        copy_to(&g, &e);
        let edits = g.borrow().model.clear_edits();
        apply_edits(&g, edits, false);
    });

    let g = grid.clone();
    listen(editor, "paste", move |e: ClipboardEvent| {
        if g.borrow().mode != Mode::Nav {
            return;
        }
        e.prevent_default();
        let Some(data) = e.clipboard_data() else {
            return;
        };
        let html = data.get_data("text/html").ok().filter(|s| !s.is_empty());
        let text = data.get_data("text/plain").ok().filter(|s| !s.is_empty());
        let block = parse_clipboard(html.as_deref(), text.as_deref());
        let edits = g.borrow().model.paste_edits(&block);
        apply_edits(&g, edits, true);
    });

    let canvas = grid.borrow().canvas.clone();
    let g = grid.clone();
    listen(&canvas, "mousedown", move |e: MouseEvent| {
        let Some(h) = hit(&e) else {
            return;
        };
        if e.button() != 0 {
            return;
        }
        e.prevent_default();
        if g.borrow().mode != Mode::Nav && !commit_editor(&g) {
            return;
        }
        match h {
            Hit::Fold(row) => {
                g.borrow_mut().model.toggle(row);
                relayout(&g);
            }
            Hit::Panel(row) => {
                {
                    let mut b = g.borrow_mut();
                    b.model.select(row, 1, false);
                    b.paint_selection();
                    b.place_editor();
                }
                open_side(&g, Side::Row(row));
            }
            Hit::Cell(row, col) => {
                let mut b = g.borrow_mut();
                b.model.select(row, col, e.shift_key());
                b.dragging = true;
                b.paint_selection();
                b.place_editor();
                let _ = b.editor.focus();
                if let Side::Row(_) = b.side_view {
                    b.side_view = Side::Row(row);
                    b.refresh_lists();
                }
            }
        }
    });

    let g = grid.clone();
    listen(&canvas, "mousemove", move |e: MouseEvent| {
        if !g.borrow().dragging || e.buttons() & 1 == 0 {
            return;
        }
        if let Some(Hit::Cell(row, col)) = hit(&e) {
            let mut b = g.borrow_mut();
            if b.model.active.row != row || b.model.active.col != col {
                b.model.select(row, col, true);
                b.paint_selection();
            }
        }
    });

    let g = grid.clone();
    listen(&window(), "mouseup", move |_: MouseEvent| {
        if let Ok(mut b) = g.try_borrow_mut() {
            b.dragging = false;
        }
    });

    let g = grid.clone();
    listen(&canvas, "dblclick", move |e: MouseEvent| {
        if let Some(Hit::Cell(..)) = hit(&e) {
            if open_editor(&g, Mode::Edit, None) {
                let _ = g.borrow().editor.focus();
            }
        }
    });

    let g = grid.clone();
    let root = grid.borrow().root.clone();
    listen(&root, "click", move |e: MouseEvent| {
        let Some(target) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if let Ok(Some(item)) = target.closest("#kisi-daftar-masalah li") {
            let row = item
                .get_attribute("data-baris")
                .and_then(|v| v.parse().ok());
            let col = item.get_attribute("data-c").and_then(|v| v.parse().ok());
            if let (Some(row), Some(col)) = (row, col) {
                jump(&g, row, col);
            }
            return;
        }
        let Ok(Some(button)) = target.closest("[data-aksi]") else {
            return;
        };
        let aksi = button.get_attribute("data-aksi").unwrap_or_default();
        let index = button
            .get_attribute("data-i")
            .and_then(|v| v.parse::<usize>().ok());
        match aksi.as_str() {
            "garis-1" | "garis-2" | "garis-3" => {
                let level = aksi.as_bytes()[6] - b'0';
                g.borrow_mut().model.outline_level(level);
                relayout(&g);
            }
            "batal" => undo_redo(&g, true),
            "ulang" => undo_redo(&g, false),
            "masalah" => {
                let next = if g.borrow().side_view == Side::Problems {
                    Side::None
                } else {
                    Side::Problems
                };
                open_side(&g, next);
            }
            "panel" => {
                let row = g.borrow().model.active.row;
                open_side(&g, Side::Row(row));
            }
            "tutup" => open_side(&g, Side::None),
            "simpan-catatan" => {
                let tw = button
                    .get_attribute("data-tw")
                    .and_then(|v| v.parse::<u8>().ok());
                let row = button
                    .get_attribute("data-baris")
                    .and_then(|v| v.parse::<usize>().ok());
                if let (Some(tw), Some(row)) = (tw, row) {
                    save_note(&g, tw, row);
                }
            }
            "konflik-saya" | "konflik-mereka" => {
                if let Some(i) = index {
                    let rows = g.borrow_mut().model.resolve(i, aksi == "konflik-saya");
                    after_commit(&g, &rows);
                }
            }
            "pakai-draf" => {
                let edit = {
                    let b = g.borrow();
                    let row = b.model.active.row;
                    let row = match b.side_view {
                        Side::Row(r) => r,
                        _ => row,
                    };
                    let q = b.model.quarter();
                    let text = b.draft(row, q);
                    b.model
                        .editable_cell(row, Cell::KeteranganTw(q))
                        .and_then(|_| {
                            edit::parse_input(Cell::KeteranganTw(q), &text)
                                .map_err(|e| e.to_string())
                        })
                        .map(|v| vec![(row, Cell::KeteranganTw(q), v)])
                };
                apply_edits(&g, edit, false);
                let mut b = g.borrow_mut();
                let _ = b.side.remove_attribute("data-baris");
                b.refresh_lists();
            }
            _ => {}
        }
    });

    // Panel inputs: a changed select, text field or textarea is one committed edit.
    let g = grid.clone();
    listen(&root, "change", move |e: Event| {
        let Some(target) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        if target.id() == "kisi-nama" {
            return;
        }
        let (Some(key), Some(row)) = (
            target.get_attribute("data-sel"),
            target
                .get_attribute("data-baris")
                .and_then(|v| v.parse::<usize>().ok()),
        ) else {
            return;
        };
        let value = if let Some(s) = target.dyn_ref::<HtmlSelectElement>() {
            s.value()
        } else if let Some(t) = target.dyn_ref::<HtmlTextAreaElement>() {
            t.value()
        } else if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
            i.value()
        } else {
            return;
        };
        let edit = match Cell::parse_key(&key) {
            None => Err(format!("Kolom '{key}' tidak dikenal.")),
            Some(cell) => g
                .borrow()
                .model
                .editable_cell(row, cell)
                .and_then(|_| edit::parse_input(cell, &value).map_err(|e| e.to_string()))
                .map(|v| vec![(row, cell, v)]),
        };
        apply_edits(&g, edit, false);
    });

    let g = grid.clone();
    if let Some(name) = document().get_element_by_id("kisi-nama") {
        listen(&name, "input", move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            set_name(&g, input.value());
        });
    }

    // The name dialog: "Simpan perubahan" names the officer and sends what waited.
    let g = grid.clone();
    if let Some(dialog) = document()
        .get_element_by_id(NAME_DIALOG)
        .and_then(|e| e.dyn_into::<HtmlDialogElement>().ok())
    {
        let d = dialog.clone();
        listen(&dialog, "close", move |_: Event| {
            let typed = document()
                .get_element_by_id("dialog-nama")
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            if d.return_value() == "simpan" && !typed.trim().is_empty() {
                if let Some(toolbar) = document()
                    .get_element_by_id("kisi-nama")
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                {
                    toolbar.set_value(typed.trim());
                }
                set_name(&g, typed);
            }
            let _ = g.borrow().editor.focus();
        });
    }

    // Leaving the page while edits wait for a name would lose them: the browser asks first.
    let g = grid.clone();
    listen(&window(), "beforeunload", move |e: BeforeUnloadEvent| {
        let g = g.borrow();
        if g.model.unsaved() > 0 && g.name.trim().is_empty() && g.model.pelaku.is_lokal() {
            e.prevent_default();
            e.set_return_value("Perubahan belum tersimpan.");
        }
    });

    let g = grid.clone();
    listen(&window(), "online", move |_: Event| {
        g.borrow_mut().offline = false;
        save(&g);
    });
}

/// Opens the name dialog (single PC, edits waiting, no name yet). Called with the grid not
/// borrowed.
fn ask_name(grid: &Shared) {
    let Some(dialog) = document()
        .get_element_by_id(NAME_DIALOG)
        .and_then(|e| e.dyn_into::<HtmlDialogElement>().ok())
    else {
        return;
    };
    if dialog.open() {
        return;
    }
    let n = grid.borrow().model.unsaved();
    if let Some(wait) = document().get_element_by_id("dialog-nama-tunggu") {
        wait.set_text_content(Some(&format!(
            "{n} perubahan menunggu disimpan sampai nama diisi."
        )));
    }
    if dialog.show_modal().is_ok() {
        if let Some(input) = document()
            .get_element_by_id("dialog-nama")
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            let _ = input.focus();
        }
    }
}

/// The officer's name on a single PC: remembered in this browser, then what waited is sent.
fn set_name(grid: &Shared, value: String) {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.set_item(NAME_KEY, value.trim());
    }
    grid.borrow_mut().name = value;
    save(grid);
}

fn copy_to(grid: &Shared, e: &ClipboardEvent) {
    let block = grid.borrow().model.copy_block();
    if let Some(data) = e.clipboard_data() {
        let _ = data.set_data("text/plain", &to_tsv(&block));
        let _ = data.set_data("text/html", &to_html(&block));
    }
}

fn jump(grid: &Shared, row: usize, col: usize) {
    {
        let mut g = grid.borrow_mut();
        g.model.reveal(row);
        g.model.select(row, col, false);
    }
    relayout(grid);
    let _ = grid.borrow().editor.focus();
}
