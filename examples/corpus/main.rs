//! Corpus generator: realistic drafts of 政府信息公开工作年度报告 for benchmarks and
//! end-to-end tests, deterministic from a seed.
//!
//! ```sh
//! cargo run --release --example corpus -- --out DIR --count N --seed S \
//!     --defects 0.2 --formats txt,docx,html --profiles 2021,2019-trial,pre-2019
//! ```
//!
//! Draft `i` has the same content in every format (so the same findings). Each draft
//! follows its format's official outline and statistics tables (labels as in
//! `rules/*/pack.yaml`), with numbers that add up; a share of the drafts (`--defects`)
//! gets exactly one seeded defect. `DIR/manifest.jsonl` lists every file with its
//! defect and the findings (rule id and severity) gongkai must report for it.
//!
//! `--years N` makes a multi-year corpus instead (`years.rs`): chains of N consecutive
//! reports of one agency each (`--count` reports in all), each report in one of the
//! formats, with cross-year defects seeded (`--defects` of the reports after the first).

#[path = "apply_tables.rs"]
mod apply_tables;
#[path = "docx_parts.rs"]
mod docx_parts;
#[path = "draft.rs"]
mod draft;
#[path = "grid.rs"]
mod grid;
#[path = "other_tables.rs"]
mod other_tables;
#[path = "write.rs"]
mod write;
#[path = "years.rs"]
mod years;

use draft::draft;
use std::fmt::Write as _;
use std::path::PathBuf;
use write::{write_docx, write_html, write_txt};

/// splitmix64: small, fast and the same on every platform.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub(crate) fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.next() as usize % xs.len()]
    }
}

// ---------------------------------------------------------------- options

/// What to generate: `count` drafts, each written in every format.
pub struct Options {
    pub out: PathBuf,
    pub count: usize,
    pub seed: u64,
    /// Share of drafts with one seeded defect (0.0–1.0).
    pub defects: f64,
    pub formats: Vec<String>,
    pub profiles: Vec<String>,
}

fn usage() -> ! {
    eprintln!(
        "用法：corpus --out DIR [--count N] [--seed S] [--defects 0.2] \
         [--formats txt,docx,html] [--profiles 2021,2019-trial,pre-2019] [--years N]"
    );
    std::process::exit(2)
}

fn options() -> (Options, usize) {
    let mut years = 1;
    let mut o = Options {
        out: PathBuf::new(),
        count: 100,
        seed: 1,
        defects: 0.2,
        formats: vec!["txt".into(), "docx".into(), "html".into()],
        profiles: vec!["2021".into(), "2019-trial".into(), "pre-2019".into()],
    };
    let mut args = std::env::args().skip(1);
    let list = |s: String| s.split(',').map(|x| x.trim().to_string()).collect();
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--out" => o.out = PathBuf::from(val()),
            "--count" => o.count = val().parse().unwrap_or_else(|_| usage()),
            "--seed" => o.seed = val().parse().unwrap_or_else(|_| usage()),
            "--defects" => o.defects = val().parse().unwrap_or_else(|_| usage()),
            "--formats" => o.formats = list(val()),
            "--profiles" => o.profiles = list(val()),
            "--years" => years = val().parse().unwrap_or_else(|_| usage()),
            _ => usage(),
        }
    }
    let formats_ok = o
        .formats
        .iter()
        .all(|f| matches!(f.as_str(), "txt" | "docx" | "html"));
    let profiles_ok = o
        .profiles
        .iter()
        .all(|p| matches!(p.as_str(), "2021" | "2019-trial" | "pre-2019"));
    if o.out.as_os_str().is_empty()
        || !formats_ok
        || !profiles_ok
        || o.profiles.is_empty()
        || years == 0
    {
        usage();
    }
    (o, years)
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Write the drafts and `manifest.jsonl` into `o.out`; returns the bytes written.
pub fn generate(o: &Options) -> Result<u64, String> {
    std::fs::create_dir_all(&o.out)
        .map_err(|e| format!("无法创建目录 {}：{e}", o.out.display()))?;
    let mut manifest = String::new();
    let mut bytes_total = 0u64;
    for i in 0..o.count {
        let profile = &o.profiles[i % o.profiles.len()];
        let d = draft(o.seed, i, profile, o.defects);
        let expected: Vec<String> = d
            .defect
            .map(|x| x.expected(&d.profile))
            .unwrap_or_default()
            .iter()
            .map(|(r, s)| format!("{{\"rule\":{},\"severity\":{}}}", json_str(r), json_str(s)))
            .collect();
        for (k, format) in o.formats.iter().enumerate() {
            let mut rng = Rng::new(o.seed ^ ((i as u64) << 8) ^ k as u64);
            let bytes = match format.as_str() {
                "txt" => write_txt(&d),
                "docx" => write_docx(&d, &mut rng),
                _ => write_html(&d, &mut rng),
            };
            let name = format!("{}.{format}", d.file_stem);
            std::fs::write(o.out.join(&name), &bytes)
                .map_err(|e| format!("无法写入 {name}：{e}"))?;
            bytes_total += bytes.len() as u64;
            let _ = writeln!(
                manifest,
                "{{\"file\":{},\"format\":{},\"profile\":{},\"year\":{},\"agency\":{},\"defect\":{},\"bytes\":{},\"expected\":[{}]}}",
                json_str(&name),
                json_str(format),
                json_str(&d.profile),
                d.year,
                json_str(&d.agency),
                d.defect.map(|x| json_str(x.name())).unwrap_or_else(|| "null".into()),
                bytes.len(),
                expected.join(",")
            );
        }
    }
    std::fs::write(o.out.join("manifest.jsonl"), manifest)
        .map_err(|e| format!("无法写入 manifest.jsonl：{e}"))?;
    Ok(bytes_total)
}

/// A multi-year corpus: `o.count` reports in chains of `years` consecutive years of one
/// agency, each written in one format (`o.profiles` is not used: the year decides).
pub fn generate_years(o: &Options, years: usize) -> Result<u64, String> {
    std::fs::create_dir_all(&o.out)
        .map_err(|e| format!("无法创建目录 {}：{e}", o.out.display()))?;
    let years = years.max(1);
    let mut manifest = String::new();
    let mut bytes_total = 0u64;
    for c in 0..o.count.div_ceil(years) {
        for (k, (d, defect)) in years::chain(o.seed, c, c * years, years, o.defects)
            .into_iter()
            .enumerate()
        {
            let format = &o.formats[(c + k) % o.formats.len()];
            let mut rng = Rng::new(o.seed ^ ((c as u64) << 16) ^ k as u64);
            let bytes = match format.as_str() {
                "txt" => write_txt(&d),
                "docx" => write_docx(&d, &mut rng),
                _ => write_html(&d, &mut rng),
            };
            let name = format!("{}.{format}", d.file_stem);
            std::fs::write(o.out.join(&name), &bytes)
                .map_err(|e| format!("无法写入 {name}：{e}"))?;
            bytes_total += bytes.len() as u64;
            let expected: Vec<String> = defect
                .map(|x| x.expected())
                .unwrap_or_default()
                .iter()
                .map(|(r, s)| format!("{{\"rule\":{},\"severity\":{}}}", json_str(r), json_str(s)))
                .collect();
            let _ = writeln!(
                manifest,
                "{{\"file\":{},\"format\":{},\"profile\":{},\"year\":{},\"agency\":{},\"defect\":{},\"bytes\":{},\"expected\":[{}]}}",
                json_str(&name),
                json_str(format),
                json_str(&d.profile),
                d.year,
                json_str(&d.agency),
                defect.map(|x| json_str(x.name())).unwrap_or_else(|| "null".into()),
                bytes.len(),
                expected.join(",")
            );
        }
    }
    std::fs::write(o.out.join("manifest.jsonl"), manifest)
        .map_err(|e| format!("无法写入 manifest.jsonl：{e}"))?;
    Ok(bytes_total)
}

#[allow(dead_code)] // the integration test includes this file for `generate` only
fn main() {
    let (o, years) = options();
    let result = if years > 1 {
        generate_years(&o, years)
    } else {
        generate(&o)
    };
    let files = if years > 1 {
        o.count.div_ceil(years) * years
    } else {
        o.count * o.formats.len()
    };
    match result {
        Ok(bytes) => eprintln!(
            "已生成 {files} 个文件（{bytes} 字节）于 {}",
            o.out.display()
        ),
        Err(e) => {
            eprintln!("错误：{e}");
            std::process::exit(2);
        }
    }
}
