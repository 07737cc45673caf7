//! The parts of an xlsx package: finding a worksheet's zip entry the way calamine does (root
//! rels → workbook part → workbook rels), reading small parts safely, and reading their tags.
//! Shared by the reader's fast path and the template fill.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use quick_xml::escape::unescape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::ZipArchive;

/// Parts are small except the sheet; the cap for reading one of them.
pub(crate) const SMALL_PART: u64 = 16 << 20;

pub(crate) type Zip<'b> = ZipArchive<Cursor<&'b [u8]>>;

/// A part that is missing, too large, or not well-formed XML.
#[derive(Debug)]
pub(crate) enum PartError {
    Missing {
        part: String,
    },
    Malformed {
        part: String,
        position: u64,
        detail: String,
    },
}

/// The index of an entry, by exact name, else case-insensitively.
pub(crate) fn entry_index(zip: &Zip<'_>, name: &str) -> Option<usize> {
    zip.index_for_name(name).or_else(|| {
        let found = zip
            .file_names()
            .flatten()
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(|n| n.into_owned());
        found.and_then(|n| zip.index_for_name(&n))
    })
}

/// Inflate one entry, never past its declared size nor `cap`.
pub(crate) fn read_entry(zip: &mut Zip<'_>, name: &str, cap: u64) -> Result<Vec<u8>, PartError> {
    read_entry_with_room(zip, name, cap, 0)
}

/// [`read_entry`] into a buffer with `room` bytes to spare after the entry (what the caller
/// appends then needs no second copy of a large part).
pub(crate) fn read_entry_with_room(
    zip: &mut Zip<'_>,
    name: &str,
    cap: u64,
    room: usize,
) -> Result<Vec<u8>, PartError> {
    let missing = || PartError::Missing {
        part: name.to_string(),
    };
    let i = entry_index(zip, name).ok_or_else(missing)?;
    let f = zip.by_index(i).map_err(|_| missing())?;
    let declared = f.size();
    if declared > cap {
        return Err(missing());
    }
    let size = usize::try_from(declared).map_err(|_| missing())?;
    let mut out = Vec::with_capacity(size.saturating_add(room));
    f.take(declared.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|_| missing())?;
    if out.len() as u64 != declared {
        return Err(missing());
    }
    Ok(out)
}

/// Attribute value by local name, unescaped.
pub(crate) fn attr<'a>(e: &'a BytesStart<'_>, local: &str) -> Option<Cow<'a, str>> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key.as_ref();
        let k = key.rsplit(':').next().unwrap_or(key);
        (k == local).then(|| match a.value {
            Cow::Borrowed(v) => unescape(v).unwrap_or(Cow::Borrowed(v)),
            Cow::Owned(v) => Cow::Owned(unescape(&v).map(Cow::into_owned).unwrap_or(v)),
        })
    })
}

pub(crate) fn local_name<'a>(e: &'a BytesStart<'_>) -> &'a str {
    e.local_name().into_inner()
}

/// Every start/empty tag of a small part: (local name, tag).
pub(crate) fn tags<'x>(part: &str, xml: &'x [u8]) -> Result<Vec<BytesStart<'x>>, PartError> {
    let mut r = Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => out.push(e),
            Ok(Event::Eof) => return Ok(out),
            Ok(_) => {}
            Err(e) => {
                return Err(PartError::Malformed {
                    part: part.to_string(),
                    position: r.error_position(),
                    detail: e.to_string(),
                })
            }
        }
    }
}

/// Paths of the parts the fill reads or changes.
#[derive(Debug)]
pub(crate) struct Parts {
    pub(crate) workbook: String,
    pub(crate) workbook_rels: String,
    pub(crate) sheet: String,
    pub(crate) calc_chain: Option<String>,
    pub(crate) shared_strings: Option<String>,
}

fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    };
    // Fold `./` and `../` segments.
    let mut segs: Vec<&str> = Vec::new();
    for s in joined.split('/') {
        match s {
            "." | "" => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

/// The workbook part's path, from the package's root relationships.
pub(crate) fn workbook_part(zip: &mut Zip<'_>) -> Result<String, PartError> {
    let root = read_entry(zip, "_rels/.rels", SMALL_PART)?;
    Ok(tags("_rels/.rels", &root)?
        .iter()
        .filter(|t| local_name(t) == "Relationship")
        .find(|t| attr(t, "Type").is_some_and(|v| v.ends_with("/officeDocument")))
        .and_then(|t| attr(t, "Target").map(|v| resolve("", &v)))
        .unwrap_or_else(|| "xl/workbook.xml".to_string()))
}

pub(crate) fn find_parts(zip: &mut Zip<'_>, sheet: &str) -> Result<Parts, PartError> {
    let workbook = workbook_part(zip)?;
    let (dir, name) = match workbook.rfind('/') {
        Some(i) => workbook.split_at(i + 1),
        None => ("", workbook.as_str()),
    };
    let workbook_rels = format!("{dir}_rels/{name}.rels");
    let rels_xml = read_entry(zip, &workbook_rels, SMALL_PART)?;
    let rels = tags(&workbook_rels, &rels_xml)?;
    let wb_xml = read_entry(zip, &workbook, SMALL_PART)?;
    let rel_id = tags(&workbook, &wb_xml)?
        .iter()
        .filter(|t| local_name(t) == "sheet")
        .find(|t| attr(t, "name").as_deref() == Some(sheet))
        .and_then(|t| attr(t, "id").map(Cow::into_owned))
        .ok_or_else(|| PartError::Missing {
            part: format!("{workbook} (sheet '{sheet}')"),
        })?;
    let target_of = |pred: &dyn Fn(&BytesStart<'_>) -> bool| {
        rels.iter()
            .filter(|t| local_name(t) == "Relationship")
            .find(|t| pred(t))
            .and_then(|t| attr(t, "Target").map(|v| resolve(dir, &v)))
    };
    let sheet_path =
        target_of(&|t| attr(t, "Id").as_deref() == Some(rel_id.as_str())).ok_or_else(|| {
            PartError::Missing {
                part: format!("{workbook_rels} ({rel_id})"),
            }
        })?;
    let calc_chain = target_of(&|t| attr(t, "Type").is_some_and(|v| v.ends_with("/calcChain")))
        .or_else(|| {
            let p = format!("{dir}calcChain.xml");
            entry_index(zip, &p).map(|_| p)
        });
    let shared_strings =
        target_of(&|t| attr(t, "Type").is_some_and(|v| v.ends_with("/sharedStrings")));
    Ok(Parts {
        workbook,
        workbook_rels,
        sheet: sheet_path,
        calc_chain,
        shared_strings,
    })
}
