//! What one shared index of the rules' words would cost: one Aho-Corasick pass per draft
//! that records where every needed literal of every built-in pattern occurs (all
//! occurrences, overlapping). Each rule could then skip its searches of texts lacking its
//! words, and search only windows around them. Measured to decide whether to build it
//! (BENCHMARKS.md, «Stop 20»): it pays only if it removes more search work than its pass
//! costs.
//!
//! `cargo run --release --example word_index -- DIR [MIN_BYTES]` (DIR: drafts as .txt, up
//! to 200 read; MIN_BYTES: leave out shorter literals, default 1; best of five passes).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::time::Instant;

#[path = "../common/drafts.rs"]
mod drafts;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| {
        eprintln!("usage: word_index DIR [MIN_BYTES]");
        std::process::exit(2)
    });
    let min: usize = args.next().and_then(|m| m.parse().ok()).unwrap_or(1);
    let texts = drafts::read(&dir, 200);
    let bytes: usize = texts.iter().map(String::len).sum();
    let rules = gongkai::rules::RuleSet::builtin().expect("built-in packs");
    let mut words: Vec<String> = rules
        .pattern_sources()
        .filter_map(gongkai::rules::needed_literals)
        .flatten()
        .filter(|w| w.len() >= min)
        .collect();
    words.sort();
    words.dedup();
    println!(
        "{} drafts, {} bytes; {} distinct needed words (≥ {min} bytes)",
        texts.len(),
        bytes,
        words.len()
    );
    for (name, kind) in [
        ("DFA", AhoCorasickKind::DFA),
        ("contiguous NFA", AhoCorasickKind::ContiguousNFA),
    ] {
        let t = Instant::now();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&words)
            .expect("the words build an automaton");
        let built = t.elapsed();
        let (mut best, mut hits) = (f64::MAX, 0);
        for _ in 0..5 {
            let t = Instant::now();
            hits = 0;
            for s in &texts {
                let at: Vec<(u32, u32)> = ac
                    .find_overlapping_iter(s.as_str())
                    .map(|m| (m.pattern().as_u32(), m.start() as u32))
                    .collect();
                hits += at.len();
                std::hint::black_box(&at);
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name}: built in {:.2} ms; {:.0} occurrences per draft; {:.2} ns/byte, {:.1} µs per draft",
            built.as_secs_f64() * 1e3,
            hits as f64 / texts.len() as f64,
            best * 1e9 / bytes as f64,
            best * 1e6 / texts.len() as f64
        );
    }
}
