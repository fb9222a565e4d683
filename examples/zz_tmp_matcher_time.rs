fn main() {
    let t = std::time::Instant::now();
    let g = dateline::places::Gazetteer::embedded();
    let t1 = t.elapsed();
    let m = dateline::places::Matcher::new(&g);
    let t2 = t.elapsed() - t1;
    let text = std::fs::read_to_string("/work/main/content/2023/bakhmut-encirclement/index.md")
        .unwrap()
        .repeat(100);
    let t = std::time::Instant::now();
    let h = m.hits(&text);
    println!(
        "gazetteer {t1:?} matcher {t2:?} hits {:?} ({} bytes) {}",
        t.elapsed(),
        text.len(),
        h.len()
    );
}
