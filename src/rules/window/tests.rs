//! The windowed search against one pass over the whole text (the old way, kept as the
//! oracle): on generated texts and on every fixture text with every count pattern of the
//! packs.

use super::*;
use proptest::prelude::*;

/// Every group's span (`None`: the group took no part) of every match.
type Spans = Vec<Vec<Option<(usize, usize)>>>;

fn spans<'h>(cs: impl Iterator<Item = Captures<'h>>) -> Spans {
    cs.map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
        .collect()
}

/// What the rule kinds read of each match of one pass over the whole text.
fn oracle(re: &Regex, hay: &str) -> Vec<Found> {
    re.captures_iter(hay)
        .filter_map(|c| Found::of(&c))
        .collect()
}

fn windowed(re: &Regex, hay: &str) -> Option<Spans> {
    let r = reach(re.as_str())?;
    let runs = digit_runs(hay);
    let ws = windows(hay, &runs, r);
    Some(spans(captures_in(re, hay, &ws).into_iter()))
}

/// The gathered pass, with the reach rounded up to its tier as the checker uses it, or
/// the pattern's own reach (windows cut closest to the matches: the separators then
/// meet the patterns most often).
fn gathered_with(re: &Regex, hay: &str, tiered: bool) -> Option<Vec<Found>> {
    if !gatherable(re.as_str()) {
        return None;
    }
    let r = reach(re.as_str())?;
    let r = if tiered { tier(r) } else { r };
    let runs = std::rc::Rc::new(digit_runs(hay));
    let g = Gathered::new(hay, &windows(hay, &runs, r), runs.clone());
    Some(captures_gathered(re, hay, &g))
}

fn gathered(re: &Regex, hay: &str) -> Option<Vec<Found>> {
    gathered_with(re, hay, true)
}

#[test]
fn reach_is_read_off_the_syntax() {
    let r = |p: &str| reach(p).map(|r| (r.lead, r.trail, r.gap));
    assert_eq!(r("办结(?P<n>[0-9]+)件"), Some((6, 3, 0)));
    assert_eq!(r("(?:^|[,;])不予公开(?P<n>[0-9]+)件"), Some((13, 3, 0)));
    assert_eq!(r("(?P<n>[0-9]+)件(?:申请)?结转"), Some((0, 15, 0)));
    assert_eq!(r("[0-9]+\\.[0-9]+%"), Some((0, 1, 1)));
    assert_eq!(r("第[0-9]{2}期a[0-9]"), Some((3, 0, 4)));
    assert_eq!(r("[^。]{0,3}[0-9]"), Some((12, 0, 0)));
    // No digit in every match, an unbounded stretch, a look at the text after.
    assert_eq!(r("费用"), None);
    assert_eq!(r("收到[0-9]*件"), None);
    assert_eq!(r("[0-9]+件|无"), None);
    assert_eq!(r("[^。]*[0-9]"), None);
    assert_eq!(r("[0-9]+件$"), None);
    assert_eq!(r("\\b[0-9]+"), None);
    assert_eq!(r("\\d+件"), None);
}

#[test]
fn digit_runs_are_maximal() {
    let t = "共12件,其中3件。".repeat(3) + &"无".repeat(20) + "2023年9";
    let runs = digit_runs(&t);
    let want: Vec<(usize, usize)> = regex::Regex::new("[0-9]+")
        .unwrap()
        .find_iter(&t)
        .map(|m| (m.start(), m.end()))
        .collect();
    assert_eq!(runs, want);
}

const PATTERNS: &[&str] = &[
    "(?:新收|收到|受理)(?:申请)?(?:为|共)?(?P<n>[0-9]+)件",
    "(?:^|[,;。])(?:予以公开|公开)(?P<n>[0-9]+)件",
    "(?P<n>[0-9]+)件(?:申请)?结转",
    "收到[^,;。0-9]{0,3}(?P<n>[0-9]+)件",
    "(?:收到|件)[0-9]{1,2}件?",
    "[0-9]+(?:\\.[0-9]+)?%",
    "(?:收|到)[^。]{0,4}?(?P<n>[0-9])",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    /// Texts made of the patterns' own letters, digits and separators.
    #[test]
    fn windows_report_what_one_pass_reports(
        text in "[收到受理新申请共为件结转予以公开,;。%.a0-9 \n]{0,60}",
        which in 0usize..7,
    ) {
        let re = Regex::new(PATTERNS[which]).unwrap();
        let want = spans(re.captures_iter(&text));
        let got = windowed(&re, &text).expect("a pattern with a reach");
        prop_assert_eq!(&got, &want);
        let found = oracle(&re, &text);
        let got = gathered(&re, &text).expect("a pattern that can be gathered");
        prop_assert_eq!(&got, &found);
        let got = gathered_with(&re, &text, false).expect("a pattern that can be gathered");
        prop_assert_eq!(&got, &found);
    }

    /// Texts that open with a count (`^` holds there, and the first window starts the
    /// text) or with noise before a count.
    #[test]
    fn windows_report_what_one_pass_reports_from_the_text_start(
        head in proptest::sample::select(vec!["公开12件", "予以公开3件,", "收到5件", "1件申请结转", "a收2件"]),
        text in "[收到公开件结转,;。a0-9 \n]{0,30}",
        which in 0usize..7,
    ) {
        let text = format!("{head}{text}");
        let re = Regex::new(PATTERNS[which]).unwrap();
        let found = oracle(&re, &text);
        prop_assert_eq!(gathered(&re, &text), Some(found.clone()));
        prop_assert_eq!(gathered_with(&re, &text, false), Some(found));
    }

    /// Digit runs found word by word are those a byte-by-byte search finds.
    #[test]
    fn digit_runs_are_found_word_by_word(text in "[0-9a/:\u{4e00}-\u{4e10}\u{4eb0}-\u{4eb9}。 ]{0,80}") {
        let want: Vec<(usize, usize)> = regex::Regex::new("[0-9]+")
            .unwrap()
            .find_iter(&text)
            .map(|m| (m.start(), m.end()))
            .collect();
        prop_assert_eq!(digit_runs(&text), want);
    }
}

/// Every count pattern of the packs on every fixture text (normalized and flat body).
#[test]
fn windows_report_what_one_pass_reports_on_every_fixture() {
    let rs = crate::rules::RuleSet::builtin().unwrap();
    let mut pats: Vec<String> = rs
        .regexes
        .keys()
        .filter(|p| reach(p).is_some())
        .cloned()
        .collect();
    pats.sort();
    assert!(pats.len() > 20, "patterns with a reach: {}", pats.len());
    let res: Vec<Regex> = pats.iter().map(|p| Regex::new(p).unwrap()).collect();
    let mut files = Vec::new();
    crate::rules::table_start_tests::fixture_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut files,
    );
    assert!(files.len() > 50, "fixture files: {}", files.len());
    let mut found = 0;
    let mut gathered_patterns = 0;
    for f in &files {
        let Ok(b) = std::fs::read(f) else { continue };
        let Ok(src) = crate::source::load_bytes(&f.to_string_lossy(), &b) else {
            continue;
        };
        let doc = crate::document::Document::structure(src);
        let (bs, be) = doc.body_span();
        let (fs, fe) = (doc.flat.from_norm(bs), doc.flat.from_norm(be));
        for hay in [&doc.text()[bs..be], &doc.flat.text[fs..fe]] {
            for re in &res {
                let each = spans(re.captures_iter(hay));
                found += each.len();
                assert_eq!(
                    windowed(re, hay).as_ref(),
                    Some(&each),
                    "{} {}",
                    f.display(),
                    re.as_str()
                );
                if let Some(g) = gathered(re, hay) {
                    gathered_patterns += 1;
                    let want = oracle(re, hay);
                    assert_eq!(g, want, "{} {}", f.display(), re.as_str());
                    let g = gathered_with(re, hay, false);
                    assert_eq!(g.as_ref(), Some(&want), "{} {}", f.display(), re.as_str());
                }
            }
        }
    }
    assert!(found > 1000, "matches: {found}");
    assert!(gathered_patterns > 1000, "gathered: {gathered_patterns}");
}
