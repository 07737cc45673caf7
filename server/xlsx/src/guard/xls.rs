//! A pre-flight walk of a legacy `.xls` (compound file holding BIFF records) before calamine
//! parses it.
//!
//! calamine's `Xls::new` reads every sheet whole, at once, sized by what the file states: a
//! damaged cell position or `Dimensions` record makes it allocate a dense range of billions
//! of cells, a loop in the sector chains makes it read forever — and a failed allocation
//! aborts the process, with no panic to catch (found by `tests/fuzz.rs`: 12 flipped bytes
//! asked for 83 GB). Here the file is walked the way calamine walks it (MS-CFB sectors, the
//! workbook stream, the BIFF records of each sheet) without allocating by any stated size,
//! and a file whose reading would loop or need more than [`MAX_RANGE_BYTES`] is refused.
//!
//! Where calamine's own reading is ill-defined (a sector past the end of the file or cut
//! short, a mini sector outside the mini stream, a byte-order mark in a stream name) the file
//! is refused too, so every file let through is read by calamine exactly as it was checked.
//! The walk follows calamine 0.38's `cfb.rs` and `xls.rs` (MIT, © Johann Tuffe).

use calamine::{Cell, Data};

use crate::error::ReadError;

/// The most memory calamine may need for the cell ranges of all sheets of one file (its
/// dense ranges, plus the record list it reserves for a sheet). An E.81 of 20 000 rows × 30
/// columns needs about 20 MB.
pub(crate) const MAX_RANGE_BYTES: usize = 128 << 20;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const MINI_SECTOR: usize = 64;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: usize = 4096;

fn refuse(detail: impl std::fmt::Display) -> ReadError {
    ReadError::Damaged {
        detail: format!("berkas .xls (Excel 97–2003) rusak: {detail}"),
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> Result<Vec<u32>, ReadError> {
    let chunks = b.chunks_exact(4);
    if !chunks.remainder().is_empty() {
        return Err(refuse("tabel sektor terpotong"));
    }
    Ok(chunks
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// Check a `.xls` before calamine reads it. `Ok` when calamine's reading stays within
/// [`MAX_RANGE_BYTES`] and ends, or when calamine refuses the file itself before reading
/// any sheet.
pub(crate) fn check_xls(bytes: &[u8]) -> Result<(), ReadError> {
    let cfb = Cfb::new(bytes)?;
    let stream = cfb.workbook_stream()?;
    check_records(&stream)
}

/// The compound file as calamine reads it: sectors after the header, the FAT, directories.
struct Cfb<'b> {
    bytes: &'b [u8],
    header: usize,
    size: usize,
    maxid: u32,
    fats: Vec<u32>,
    dirs: Vec<Directory>,
    mini_fats: Vec<u32>,
    ministream: Vec<u8>,
}

struct Directory {
    name: Vec<u16>,
    start: u32,
    len: usize,
}

impl<'b> Cfb<'b> {
    fn new(bytes: &'b [u8]) -> Result<Self, ReadError> {
        let h = bytes
            .get(..512)
            .ok_or_else(|| refuse("kepala berkas terpotong"))?;
        let field = |at| u32_at(h, at).unwrap_or(0);
        let version = u16_at(h, 26).unwrap_or(0);
        let (size, header) = match u16_at(h, 30) {
            Some(9) => (512, 512),
            Some(12) => (4096, 4096),
            _ => return Err(refuse("ukuran sektor tidak dikenal")),
        };
        if u16_at(h, 32) != Some(6) || bytes.len() < header {
            return Err(refuse("kepala berkas tidak valid"));
        }
        let (dir_start, mini_fat_start) = (field(48), field(60));
        let (mini_fat_len, difat_start) = (field(64) as usize, field(68));
        let mut cfb = Cfb {
            bytes,
            header,
            size,
            maxid: u32::try_from(bytes.len() / size).unwrap_or(u32::MAX),
            fats: Vec::new(),
            dirs: Vec::new(),
            mini_fats: Vec::new(),
            ministream: Vec::new(),
        };
        // The DIFAT: 109 entries in the header, then a chain of sectors (last entry: next).
        let mut difat = u32s(&h[76..512])?;
        let mut id = difat_start;
        let mut difat_sectors = 0u64;
        while id < RESERVED_SECTORS {
            difat_sectors += 1;
            if difat_sectors > u64::from(cfb.maxid) + 1 {
                return Err(refuse("rantai DIFAT berputar"));
            }
            difat.extend(u32s(cfb.sector(id)?)?);
            id = difat.pop().ok_or_else(|| refuse("rantai DIFAT kosong"))?;
        }
        // More FAT sectors than the file has sectors: the FAT would outgrow the file.
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
        if fat_sectors.len() as u64 > u64::from(cfb.maxid) + 1 {
            return Err(refuse("tabel FAT lebih besar dari berkasnya"));
        }
        let mut fats = Vec::with_capacity(fat_sectors.len() * size / 4);
        for id in fat_sectors {
            fats.extend(u32s(cfb.sector(id)?)?);
        }
        cfb.fats = fats;
        let dirs = cfb.chain(dir_start, usize::MAX)?;
        let mut entries = Vec::new();
        for d in dirs.chunks_exact(128) {
            // calamine decodes names with byte-order-mark sniffing; honest files have none.
            if d.starts_with(&[0xff, 0xfe])
                || d.starts_with(&[0xfe, 0xff])
                || d.starts_with(&[0xef, 0xbb, 0xbf])
            {
                return Err(refuse("nama stream diawali penanda urutan byte"));
            }
            let name: Vec<u16> = d[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let start = u32_at(d, 116).unwrap_or(0);
            let len = if size == 512 {
                u32_at(d, 120).unwrap_or(0) as usize
            } else {
                let lo = u64::from(u32_at(d, 120).unwrap_or(0));
                let hi = u64::from(u32_at(d, 124).unwrap_or(0));
                usize::try_from(lo | hi << 32).map_err(|_| refuse("panjang stream"))?
            };
            entries.push(Directory { name, start, len });
        }
        match entries.first() {
            None => return Err(refuse("direktori akar kosong")),
            Some(root) if version != 3 && root.start == ENDOFCHAIN => {
                return Err(refuse("direktori akar kosong"))
            }
            Some(root) if mini_fat_len > 0 => {
                let (start, len) = (root.start, root.len);
                cfb.ministream = cfb.chain(start, len)?;
                let minifat = cfb.chain(mini_fat_start, mini_fat_len.saturating_mul(size))?;
                cfb.mini_fats = u32s(&minifat)?;
            }
            Some(_) => {}
        }
        cfb.dirs = entries;
        Ok(cfb)
    }

    /// Sector `id`, whole (calamine returns a short one at the end of the file).
    fn sector(&self, id: u32) -> Result<&'b [u8], ReadError> {
        if id > self.maxid {
            return Err(refuse(format!("sektor {id} di luar berkas")));
        }
        let start = self.header + id as usize * self.size;
        self.bytes
            .get(start..start + self.size)
            .ok_or_else(|| refuse(format!("sektor {id} terpotong")))
    }

    fn mini_sector(&self, id: u32) -> Result<&[u8], ReadError> {
        let start = id as usize * MINI_SECTOR;
        self.ministream
            .get(start..start + MINI_SECTOR)
            .ok_or_else(|| refuse(format!("sektor mini {id} di luar aliran mini")))
    }

    /// A chain of sectors up to `len` bytes.
    fn chain(&self, start: u32, len: usize) -> Result<Vec<u8>, ReadError> {
        let sectors = self.maxid as usize + 1;
        follow(start, len, &self.fats, sectors, |id| self.sector(id))
    }

    fn mini_chain(&self, start: u32, len: usize) -> Result<Vec<u8>, ReadError> {
        let sectors = self.ministream.len() / MINI_SECTOR;
        follow(start, len, &self.mini_fats, sectors, |id| {
            self.mini_sector(id)
        })
    }
}

/// Follow a chain through `table` up to `len` bytes. A chain visiting more sectors than
/// there are (`sectors`) has come back to one: calamine would follow it until `len`.
fn follow<'s>(
    mut id: u32,
    len: usize,
    table: &[u32],
    sectors: usize,
    sector: impl Fn(u32) -> Result<&'s [u8], ReadError>,
) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    let mut steps = 0usize;
    while id != ENDOFCHAIN {
        steps += 1;
        if steps > sectors {
            return Err(refuse("rantai sektor berputar"));
        }
        let s = sector(id)?;
        let take = s.len().min(len - out.len());
        out.extend_from_slice(&s[..take]);
        if out.len() >= len {
            break;
        }
        id = *table
            .get(id as usize)
            .ok_or_else(|| refuse(format!("sektor {id} tidak ada di tabel")))?;
    }
    Ok(out)
}

impl Cfb<'_> {
    /// The `Workbook` stream (else `Book`), found as calamine finds it (first entry, name
    /// compared ignoring ASCII case).
    fn workbook_stream(&self) -> Result<Vec<u8>, ReadError> {
        let named = |name: &str| {
            self.dirs.iter().find(|d| {
                String::from_utf16_lossy(&d.name)
                    .as_bytes()
                    .eq_ignore_ascii_case(name.as_bytes())
            })
        };
        let d = named("Workbook")
            .or_else(|| named("Book"))
            .ok_or_else(|| refuse("stream Workbook tidak ditemukan"))?;
        if d.len < MINI_CUTOFF {
            self.mini_chain(d.start, d.len)
        } else {
            self.chain(d.start, d.len)
        }
    }
}

/// One BIFF record and its `Continue` records (calamine's `RecordIter`).
struct Records<'s>(&'s [u8]);

impl<'s> Iterator for Records<'s> {
    /// (type, data); Err when the records stop being well-formed (calamine stops there).
    type Item = Result<(u16, &'s [u8]), ()>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.0;
        if s.len() < 4 {
            self.0 = &[];
            return (!s.is_empty()).then_some(Err(()));
        }
        let (typ, len) = (u16_at(s, 0)?, u16_at(s, 2)? as usize);
        let Some(data) = s.get(4..4 + len) else {
            self.0 = &[];
            return Some(Err(()));
        };
        let mut rest = &s[4 + len..];
        while rest.len() > 4 && u16_at(rest, 0) == Some(0x003C) {
            let n = u16_at(rest, 2)? as usize;
            match rest.get(4 + n..) {
                Some(r) => rest = r,
                None => {
                    self.0 = &[];
                    return Some(Err(()));
                }
            }
        }
        self.0 = rest;
        Some(Ok((typ, data)))
    }
}

/// The cells' bounding box (calamine's `Range::from_sparse` allocates it whole).
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    fn cells(&self) -> usize {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            ((r1 - r0 + 1) as usize).saturating_mul((c1 - c0 + 1) as usize)
        })
    }
}

/// The workbook globals (where each sheet starts), then each sheet's records as calamine
/// reads them into cells, summing what its ranges will take.
fn check_records(stream: &[u8]) -> Result<(), ReadError> {
    let mut sheets = Vec::new();
    for r in Records(stream) {
        let Ok((typ, data)) = r else {
            return Ok(()); // calamine stops before reading any sheet
        };
        match typ {
            0x0085 => sheets.extend(u32_at(data, 0).map(|p| p as usize)), // BoundSheet8
            0x000A => break,                                              // EOF
            _ => {}
        }
    }
    let mut total = 0usize;
    for pos in sheets {
        let Some(sheet) = stream.get(pos..) else {
            return Ok(()); // calamine stops (a caught panic) before reading this sheet
        };
        let (built, reserved, complete) = sheet_needs(sheet);
        if total.saturating_add(reserved) > MAX_RANGE_BYTES
            || total.saturating_add(built) > MAX_RANGE_BYTES
        {
            return Err(refuse(format!(
                "sebuah sheet menyatakan sel hingga {} MB memori (batas {} MB)",
                total.saturating_add(built.max(reserved)) >> 20,
                MAX_RANGE_BYTES >> 20
            )));
        }
        if !complete {
            return Ok(()); // calamine stops at this sheet's damaged record
        }
        total += built;
    }
    Ok(())
}

/// What reading one sheet costs calamine: (bytes of its two dense ranges, the most bytes
/// its cell list reserves, whether its records end well). Positions are taken from every
/// cell record long enough to hold one (over-counting those calamine would reject).
fn sheet_needs(sheet: &[u8]) -> (usize, usize, bool) {
    let mut cells = Bounds::default();
    let mut formulas = Bounds::default();
    let mut listed = 0usize;
    let mut reserved = 0usize;
    let mut formula_at = (0u32, 0u32);
    let (mut seen_bof, mut depth) = (false, 0usize);
    let mut complete = true;
    for r in Records(sheet) {
        let Ok((typ, d)) = r else {
            complete = false;
            break;
        };
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let pos = || Some((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)));
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            // Dimensions: calamine reserves rows × cols cells (u32 arithmetic, wrapping).
            0x0200 => {
                let (rf, rl, cf, cl) = match d.len() {
                    10 => (
                        u32::from(u16_at(d, 0).unwrap_or(0)),
                        u32::from(u16_at(d, 2).unwrap_or(0)),
                        u32::from(u16_at(d, 4).unwrap_or(0)),
                        u32::from(u16_at(d, 6).unwrap_or(0)),
                    ),
                    14 | 16 => (
                        u32_at(d, 0).unwrap_or(0),
                        u32_at(d, 4).unwrap_or(0),
                        u32::from(u16_at(d, 8).unwrap_or(0)),
                        u32::from(u16_at(d, 10).unwrap_or(0)),
                    ),
                    _ => {
                        complete = false;
                        break;
                    }
                };
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                let (start, end) = if rl >= 1 && cl >= 1 {
                    ((rf, cf), (rl - 1, cl - 1))
                } else {
                    ((rf, cf), (rf, cf))
                };
                let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as usize;
                let cols = end.1.wrapping_sub(start.1).wrapping_add(1) as usize;
                let want = listed.saturating_add(rows.saturating_mul(cols));
                reserved = reserved.max(want.saturating_mul(std::mem::size_of::<Cell<Data>>()));
            }
            // Number, Label, RString, BoolErr, Rk, LabelSst: one cell each.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                if let Some((r, c)) = pos() {
                    cells.add(r, c);
                    listed += 1;
                }
            }
            // MulRk: a run of cells from `col_first`, one per 6 bytes.
            0x00BD => {
                if let (Some((r, c)), Some(last)) = (pos(), u16_at(d, d.len().saturating_sub(2))) {
                    let n = (d.len().saturating_sub(6) / 6) as u32;
                    cells.add(r, c);
                    cells.add(r, c + n.saturating_sub(1));
                    cells.add(r, u32::from(last));
                    listed += n as usize;
                }
            }
            // Formula: its value cell and its formula.
            0x0006 => {
                if let Some(p) = pos() {
                    formula_at = p;
                    cells.add(p.0, p.1);
                    formulas.add(p.0, p.1);
                    listed += 1;
                }
            }
            // String: the value of the last formula.
            0x0207 => {
                cells.add(formula_at.0, formula_at.1);
                listed += 1;
            }
            0x000A => break,
            _ => {}
        }
    }
    let built = cells
        .cells()
        .saturating_mul(std::mem::size_of::<Data>())
        .saturating_add(
            formulas
                .cells()
                .saturating_mul(std::mem::size_of::<String>()),
        );
    (built, reserved, complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../../tests/fixtures/real-layouts/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("fixture")
    }

    /// The workbook stream, and where its first sheet's records start.
    fn first_sheet(bytes: &[u8]) -> (Vec<u8>, usize) {
        let stream = Cfb::new(bytes).unwrap().workbook_stream().unwrap();
        let pos = Records(&stream)
            .map_while(Result::ok)
            .find(|(t, _)| *t == 0x0085)
            .and_then(|(_, d)| u32_at(d, 0))
            .unwrap() as usize;
        (stream, pos)
    }

    #[test]
    fn saved_xls_files_pass_and_their_sheets_are_found() {
        for name in ["legacy_quarters_thousands.xls", "legacy_rkpd_wording.xls"] {
            let bytes = fixture(name);
            assert!(check_xls(&bytes).is_ok(), "{name}");
            let (stream, pos) = first_sheet(&bytes);
            let (built, reserved, complete) = sheet_needs(&stream[pos..]);
            assert!(complete, "{name}");
            assert!(built > 0 && built < 1 << 20, "{name}: {built}");
            assert!(reserved < 1 << 20, "{name}: {reserved}");
        }
    }

    #[test]
    fn far_cells_and_huge_dimensions_are_counted() {
        let mut b = Bounds::default();
        b.add(0, 0);
        b.add(65_535, 65_535);
        assert_eq!(b.cells(), 65_536 * 65_536);
        // A Number record at row 65535, column 65535 after one at A1.
        let mut sheet = Vec::new();
        let record = |typ: u16, data: &[u8]| {
            let mut r = typ.to_le_bytes().to_vec();
            r.extend((data.len() as u16).to_le_bytes());
            r.extend(data);
            r
        };
        sheet.extend(record(0x0809, &[0; 16]));
        sheet.extend(record(0x0203, &[0; 14]));
        sheet.extend(record(
            0x0203,
            &[0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        ));
        sheet.extend(record(0x000A, &[]));
        let (built, _, complete) = sheet_needs(&sheet);
        assert!(complete);
        assert_eq!(built, 65_536 * 65_536 * std::mem::size_of::<Data>());
        // Dimensions of 4 billion rows.
        let mut dims = record(0x0809, &[0; 16]);
        dims.extend(record(
            0x0200,
            &[0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0x10, 0, 0, 0],
        ));
        let (_, reserved, _) = sheet_needs(&dims);
        assert!(reserved > MAX_RANGE_BYTES, "{reserved}");
    }

    #[test]
    fn a_looping_chain_is_refused() {
        let bytes = fixture("legacy_rkpd_wording.xls");
        let mut cfb = Cfb::new(&bytes).unwrap();
        let dir_start = u32_at(&bytes, 48).unwrap();
        cfb.fats[dir_start as usize] = dir_start;
        let e = cfb.chain(dir_start, usize::MAX).unwrap_err();
        assert!(e.to_string().contains("berputar"), "{e}");
    }
}
