//! Linear time (issue 15): for each input shape that once grew worse than linearly,
//! checking 4n bytes takes less than 6 times as long as n bytes. Timed in-process on
//! the whole path (load, check, render) at sizes that keep a debug build fast, in CPU
//! time of the thread, each the best of a few runs, to keep out the noise of a busy
//! machine.
//!
//! Its own test binary, not a module of `tests/it`: cargo runs test binaries one after
//! another, so no other test shares the cores while this one times. Inside `tests/it`
//! the CPU time of one large run once grew by half under the other tests' load (a 6.2×
//! ratio for a shape that measures 4.1× alone). A shape over the bound is measured
//! again, up to `ATTEMPTS` times, and fails only if every attempt is over it: linear
//! work measures about 4×, quadratic about 16×, so a real regression stays red (see
//! `a_quadratic_checker_is_reported`).

#[allow(dead_code)]
#[path = "it/hostile_shapes.rs"]
mod hostile_shapes;

use hostile_shapes::{labels_docx, labels_txt, numbers_txt};
use std::time::Duration;

/// The bound on the ratio of the time at 4n bytes to the time at n bytes.
const BOUND: f64 = 6.0;
/// Measurements of a shape before it is called super-linear.
const ATTEMPTS: usize = 3;

/// Held by each test while it times, so the two tests of this binary never share the
/// cores with each other.
static TIMING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Text of about `n` bytes: `unit` repeated.
fn repeat(unit: &str, n: usize) -> String {
    unit.repeat(n / unit.len() + 1)
}

/// (name, file name, builder of about n bytes).
type Shape = (&'static str, &'static str, fn(usize) -> Vec<u8>);

fn shapes() -> Vec<Shape> {
    vec![
        ("one long line", "line.txt", |n| {
            repeat("本机关全年主动公开政府信息，依申请公开工作有序开展。", n).into_bytes()
        }),
        ("phone numbers", "phone.txt", |n| {
            repeat("电话：0517-87290600 ", n).into_bytes()
        }),
        ("phone lines", "phone-lines.txt", |n| {
            repeat("联系电话：0517-87290600\n", n).into_bytes()
        }),
        ("e-mail addresses and web sites", "email.txt", |n| {
            repeat("邮箱 gk@example.gov.cn 网站 www.example.gov.cn ", n).into_bytes()
        }),
        ("numbered sections", "sections.txt", |n| {
            (1..n / 14)
                .map(|i| format!("{i}. 第{i}项工作\n（{i}）细节\n"))
                .collect::<String>()
                .into_bytes()
        }),
        ("outline headings", "outline.txt", |n| {
            repeat("一、总体情况\n（一）主动公开\n1. 内容\n（1）细节\n", n).into_bytes()
        }),
        ("self-closing divs", "divs.html", |n| {
            format!("<html><body>{}</body></html>", "<div/>".repeat(n / 6)).into_bytes()
        }),
        ("stray closing divs", "stray.html", |n| {
            format!("<html><body><div>{}</body></html>", "</div>".repeat(n / 6)).into_bytes()
        }),
        ("many paragraphs", "paras.html", |n| {
            repeat("<p>本机关全年主动公开政府信息。</p>", n).into_bytes()
        }),
        ("repeated table labels", "labels.txt", labels_txt),
        ("lines of numbers", "numbers.txt", numbers_txt),
        // About 40 bytes of text per line.
        ("repeated table labels in a .docx", "labels.docx", |n| {
            labels_docx(n / 40)
        }),
    ]
}

/// CPU time of the calling thread: unlike wall-clock time, it does not grow when other
/// tests or processes share the cores (the whole check runs on the calling thread).
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the current value into a valid timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// CPU time of `f` on `bytes`, the best of `runs`.
fn best_of(runs: usize, f: &dyn Fn(&[u8]), bytes: &[u8]) -> Duration {
    (0..runs)
        .map(|_| {
            let start = thread_cpu();
            f(bytes);
            thread_cpu().saturating_sub(start)
        })
        .min()
        .unwrap_or_default()
}

/// `Err` with the figures when `f` on `large` (4× `small`) takes `BOUND` times as long
/// as on `small` or more, in each of `ATTEMPTS` measurements.
fn grows_linearly(what: &str, f: &dyn Fn(&[u8]), small: &[u8], large: &[u8]) -> Result<(), String> {
    // Warm up lazily compiled rules and regexes.
    f(small);
    let mut last = String::new();
    for _ in 0..ATTEMPTS {
        let t1 = best_of(3, f, small);
        // Best of three on both sides: one slowed run must not read as growth.
        let t4 = best_of(3, f, large);
        // Below a few milliseconds the ratio is noise (a file refused at once).
        let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(0.005);
        if ratio < BOUND || t4 <= Duration::from_millis(30) {
            return Ok(());
        }
        last = format!(
            "{what}: {t1:?} at {} bytes, {t4:?} at 4× ({ratio:.1}×)",
            small.len()
        );
    }
    Err(last)
}

#[test]
fn checking_time_grows_linearly() {
    const N: usize = 128 * 1024;
    let _alone = TIMING.lock().unwrap_or_else(|e| e.into_inner());
    let mut failures = Vec::new();
    for (what, name, build) in shapes() {
        let (small, large) = (build(N), build(4 * N));
        let check = |bytes: &[u8]| {
            let _ = gongkai::entry::check_bytes(name, bytes);
        };
        if let Err(e) = grows_linearly(what, &check, &small, &large) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "super-linear:\n{}",
        failures.join("\n")
    );
}

/// The measurement itself can go red: a checker that compares every line with every
/// other line is over the bound on every attempt.
#[test]
fn a_quadratic_checker_is_reported() {
    let _alone = TIMING.lock().unwrap_or_else(|e| e.into_inner());
    let quadratic = |bytes: &[u8]| {
        let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        let mut same = 0usize;
        for a in &lines {
            for b in &lines {
                same += usize::from(a.len() == b.len());
            }
        }
        std::hint::black_box(same);
    };
    // Sized so that the small input takes at least 20 ms in this build (a release build
    // is many times faster than a debug one): below that the floors of `grows_linearly`
    // (5 ms for the small run, 30 ms for the large one) would hide the growth.
    let mut lines = 1_000;
    while lines < 1 << 20
        && best_of(1, &quadratic, "一行文字\n".repeat(lines).as_bytes()) < Duration::from_millis(20)
    {
        lines *= 2;
    }
    let small = "一行文字\n".repeat(lines).into_bytes();
    let large = "一行文字\n".repeat(4 * lines).into_bytes();
    let err = grows_linearly("quadratic", &quadratic, &small, &large)
        .expect_err("a quadratic checker must be reported");
    assert!(err.contains("quadratic"), "{err}");
}
