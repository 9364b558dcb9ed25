use gongkai::document::Document;
use gongkai::rules::*;
use std::time::{Duration, Instant};
fn main() {
    let rs = RuleSet::builtin().unwrap();
    let dir = std::env::args().nth(1).unwrap();
    let mut docs = vec![];
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            let s = gongkai::source::load_path(&p, 1 << 30).unwrap();
            docs.push(Document::new(s));
        }
    }
    let settings = Settings::default();
    let mut ctx_t = Duration::ZERO;
    let mut per: std::collections::BTreeMap<String, Duration> = Default::default();
    for _ in 0..3 {
        for d in &docs {
            let y = d.facts.year.map(|y| y.0).unwrap_or(2021);
            let p = rs.profile_for_year(y).unwrap_or("2021").to_string();
            let t = Instant::now();
            let ctx = Ctx::new(d, &rs, &p, &settings);
            ctx_t += t.elapsed();
            for r in rs.rules_for(&p) {
                let t = Instant::now();
                let _ = kind::run(&r.spec.check, &ctx);
                *per.entry(format!("{} {}", r.spec.check.kind_name(), r.spec.id))
                    .or_default() += t.elapsed();
            }
        }
    }
    println!("ctx {:?}", ctx_t);
    let mut v: Vec<_> = per.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    for (k, t) in v.iter().take(15) {
        println!("{t:?} {k}");
    }
}
