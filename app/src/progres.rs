//! Progress of long work in the page (hydrated only): the pages stay plain forms and links that
//! work without JavaScript; once the bundle runs, these listeners on the document show what is
//! happening instead of a page that seems to hang.
//!
//! - A form marked `data-unggah` (the workbook upload) is sent with its upload progress
//!   (`Mengunggah 45% — 3,2 dari 7,1 MB`), then says the server is reading and computing, and
//!   goes where the server's answer leads (the new document, or back with the reason).
//! - A link marked `data-unduh` (exports, the filled template) is fetched with the seconds
//!   counted on the link, then saved under the server's file name.
//! - A form marked `data-proses="…"` (submissions, budget change) shows that text on its button
//!   while the page waits for the server.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, FormData, HtmlAnchorElement, HtmlButtonElement, HtmlElement, HtmlFormElement,
    ProgressEvent, XmlHttpRequest,
};

/// Installs the listeners once per page load.
pub fn install() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .body()
        .is_some_and(|b| b.has_attribute("data-progres"))
    {
        return;
    }
    if let Some(body) = document.body() {
        let _ = body.set_attribute("data-progres", "siap");
    }
    let on_submit = Closure::<dyn FnMut(Event)>::new(|e: Event| {
        let Some(form) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        if form.has_attribute("data-unggah") {
            e.prevent_default();
            upload(&form);
        } else if let Some(text) = form.get_attribute("data-proses") {
            busy(&form, &text);
        }
    });
    let _ = document.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();
    let on_click = Closure::<dyn FnMut(Event)>::new(|e: Event| {
        let Some(link) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("a[data-unduh]").ok().flatten())
            .and_then(|t| t.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        if link.get_attribute("aria-busy").as_deref() == Some("true") {
            e.prevent_default();
            return;
        }
        e.prevent_default();
        wasm_bindgen_futures::spawn_local(download(link));
    });
    let _ = document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
}

/// The form's submit button, disabled with `text` on it.
fn busy(form: &HtmlFormElement, text: &str) {
    if let Ok(Some(button)) = form.query_selector("button[type=submit], button:not([type])") {
        if let Ok(button) = button.dyn_into::<HtmlButtonElement>() {
            button.set_disabled(true);
            button.set_text_content(Some(text));
        }
    }
    let _ = form.set_attribute("aria-busy", "true");
}

/// `3,2` (megabytes to one decimal, Indonesian decimal comma). Integer formatting: printing an
/// f64 would pull the float printer (14 KB) into the bundle.
fn mb(bytes: f64) -> String {
    let tenths = (bytes / 104_857.6).round() as u64;
    format!("{},{}", tenths / 10, tenths % 10)
}

/// The status line of a form (created under it on first use).
fn status_of(form: &HtmlFormElement) -> Option<HtmlElement> {
    let document = web_sys::window()?.document()?;
    if let Some(existing) = form.query_selector(".progres").ok().flatten() {
        return existing.dyn_into().ok();
    }
    let line: HtmlElement = document.create_element("p").ok()?.dyn_into().ok()?;
    line.set_class_name("progres");
    line.set_id("progres-unggah");
    let _ = line.set_attribute("role", "status");
    let _ = line.set_attribute("aria-live", "polite");
    line.set_inner_html("<progress max=\"100\"></progress> <span class=\"progres-teks\"></span>");
    let _ = form.append_child(&line);
    Some(line)
}

fn show(line: &HtmlElement, fraction: Option<f64>, text: &str) {
    if let Ok(Some(bar)) = line.query_selector("progress") {
        match fraction {
            Some(f) => {
                let _ = bar.set_attribute("value", &((f * 100.0).round() as u32).to_string());
            }
            // Indeterminate: the server is working and cannot say how far it is.
            None => {
                let _ = bar.remove_attribute("value");
            }
        }
    }
    if let Ok(Some(t)) = line.query_selector(".progres-teks") {
        t.set_text_content(Some(text));
    }
}

/// Sends the upload form with XHR (fetch cannot report upload progress).
fn upload(form: &HtmlFormElement) {
    let Some(line) = status_of(form) else {
        let _ = form.submit();
        return;
    };
    let (Ok(xhr), Ok(data)) = (XmlHttpRequest::new(), FormData::new_with_form(form)) else {
        let _ = form.submit();
        return;
    };
    busy(form, "Mengunggah…");
    let _ = xhr.open("POST", &form.action());
    if let Ok(up) = xhr.upload() {
        let l = line.clone();
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |p: ProgressEvent| {
            if p.length_computable() && p.total() > 0.0 {
                let f = p.loaded() / p.total();
                let text = format!(
                    "Mengunggah {:.0}% — {} dari {} MB",
                    f * 100.0,
                    mb(p.loaded()),
                    mb(p.total())
                );
                show(&l, Some(f), &text);
            }
        });
        up.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
        let l = line.clone();
        let on_sent = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
            show(
                &l,
                None,
                "Terunggah. Server membaca setiap sel dan menghitung kolom 12–15…",
            );
        });
        up.set_onload(Some(on_sent.as_ref().unchecked_ref()));
        on_sent.forget();
    }
    let x = xhr.clone();
    let l = line.clone();
    let f = form.clone();
    let on_done = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
        let url = x.response_url();
        let status = x.status().unwrap_or(0);
        if (200..300).contains(&status) && !url.is_empty() {
            show(&l, Some(1.0), "Selesai. Membuka hasilnya…");
            if let Some(w) = web_sys::window() {
                let _ = w.location().assign(&url);
            }
        } else {
            // The server's own page for a refusal (403, 415, 413…): submit the form plainly
            // so the person sees it as without JavaScript.
            let _ = f.remove_attribute("data-unggah");
            let _ = f.submit();
        }
    });
    xhr.set_onload(Some(on_done.as_ref().unchecked_ref()));
    on_done.forget();
    let l = line.clone();
    let on_error = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
        show(
            &l,
            Some(0.0),
            "Unggahan gagal: tidak tersambung ke server Capaian. Coba lagi.",
        );
    });
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    if xhr.send_with_opt_form_data(Some(&data)).is_err() {
        let _ = form.submit();
    }
}

/// Fetches a download with the seconds counted on the link, then saves it.
async fn download(link: HtmlAnchorElement) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let label = link.text_content().unwrap_or_default();
    let _ = link.set_attribute("aria-busy", "true");
    link.set_text_content(Some("Menyiapkan berkas…"));
    let started = js_sys::Date::now();
    let l = link.clone();
    let tick = Closure::<dyn FnMut()>::new(move || {
        let secs = ((js_sys::Date::now() - started) / 1000.0).floor();
        l.set_text_content(Some(&format!("Menyiapkan berkas… {secs} detik")));
    });
    let timer = window
        .set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 1000)
        .ok();
    let result = fetch_blob(&window, &link.href()).await;
    if let Some(t) = timer {
        window.clear_interval_with_handle(t);
    }
    drop(tick);
    let _ = link.remove_attribute("aria-busy");
    link.set_text_content(Some(&label));
    match result {
        Ok((blob, name)) => save(&window, &blob, &name),
        // Let the browser do it plainly (it shows the server's message, if any).
        Err(()) => {
            let _ = window.location().assign(&link.href());
        }
    }
}

async fn fetch_blob(window: &web_sys::Window, href: &str) -> Result<(web_sys::Blob, String), ()> {
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(href))
            .await
            .map_err(|_| ())?
            .dyn_into()
            .map_err(|_| ())?;
    if !response.ok() {
        return Err(());
    }
    let name = response
        .headers()
        .get("content-disposition")
        .ok()
        .flatten()
        .and_then(|d| file_name(&d))
        .unwrap_or_else(|| "capaian.xlsx".to_string());
    let blob = wasm_bindgen_futures::JsFuture::from(response.blob().map_err(|_| ())?)
        .await
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    Ok((blob, name))
}

/// `attachment; filename="E81 TW II.xlsx"; filename*=UTF-8''E81%20TW%20II.xlsx` → the
/// UTF-8 name when given, else the plain one.
fn file_name(disposition: &str) -> Option<String> {
    if let Some(at) = disposition.find("filename*=UTF-8''") {
        let encoded = disposition[at + "filename*=UTF-8''".len()..]
            .split(';')
            .next()
            .unwrap_or_default()
            .trim();
        if let Ok(name) = js_sys::decode_uri_component(encoded) {
            let name = String::from(name);
            if !name.is_empty() {
                return Some(name);
            }
        }
    }
    let at = disposition.find("filename=")?;
    let rest = disposition[at + "filename=".len()..].trim();
    let name = rest
        .strip_prefix('"')
        .and_then(|r| r.split('"').next())
        .unwrap_or_else(|| rest.split(';').next().unwrap_or(rest));
    (!name.is_empty()).then(|| name.to_string())
}

fn save(window: &web_sys::Window, blob: &web_sys::Blob, name: &str) {
    let Some(document) = window.document() else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(a) = document
        .create_element("a")
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().map_err(JsValue::from))
    {
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    // Released once the browser has surely taken the bytes.
    let release = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000);
}
