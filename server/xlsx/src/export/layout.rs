//! Where each column of the official sheet is: found once, by kind, in the form kind's sheet
//! list ([`capaian_domain::form::FormKind::sheet`]), with its letter and width. The export
//! writes by these positions and its formulas name the letters derived from them; it keeps no
//! column list of its own.

use capaian_domain::edit::Cell;
use capaian_domain::form::{ColumnKind, Computed, FormKind, SheetKind};

use super::ExportError;

/// A K column and its Rp column.
#[derive(Clone, Copy)]
pub(super) struct KRp {
    pub k: u16,
    pub rp: u16,
}

/// The sheet's columns (0-based) that the export writes by name.
pub(super) struct Layout {
    pub form: &'static FormKind,
    /// Column letters, `A`, `B`, … one per sheet column.
    letters: Vec<String>,
    /// The last column.
    pub last: u16,
    pub no: u16,
    pub sasaran: u16,
    pub kode: u16,
    pub name: u16,
    pub ind: u16,
    pub unit: u16,
    /// Columns 5, 6 and 7.
    pub renstra: KRp,
    pub prev: KRp,
    pub target: KRp,
    /// Columns 8–11: triwulan I–IV.
    pub tw: [KRp; 4],
    /// Columns 12–15.
    pub c12: KRp,
    pub c13: KRp,
    pub c14: KRp,
    pub c15: KRp,
    pub unit_pd: u16,
    pub ket: u16,
}

impl Layout {
    /// The layout of `form`'s sheet; an error names a column the export needs and the sheet
    /// lacks, or a sheet narrower than the `min` columns the export registers its styles in.
    pub fn of(form: &'static FormKind, min: usize) -> Result<Layout, ExportError> {
        let err = |masalah: String| ExportError::Layout {
            form: form.key,
            masalah,
        };
        let n = form.sheet.len();
        if !(min..=16_384).contains(&n) {
            return Err(err(format!("{n} kolom (paling sedikit {min})")));
        }
        let at = |kind: SheetKind| {
            form.sheet_column(kind)
                .map(|c| c as u16)
                .ok_or_else(|| err(format!("kolom {kind:?} tidak ada")))
        };
        let input = |cell: Cell| at(SheetKind::Form(ColumnKind::Input(cell)));
        let pair = |k: Cell, rp: Cell| -> Result<KRp, ExportError> {
            Ok(KRp {
                k: input(k)?,
                rp: input(rp)?,
            })
        };
        let computed = |n: u8| -> Result<KRp, ExportError> {
            Ok(KRp {
                k: at(SheetKind::Form(ColumnKind::Computed(Computed::K(n))))?,
                rp: at(SheetKind::Form(ColumnKind::Computed(Computed::Rp(n))))?,
            })
        };
        let tw = |q: u8| pair(Cell::TwK(q), Cell::TwRp(q));
        Ok(Layout {
            form,
            letters: (1..=n as u32).map(crate::col_letter).collect(),
            last: (n - 1) as u16,
            no: at(SheetKind::No)?,
            sasaran: at(SheetKind::Sasaran)?,
            kode: at(SheetKind::Form(ColumnKind::Kode))?,
            name: at(SheetKind::Form(ColumnKind::Nama))?,
            ind: input(Cell::Indicator)?,
            unit: input(Cell::Unit)?,
            renstra: pair(Cell::RenstraK, Cell::RenstraRp)?,
            prev: pair(Cell::PrevK, Cell::PrevRp)?,
            target: pair(Cell::TargetK, Cell::TargetRp)?,
            tw: [tw(1)?, tw(2)?, tw(3)?, tw(4)?],
            c12: computed(12)?,
            c13: computed(13)?,
            c14: computed(14)?,
            c15: computed(15)?,
            unit_pd: input(Cell::UnitPd)?,
            ket: input(Cell::Keterangan)?,
        })
    }

    /// Columns 5–11, K and Rp: renstra, prev, target, TW I..IV.
    pub fn inputs(&self) -> [KRp; 7] {
        let [t1, t2, t3, t4] = self.tw;
        [self.renstra, self.prev, self.target, t1, t2, t3, t4]
    }

    /// Every column's letter, left to right.
    pub fn letters(&self) -> &[String] {
        &self.letters
    }

    /// Column `c`'s letter.
    pub fn letter(&self, c: u16) -> &str {
        self.letters.get(usize::from(c)).map_or("", String::as_str)
    }

    /// The A1 reference of 0-based (row, column).
    pub fn a1(&self, r: u32, c: u16) -> A1<'_> {
        A1(self.letter(c), r)
    }

    /// Column `c`'s Excel width.
    pub fn width(&self, c: u16) -> f64 {
        self.form.sheet.get(usize::from(c)).map_or(0.0, |s| s.width)
    }
}

/// An A1 reference: a column's letter and a 0-based row, written without allocating.
#[derive(Clone, Copy)]
pub(super) struct A1<'a>(pub &'a str, pub u32);

impl std::fmt::Display for A1<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)?;
        let mut buf = [0u8; 10];
        let digits = super::sheet_data::u32_digits(self.1 + 1, &mut buf);
        // Only ASCII digits were written.
        f.write_str(std::str::from_utf8(digits).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use capaian_domain::form::e81::E81;

    #[test]
    fn the_e81_sheet_has_the_official_positions() {
        let l = Layout::of(&E81, 16).expect("layout");
        assert_eq!(l.last, 29);
        assert_eq!(
            (l.no, l.sasaran, l.kode, l.name, l.ind, l.unit),
            (0, 1, 2, 3, 4, 6)
        );
        assert_eq!((l.renstra.k, l.renstra.rp, l.target.rp), (5, 7, 11));
        assert_eq!((l.tw[0].k, l.tw[3].rp), (12, 19));
        assert_eq!((l.c12.k, l.c15.rp, l.unit_pd, l.ket), (20, 27, 28, 29));
        assert_eq!((l.letter(7), l.letter(29)), ("H", "AD"));
        assert_eq!(l.a1(9, 21).to_string(), "V10");
        assert_eq!(l.width(3), 30.0);
        assert!(Layout::of(&E81, 31).is_err());
    }
}
