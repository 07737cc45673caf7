//! The national nomenclature shipped with the server (`data/nomenklatur.tsv`, derived from the
//! Kepmendagri 900.1.15.5 series by `examples/gen_nomenklatur.rs`; source and licence in
//! `data/README.md`). Embedded here, on the server side, so it never weighs on the browser
//! bundle; the logic is the domain's ([`capaian_domain::nomenklatur`]).

use std::sync::OnceLock;

use capaian_domain::nomenklatur::Nomenklatur;

/// The data file as shipped.
pub const DATA: &str = include_str!("../data/nomenklatur.tsv");

/// The shipped nomenclature, read once. Its lines are checked by the tests (every line
/// reads); a line that could not be read would be left out, never a failure at run time.
pub fn shipped() -> &'static Nomenklatur {
    static N: OnceLock<Nomenklatur> = OnceLock::new();
    N.get_or_init(|| Nomenklatur::parse(DATA).0)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use capaian_domain::model::Level;
    use capaian_domain::nomenklatur::{JenisPemda, Lookup, Scope};

    use super::*;

    #[test]
    fn every_line_of_the_shipped_data_reads() {
        let (n, problems) = Nomenklatur::parse(DATA);
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(n.len(), 9528);
        assert_eq!(shipped().len(), n.len());
        // Sub kegiatan per government, as the source counts them.
        for (jenis, want) in [(JenisPemda::Prov, 4207), (JenisPemda::Kabkot, 3558)] {
            let got = n
                .records()
                .iter()
                .filter(|r| r.kode.split('.').count() == 6 && r.jenis.contains(&jenis))
                .count();
            assert_eq!(got, want, "{jenis:?}");
        }
    }

    #[test]
    fn the_shipped_tree_is_whole() {
        let n = shipped();
        let mut nodes: HashSet<(JenisPemda, &str)> = HashSet::new();
        for r in n.records() {
            for j in &r.jenis {
                assert!(nodes.insert((*j, r.kode.as_str())), "{} twice", r.kode);
            }
        }
        for r in n.records() {
            let segs: Vec<&str> = r.kode.split('.').collect();
            let parent = match segs.len() {
                3 => segs[..2].join("."),
                5 => segs[..3].join("."),
                6 => segs[..5].join("."),
                _ => continue,
            };
            for j in &r.jenis {
                assert!(
                    nodes.contains(&(*j, parent.as_str())),
                    "{} without {parent}",
                    r.kode
                );
            }
            // A code a government replaced is no longer its code (it may be the other's).
            if let Some(old) = &r.sebelumnya {
                for j in &r.jenis {
                    assert!(
                        n.get(old, Some(*j)).is_empty(),
                        "{old} replaced yet current"
                    );
                }
            }
        }
    }

    #[test]
    fn the_shipped_nomenclature_answers() {
        let n = shipped();
        let k = Scope {
            jenis: Some(JenisPemda::Kabkot),
            parent: Some("5.03.01.2.02"),
        };
        match n.find("Penyediaan Gaji dan Tunjangan ASN", Level::SubKegiatan, &k) {
            Lookup::Unique(hit) => assert_eq!(hit.kode, "5.03.01.2.02.0001"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            n.standard("5.03.02.2.02.0002", Some(JenisPemda::Kabkot)),
            Some(("Jumlah Pengelolaan Kenaikan Pangkat ASN", "Dokumen"))
        );
        let replaced: Vec<&str> = n
            .replaced_by("1.02.02.2.02.0028", None)
            .iter()
            .map(|r| r.kode.as_str())
            .collect();
        assert_eq!(replaced, ["1.02.02.2.02.0053"]);
    }
}
