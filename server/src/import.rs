//! Importing a workbook: read it (xlsx layer), compute it (domain core), locate every problem
//! at a sheet cell. Shared by `capaian import` and the upload route.

use std::path::Path;

use capaian_domain::e81::{self, E81Computed, E81Settings};
use capaian_domain::model::Problem;
use capaian_xlsx::{Import, Limits, ReadError};

/// A read and computed workbook.
pub struct Imported {
    pub import: Import,
    pub computed: E81Computed,
    /// Problems the computations found, at document rows and fields.
    pub compute_problems: Vec<Problem>,
}

impl Imported {
    fn from_import(import: Import) -> Imported {
        let (computed, compute_problems) = e81::compute(&import.document, &E81Settings::default());
        Imported {
            import,
            computed,
            compute_problems,
        }
    }

    /// Reading problems first, then the checks' problems, all located at sheet cells.
    pub fn all_problems(&self) -> Vec<Problem> {
        let mut all = self.import.problems.clone();
        all.extend(self.import.locate(&self.compute_problems));
        all
    }

    /// Streams the JSON of `capaian import --json`.
    pub fn write_json(&self, out: impl std::io::Write) -> serde_json::Result<()> {
        capaian_xlsx::json::write_import_json(
            out,
            &self.import,
            &self.computed,
            &self.compute_problems,
        )
    }
}

pub fn import_bytes(bytes: &[u8]) -> Result<Imported, ReadError> {
    capaian_xlsx::read_workbook(bytes, &Limits::default()).map(Imported::from_import)
}

pub fn import_path(path: &Path) -> Result<Imported, ReadError> {
    capaian_xlsx::read_path(path, &Limits::default()).map(Imported::from_import)
}
