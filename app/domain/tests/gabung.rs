//! Merging a file into a document: which rows match, which are new or missing, and exactly the
//! values that differ (a data table of file changes against the document they came from).

mod common;

use capaian_domain::edit::{get, parse_input, set, Cell, CellValue};
use capaian_domain::gabung::{kolom_gabung, pratinjau, Beda};
use capaian_domain::model::Document;
use common::fixture_document;

/// A value typed into a row's cell (`-` empties it).
type Change = (usize, Cell, &'static str);

/// The file: the document with each change typed in.
fn changed(doc: &Document, changes: &[Change]) -> Document {
    let mut file = doc.clone();
    for &(baris, cell, raw) in changes {
        let value = parse_input(cell, raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
        set(&mut file.rows[baris], cell, value).unwrap();
    }
    file
}

/// What the preview must list for these changes: each changed cell whose new value is not
/// empty and differs, document value beside the file's, in row then column order.
fn expected(doc: &Document, file: &Document, changes: &[Change]) -> Vec<Beda> {
    let order = kolom_gabung();
    let mut out: Vec<Beda> = changes
        .iter()
        .filter_map(|&(baris, cell, _)| {
            let sekarang = get(&doc.rows[baris], cell);
            let berkas = get(&file.rows[baris], cell);
            (!berkas.is_empty() && !berkas.same(&sekarang)).then_some(Beda {
                baris,
                baris_berkas: baris,
                kolom: cell,
                sekarang,
                berkas,
            })
        })
        .collect();
    out.sort_by_key(|b| (b.baris, order.iter().position(|c| *c == b.kolom)));
    out
}

#[test]
fn the_preview_lists_exactly_the_values_that_differ() {
    let doc = fixture_document("e81_101");
    let n = doc.rows.len();
    // (case, changes made in the file, values the document holds that the file leaves empty)
    let cases: Vec<(&str, Vec<Change>, usize)> = vec![
        ("the same file", vec![], 0),
        (
            "next quarter's realisation, a corrected amount and a narrative",
            vec![
                (2, Cell::TwK(3), "12"),
                (3, Cell::TwRp(2), "110.000.000"),
                (4, Cell::Pendorong(3), "Dukungan pimpinan"),
                (5, Cell::Keterangan, "Menunggu SP2D"),
            ],
            0,
        ),
        (
            "the same values written otherwise",
            vec![(3, Cell::TwRp(1), "110418100.00")],
            0,
        ),
        (
            "a value the file leaves empty is kept, not listed",
            vec![(0, Cell::TargetRp, "-"), (2, Cell::Unit, "Dokumen")],
            1,
        ),
    ];
    for (case, changes, kosong) in cases {
        let file = changed(&doc, &changes);
        let p = pratinjau(&doc, &file);
        assert_eq!(p.cocok, n, "{case}");
        assert!(p.baru.is_empty() && p.tidak_di_berkas.is_empty(), "{case}");
        assert_eq!(p.beda, expected(&doc, &file, &changes), "{case}");
        assert_eq!(p.kosong_di_berkas, kosong, "{case}");
    }
}

#[test]
fn rows_match_by_kode_and_indicator_wherever_they_stand() {
    let doc = fixture_document("e81_101");
    let n = doc.rows.len();
    // The file lists the rows bottom to top, and changes one value.
    let mut file = changed(&doc, &[(3, Cell::TwRp(2), "1.000")]);
    file.rows.reverse();
    let p = pratinjau(&doc, &file);
    assert_eq!(p.cocok, n);
    assert_eq!(p.beda.len(), 1);
    assert_eq!(
        (p.beda[0].baris, p.beda[0].baris_berkas, p.beda[0].kolom),
        (3, n - 1 - 3, Cell::TwRp(2))
    );
    assert_eq!(p.beda[0].berkas, CellValue::Rp(1000.into()));
    // Every document row is found in the file, bottom to top.
    let expected: Vec<Option<usize>> = (0..n).map(|i| Some(n - 1 - i)).collect();
    assert_eq!(p.di_berkas, expected);
}

#[test]
fn new_rows_and_rows_the_file_lacks_are_reported_not_merged() {
    let doc = fixture_document("e81_101");
    let n = doc.rows.len();
    let mut file = doc.clone();
    // The last row is not in the file; a sub kegiatan with a code the document does not have is.
    let last = file.rows.pop().unwrap();
    let mut new_row = file.rows[2].clone();
    new_row.kode = Some("9.99.99.2.01.01".into());
    new_row.name = "Sub kegiatan baru".into();
    file.rows.push(new_row);
    let p = pratinjau(&doc, &file);
    assert_eq!(p.cocok, n - 1);
    assert_eq!(p.baru, vec![n - 1]);
    assert_eq!(p.tidak_di_berkas, vec![n - 1]);
    let expected: Vec<Option<usize>> = (0..n).map(|i| (i < n - 1).then_some(i)).collect();
    assert_eq!(p.di_berkas, expected);
    assert!(p.beda.is_empty(), "{:?}", p.beda);
    assert!(!last.name.is_empty() || !last.indicator.is_empty());
}
