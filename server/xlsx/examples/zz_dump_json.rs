use capaian_domain::e81::{compute, E81Settings};
use capaian_xlsx::{json::write_import_json, read_workbook, Limits};
fn main() {
    let mut a = std::env::args().skip(1);
    let (inp, outp) = (a.next().unwrap(), a.next().unwrap());
    let bytes = std::fs::read(&inp).unwrap();
    let import = read_workbook(&bytes, &Limits::default()).unwrap();
    let (computed, problems) = compute(&import.document, &E81Settings::default());
    let mut out = Vec::new();
    write_import_json(&mut out, &import, &computed, &problems).unwrap();
    std::fs::write(outp, out).unwrap();
}
