use std::time::Instant;
fn main() {
    let t = Instant::now();
    let g = dateline::places::Gazetteer::embedded();
    println!("gazetteer {:?}", t.elapsed());
    let t = Instant::now();
    let m = dateline::places::Matcher::new(&g);
    println!("matcher {:?}", t.elapsed());
    let t = Instant::now();
    let o = dateline::places::map::Outline::load();
    println!("outline {:?}", t.elapsed());
    std::hint::black_box((g, m, o));
}
