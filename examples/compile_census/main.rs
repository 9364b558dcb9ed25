//! What compiling each built-in pattern costs (BENCHMARKS.md «Stop 27 (helper)»): the
//! thread that compiles ahead builds every registered pattern with `Pattern::new` and every
//! profile's whole-report statement group; this prints the costliest of them (best of
//! three builds, microseconds) and the totals.
//!
//! `cargo run --release --example compile_census -- [--top N]`

use std::time::Instant;

fn best_of_three(f: impl Fn()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e6
        })
        .fold(f64::MAX, f64::min)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let top: usize = match (args.next().as_deref(), args.next()) {
        (Some("--top"), Some(n)) => n.parse().unwrap_or(25),
        _ => 25,
    };
    let rules = gongkai::rules::RuleSet::builtin().expect("built-in packs");
    let mut sources: Vec<&str> = rules.pattern_sources().collect();
    sources.sort_unstable();
    let mut rows: Vec<(f64, String)> = sources
        .iter()
        .map(|p| {
            let us = best_of_three(|| {
                let _ = gongkai::rules::pattern::Pattern::new(p);
            });
            (us, p.to_string())
        })
        .collect();
    let singles: f64 = rows.iter().map(|r| r.0).sum();
    let n_singles = rows.len();
    let mut groups = 0.0;
    for profile in gongkai::rules::PROFILES {
        let list = rules.body_statement_patterns(profile);
        if list.len() < 3 {
            continue;
        }
        let us = best_of_three(|| {
            let _ = gongkai::rules::group::Group::new(&list);
        });
        groups += us;
        rows.push((us, format!("<group of {profile}: {} patterns>", list.len())));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "{n_singles} patterns: {:.1} ms; statement groups: {:.1} ms",
        singles / 1e3,
        groups / 1e3
    );
    for (us, p) in rows.iter().take(top) {
        let shown: String = p.chars().take(110).collect();
        println!("{us:>9.0} µs  {shown}");
    }
}
