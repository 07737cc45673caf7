use std::io::Read;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = Instant::now();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut f = z.by_name("xl/worksheets/sheet1.xml").unwrap();
    let mut xml = Vec::with_capacity(f.size() as usize);
    f.read_to_end(&mut xml).unwrap();
    drop(f);
    let t1 = t.elapsed();
    // byte scan: count '<'
    let n = memchr_count(&xml);
    let t2 = t.elapsed();
    let t3 = Instant::now();
    let x =
        calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(&bytes[..]));
    let mut x: calamine::Xlsx<_> = x.unwrap();
    let t4 = t3.elapsed();
    println!(
        "inflate {:?} scan {:?} ({n}) calamine open {:?} size {}",
        t1,
        t2 - t1,
        t4,
        xml.len()
    );
    let _ = &mut x;
}
fn memchr_count(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'<').count()
}
