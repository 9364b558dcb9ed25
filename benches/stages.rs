//! Per-stage throughput (MB/s of input) on generated drafts:
//! load (decode/read) → normalize → structure → facts → evaluate → render.
//!
//! `cargo bench --bench stages` (add `-- load` etc. to run one group). Whole-process
//! runs over thousands of files are in `benches/run.sh`; figures in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use gongkai::cli::Format;
use gongkai::document::Document;
use gongkai::normalize::Normalized;
use gongkai::render::{self, FileReport};
use gongkai::rules::{self, RuleSet, Settings};
use gongkai::source::{self, Source};
use std::hint::black_box;
use std::time::Duration;

#[allow(dead_code)]
#[path = "../examples/corpus/main.rs"]
mod corpus;

/// Drafts per format: 30 of each profile.
const DRAFTS: usize = 90;

/// (file name, bytes) of the drafts of one format.
type Files = Vec<(String, Vec<u8>)>;

struct Inputs {
    /// The drafts, per format.
    files: Vec<(&'static str, Files)>,
    /// Decoded .txt sources.
    sources: Vec<Source>,
    text_bytes: u64,
}

fn inputs() -> Inputs {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = corpus::Options {
        out: dir.path().to_path_buf(),
        count: DRAFTS,
        seed: 42,
        defects: 0.2,
        formats: vec!["txt".into(), "docx".into(), "html".into()],
        profiles: vec!["2021".into(), "2019-trial".into(), "pre-2019".into()],
    };
    corpus::generate(&o).expect("generate corpus");
    let mut files = Vec::new();
    for ext in ["txt", "docx", "html"] {
        let mut list: Files = std::fs::read_dir(dir.path())
            .expect("read corpus")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).expect("read draft"))
            })
            .collect();
        list.sort();
        files.push((ext, list));
    }
    let sources: Vec<Source> = files[0]
        .1
        .iter()
        .map(|(n, b)| source::load_bytes(n, b).expect("generated draft loads"))
        .collect();
    let text_bytes = sources.iter().map(|s| s.text.len() as u64).sum();
    Inputs {
        files,
        sources,
        text_bytes,
    }
}

fn profile_of(doc: &Document, rs: &RuleSet) -> String {
    doc.facts
        .year
        .and_then(|(y, _)| rs.profile_for_year(y))
        .unwrap_or("2021")
        .to_string()
}

fn stages(c: &mut Criterion) {
    let inp = inputs();
    let rs = RuleSet::builtin().expect("built-in rules");
    let settings = Settings::default();

    let mut g = c.benchmark_group("load");
    for (ext, files) in &inp.files {
        let bytes: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
        g.throughput(Throughput::Bytes(bytes));
        g.bench_function(*ext, |b| {
            b.iter(|| {
                for (name, data) in files {
                    black_box(source::load_bytes(name, data).ok());
                }
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(inp.text_bytes));
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for s in &inp.sources {
                black_box(Normalized::new(&s.text));
            }
        })
    });
    g.bench_function("structure", |b| {
        b.iter_batched(
            || inp.sources.clone(),
            |sources| {
                for s in sources {
                    black_box(Document::structure(s));
                }
            },
            BatchSize::LargeInput,
        )
    });
    let structured: Vec<Document> = inp
        .sources
        .iter()
        .map(|s| Document::structure(s.clone()))
        .collect();
    g.bench_function("facts", |b| {
        b.iter(|| {
            for d in &structured {
                black_box(gongkai::document::facts::collect(d));
            }
        })
    });
    let docs: Vec<(Document, String)> = inp
        .sources
        .iter()
        .map(|s| {
            let d = Document::new(s.clone());
            let p = profile_of(&d, &rs);
            (d, p)
        })
        .collect();
    g.bench_function("evaluate", |b| {
        b.iter(|| {
            for (d, p) in &docs {
                black_box(rules::evaluate(d, &rs, p, &settings, None));
            }
        })
    });
    g.bench_function("pipeline", |b| {
        b.iter_batched(
            || inp.sources.clone(),
            |sources| {
                for s in sources {
                    black_box(gongkai::check_text(s, &rs, &Default::default()));
                }
            },
            BatchSize::LargeInput,
        )
    });
    let reports: Vec<FileReport> = inp
        .sources
        .iter()
        .map(|s| gongkai::check_text(s.clone(), &rs, &Default::default()))
        .collect();
    let sets = [&rs];
    let ctx = render::Context::new(&sets, None);
    for (name, format) in [
        ("render-human", Format::Human),
        ("render-json", Format::Json),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(render::render(format, &reports, &ctx)))
        });
    }
    g.finish();

    c.bench_function("startup/builtin-rules", |b| {
        b.iter(|| black_box(RuleSet::builtin().expect("rules")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);
