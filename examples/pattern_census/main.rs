//! What one pass of each built-in pattern costs over real drafts: nanoseconds per byte
//! of a whole-text `find_iter`, with the regex engine's literal prefilter and without it.
//! It shows which patterns the prefilter cannot speed up on Chinese text (their first
//! characters are everywhere), the patterns a compiled plan has to merge first
//! (BENCHMARKS.md, «Stop 19»).
//!
//! `cargo run --release --example pattern_census -- DIR [--top N]` (DIR: drafts as .txt,
//! the first 20 read; each figure is the best of seven passes).

use regex_automata::meta;
use std::time::Instant;

#[path = "../common/drafts.rs"]
mod drafts;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| {
        eprintln!("usage: pattern_census DIR [--top N]");
        std::process::exit(2)
    });
    let top: usize = match (args.next().as_deref(), args.next()) {
        (Some("--top"), Some(n)) => n.parse().unwrap_or(25),
        _ => 25,
    };
    let texts = drafts::read(&dir, 20);
    let bytes: usize = texts.iter().map(String::len).sum();
    let rules = gongkai::rules::RuleSet::builtin().expect("built-in packs");
    let mut sources: Vec<&str> = rules.pattern_sources().collect();
    sources.sort_unstable();
    // (with prefilter, without, matches, pattern)
    let mut rows: Vec<(f64, f64, usize, &str)> = Vec::new();
    for p in sources {
        let mut cost = [0.0; 2];
        let mut hits = 0;
        for (k, prefilter) in [true, false].into_iter().enumerate() {
            let Ok(re) = meta::Builder::new()
                .configure(meta::Config::new().auto_prefilter(prefilter))
                .build(p)
            else {
                continue;
            };
            let mut best = f64::MAX;
            for _ in 0..7 {
                let t = Instant::now();
                let n: usize = texts.iter().map(|x| re.find_iter(x).count()).sum();
                best = best.min(t.elapsed().as_nanos() as f64 / bytes as f64);
                hits = n;
            }
            cost[k] = best;
        }
        rows.push((cost[0], cost[1], hits, p));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = rows.iter().map(|r| r.0).sum();
    let slow = |t: f64| rows.iter().filter(|r| r.0 >= t).count();
    println!(
        "{} patterns over {} drafts ({} bytes): one pass of each, {:.1} ns/byte in all",
        rows.len(),
        texts.len(),
        bytes,
        total
    );
    println!(
        "patterns at ≥ 1 ns/byte: {}; at ≥ 0.5: {}; their share of the total: {:.0} %",
        slow(1.0),
        slow(0.5),
        100.0 * rows.iter().filter(|r| r.0 >= 0.5).map(|r| r.0).sum::<f64>() / total
    );
    // What merging them would cost: the slow patterns (≥ 1 ns/byte, the lone `.` aside)
    // as one multi-pattern regex, one pass, and the same with overlapping matches of
    // every pattern reported (what a plan whose rules read the hits needs).
    let slow_set: Vec<&str> = rows
        .iter()
        .filter(|r| r.0 >= 1.0 && r.3 != ".")
        .map(|r| r.3)
        .collect();
    let one_pass = |kind: regex_automata::MatchKind, cache_mb: usize| -> Option<f64> {
        let re = meta::Builder::new()
            .configure(
                meta::Config::new()
                    .match_kind(kind)
                    .hybrid_cache_capacity(cache_mb << 20),
            )
            .build_many(&slow_set)
            .ok()?;
        let mut cache = re.create_cache();
        let mut best = f64::MAX;
        for _ in 0..7 {
            let t = Instant::now();
            let mut n = 0usize;
            for x in &texts {
                if kind == regex_automata::MatchKind::All {
                    let mut state = regex_automata::PatternSet::new(re.pattern_len());
                    re.which_overlapping_matches_with(
                        &mut cache,
                        &regex_automata::Input::new(x),
                        &mut state,
                    );
                    n += state.len();
                } else {
                    n += re.find_iter(x).count();
                }
            }
            std::hint::black_box(n);
            best = best.min(t.elapsed().as_nanos() as f64 / bytes as f64);
        }
        Some(best)
    };
    let each: f64 = rows
        .iter()
        .filter(|r| r.0 >= 1.0 && r.3 != ".")
        .map(|r| r.0)
        .sum();
    let fmt =
        |x: Option<f64>| x.map_or("cannot be built".to_string(), |v| format!("{v:.2} ns/byte"));
    println!(
        "the {} slow patterns: {each:.1} ns/byte one by one; as one regex, by lazy DFA cache size:",
        slow_set.len()
    );
    for mb in [2, 8, 16, 64] {
        println!(
            "  {mb:>2} MB: leftmost-first {}; which match (overlapping) {}",
            fmt(one_pass(regex_automata::MatchKind::LeftmostFirst, mb)),
            fmt(one_pass(regex_automata::MatchKind::All, mb)),
        );
    }
    println!("ns/byte\tno prefilter\tmatches/draft\tpattern");
    for (with, without, hits, p) in rows.iter().take(top) {
        let short: String = p.chars().take(90).collect();
        println!(
            "{with:.3}\t{without:.3}\t{:.1}\t{short}",
            *hits as f64 / texts.len() as f64
        );
    }
}
