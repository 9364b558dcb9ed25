//! What a report leaves behind for the checks across years: its year and agency,
//! the values of its statistics tables, the texts that copies are looked for in,
//! and the sentences that name a year. Taken while the document is checked (in
//! parallel), small enough to keep thousands of them until a batch is paired; the
//! places a cross-year finding may point at are kept as [`Anchor`]s, since the
//! document itself is gone by then.

use super::similarity::comparable;
use crate::document::table::Status;
use crate::document::template::Labels;
use crate::facts::Dec;
use crate::rules::spec::{Along, Check};
use crate::rules::{Anchor, Ctx};
use std::collections::{BTreeMap, HashSet};
use std::hash::Hasher;
use std::sync::Arc;

/// One cell: its value, or the blank marker, and where it is (this year's side only).
#[derive(Debug, Clone, Default)]
pub struct CellSnap {
    pub value: Option<Dec>,
    pub blank: Option<String>,
    pub at: Option<Anchor>,
}

/// A statistics table as read: the cells kept, template order kept.
#[derive(Debug, Clone, Default)]
pub struct TableSnap {
    /// How reports name it: 表三.
    pub title: String,
    /// Template rows and columns: (key, label), shared with the template.
    pub labels: Arc<Labels>,
    /// Defined cells, by (template row index, template column index), ascending:
    /// present = the template has the cell; a cell the draft does not give has neither
    /// a value nor a blank marker.
    pub cells: Vec<((usize, usize), CellSnap)>,
    pub at: Anchor,
}

impl TableSnap {
    /// Template rows: (key, label).
    pub fn rows(&self) -> &[(String, String)] {
        &self.labels.rows
    }
    /// Template columns: (key, label).
    pub fn columns(&self) -> &[(String, String)] {
        &self.labels.columns
    }
    /// The kept cell at (row key, column key).
    pub fn cell(&self, row: &str, col: &str) -> Option<&CellSnap> {
        let r = self.rows().iter().position(|(k, _)| k == row)?;
        let c = self.columns().iter().position(|(k, _)| k == col)?;
        let i = self
            .cells
            .binary_search_by_key(&(r, c), |(at, _)| *at)
            .ok()?;
        Some(&self.cells[i].1)
    }
    /// Is the cell at (row key, column key) kept (defined by the template)?
    pub fn defined(&self, row: &str, col: &str) -> bool {
        self.cell(row, col).is_some()
    }
    /// How many cells of row `row` are kept.
    pub fn row_cells(&self, row: &str) -> usize {
        let Some(r) = self.rows().iter().position(|(k, _)| k == row) else {
            return 0;
        };
        self.cells.iter().filter(|((ri, _), _)| *ri == r).count()
    }
    pub fn value(&self, row: &str, col: &str) -> Option<Dec> {
        self.cell(row, col).and_then(|c| c.value)
    }
}

/// A part or passage compared for copies.
#[derive(Debug, Clone, Default)]
pub struct Passage {
    /// What it is, for messages: 「五、存在的主要问题及改进情况」.
    pub title: String,
    /// Its text (at most the rule's `max_chars` characters).
    pub text: String,
    /// Its characters as compared ([`Passage::chars`]), worked out on first use: most
    /// snapshots are never compared (no report of the year before in the run).
    chars: std::sync::OnceLock<Vec<char>>,
    /// Its normalized range, to tell whether a passage lies in a reported part.
    pub range: (usize, usize),
    pub at: Anchor,
}

impl Passage {
    pub fn new(title: String, text: &str, range: (usize, usize), at: Anchor) -> Passage {
        Passage {
            title,
            text: text.to_string(),
            chars: std::sync::OnceLock::new(),
            range,
            at,
        }
    }

    /// Its characters as compared ([`comparable`]).
    pub fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| comparable(&self.text))
    }
}

/// A sentence that names the year before the report's year.
#[derive(Debug, Clone)]
pub struct YearSentence {
    pub hash: u64,
    pub quote: String,
    pub at: Anchor,
}

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub profile: String,
    /// Where report-level findings point: the title, else the start.
    pub head: Anchor,
    pub tables: BTreeMap<String, TableSnap>,
    /// Keyed `section:KEY` or `passage:PATTERN`.
    pub texts: BTreeMap<String, Passage>,
    /// Hashes of the sentences that name the report's own year.
    pub own_year: HashSet<u64>,
    /// Sentences that name the year before.
    pub prior_year: Vec<YearSentence>,
    /// Source byte end of the last anchor: the text up to here is kept for quoting.
    pub max_end: usize,
}

/// Key of a whole part in [`Snapshot::texts`].
pub fn section_key(key: &str) -> String {
    format!("section:{key}")
}

/// Key of a passage in [`Snapshot::texts`].
pub fn passage_key(pattern: &str) -> String {
    format!("passage:{pattern}")
}

/// A sentence as compared for a copy with its year unchanged: whitespace left out.
/// Returns its hash and how many characters are not whitespace. The bytes between
/// whitespace are fed to the hasher piece by piece (one write per piece, not one per
/// character): the hash is the same however the whitespace is cut.
fn sentence_hash(s: &str) -> (u64, usize) {
    let b = s.as_bytes();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let (mut from, mut i, mut chars) = (0, 0, 0);
    while i < b.len() {
        let x = b[i];
        // Only these lead bytes start a whitespace character (U+0085, U+00A0; U+1680;
        // U+2000–U+205F; U+3000): other characters are not decoded.
        let (space, len) = match x {
            0..0x80 => ((x as char).is_whitespace(), 1),
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
            0xF0.. => (false, 4),
            0xE0.. => (false, 3),
            _ => (false, 2),
        };
        if space {
            h.write(&b[from..i]);
            from = i + len;
        } else {
            chars += 1;
        }
        i += len;
    }
    h.write(&b[from..]);
    (h.finish(), chars)
}

/// Sentences shorter than this (characters) are not compared for a stale year.
const MIN_SENTENCE: usize = 15;

impl Snapshot {
    /// Take the snapshot of a checked document (`ctx` holds its recovered tables).
    pub fn take(ctx: &Ctx, year: Option<i32>) -> Snapshot {
        let doc = ctx.doc;
        let head = match doc.title {
            Some(t) => {
                let l = doc.lines[t];
                Anchor::of(doc, l.start, l.end)
            }
            None => Anchor::of(doc, 0, 0),
        };
        let mut snap = Snapshot {
            year,
            agency: doc.facts.agency.clone(),
            profile: ctx.profile.to_string(),
            head,
            ..Default::default()
        };
        let rules: Vec<&Check> = ctx
            .rules
            .rules_for(ctx.profile)
            .map(|r| &r.spec.check)
            .filter(|c| c.is_cross_year())
            .collect();
        snap.take_tables(ctx, &rules);
        snap.take_texts(ctx, &rules);
        if let Some(y) = year {
            snap.take_years(ctx, y);
        }
        snap.max_end = snap
            .tables
            .values()
            .flat_map(|t| t.cells.iter().filter_map(|(_, c)| c.at.as_ref()))
            .chain(snap.texts.values().map(|p| &p.at))
            .chain(snap.prior_year.iter().map(|s| &s.at))
            .chain([&snap.head])
            .map(|a| a.offset + a.length)
            .max()
            .unwrap_or(0);
        snap
    }

    /// The values of the table lines cross-year rules (either side) and the trend
    /// figures read; anchors for the lines this year's side of a rule reads.
    fn take_tables(&mut self, ctx: &Ctx, rules: &[&Check]) {
        let doc = ctx.doc;
        for (id, t) in &ctx.tables {
            if t.status != Status::Recovered {
                continue;
            }
            let tpl = t.tpl;
            // (row?, key): lines whose cells need an anchor; `kept`: lines whose values are kept.
            let mut anchored: Vec<(bool, &str)> = Vec::new();
            let mut kept: Vec<&str> = super::trend::CELLS
                .iter()
                .filter(|(tab, _)| tab == id)
                .map(|(_, k)| *k)
                .collect();
            for c in rules {
                if let Check::PreviousCells(p) = c {
                    let rows = p.along == Along::Rows;
                    if &p.table == id {
                        for k in p.left.iter().chain(&p.plus).chain(&p.minus) {
                            anchored.push((rows, k.as_str()));
                        }
                    }
                    if p.previous_table.as_ref().unwrap_or(&p.table) == id {
                        kept.extend(p.previous.iter().map(String::as_str));
                    }
                }
            }
            kept.extend(anchored.iter().map(|(_, k)| *k));
            if kept.is_empty() {
                continue;
            }
            // Per template row and column: is it kept, does it need an anchor.
            let mark = |keys: &mut dyn Iterator<Item = &String>, rows: bool| -> Vec<(bool, bool)> {
                keys.map(|k| {
                    (
                        kept.contains(&k.as_str()),
                        anchored.iter().any(|&(r, a)| r == rows && a == k),
                    )
                })
                .collect()
            };
            let row_marks = mark(&mut tpl.rows.iter().map(|r| &r.key), true);
            let col_marks = mark(&mut tpl.columns.iter().map(|c| &c.key), false);
            let mut snap = TableSnap {
                title: t.title.clone(),
                labels: tpl.labels(),
                cells: Vec::new(),
                at: Anchor::of(doc, t.start, t.start),
            };
            for (ri, &(row_kept, row_anchored)) in row_marks.iter().enumerate() {
                for (ci, &(col_kept, col_anchored)) in col_marks.iter().enumerate() {
                    if !t.defined(ri, ci) || !(row_kept || col_kept) {
                        continue;
                    }
                    let cell = t.cell_at(ri, ci);
                    let wanted = row_anchored || col_anchored;
                    let at = wanted.then(|| match cell {
                        Some(x) => Anchor::of(doc, x.start, x.end),
                        None => {
                            let row = t.rows.iter().find(|h| h.index == ri);
                            let s = row.map(|h| h.start).unwrap_or(t.start);
                            let e = row.map(|h| h.end).unwrap_or(t.start);
                            Anchor::of(doc, s, e)
                        }
                    });
                    snap.cells.push((
                        (ri, ci),
                        CellSnap {
                            value: cell.and_then(|x| x.value),
                            blank: cell.and_then(|x| x.blank.clone()),
                            at,
                        },
                    ));
                }
            }
            self.tables.insert(id.clone(), snap);
        }
    }

    /// The parts and passages `previous-text` rules compare.
    fn take_texts(&mut self, ctx: &Ctx, rules: &[&Check]) {
        let doc = ctx.doc;
        let text = doc.text();
        for c in rules {
            let Check::PreviousText(p) = c else { continue };
            for key in &p.sections {
                let Some(&i) = ctx.parts_for(key).first() else {
                    continue;
                };
                let part = &doc.parts[i];
                let h = &doc.headings[part.heading];
                let line = doc.lines[h.line];
                let body = cut(text, part.body_start.min(part.end), part.end, p.max_chars);
                self.texts.insert(
                    section_key(key),
                    Passage::new(
                        format!("「{}」部分", doc.part_label(part)),
                        body,
                        ctx.part_range(i),
                        Anchor::of(doc, line.start, line.end),
                    ),
                );
            }
            let (ms, me) = doc.main_span();
            for pat in &p.passages {
                let Some(re) = ctx.re(pat) else { continue };
                let Some(m) = re.find(&text[ms..me]) else {
                    continue;
                };
                let (s, e) = (ms + m.start(), ms + m.end());
                let end = doc.part_at(s).map(|p| p.end).unwrap_or(me);
                let body = cut(text, s, end, p.max_chars);
                self.texts.insert(
                    passage_key(pat),
                    Passage::new(
                        format!("「{}」一段", m.as_str()),
                        body,
                        (s, s + body.len()),
                        Anchor::of(doc, s, e),
                    ),
                );
            }
        }
    }

    /// Sentences (on the flat view: wrapped lines joined) naming `year` or `year − 1`.
    /// Headings, the title and the closing lines end a sentence as well.
    fn take_years(&mut self, ctx: &Ctx, year: i32) {
        let doc = ctx.doc;
        let flat = &doc.flat;
        let (bs, be) = doc.body_span();
        let (fs, fe) = (flat.from_norm(bs), flat.from_norm(be));
        let mut breaks: Vec<usize> = doc
            .headings
            .iter()
            .map(|h| h.line)
            .chain(doc.title)
            .chain(doc.date_line)
            .flat_map(|l| {
                let line = doc.lines[l];
                [flat.from_norm(line.start), flat.from_norm(line.end)]
            })
            .collect();
        breaks.sort_unstable();
        breaks.dedup();
        let own = format!("{year}年");
        let prior = format!("{}年", year - 1);
        // Only sentences naming either year are kept: find those mentions once, at the
        // `年`s of the draft (found once per draft for every reader of years), in the flat
        // view (the normalized text without its line breaks: each moved back by the breaks
        // before it).
        let text = doc.text();
        let words: Vec<usize> = ctx
            .year_words_in(0, text.len())
            .iter()
            .map(|&w| flat.from_norm(w))
            .collect();
        let find = |pat: &str| flat_mentions(&flat.text, &words, (fs, fe), pat);
        let mentions = Mentions {
            own: (find(&own), own.len()),
            prior: (find(&prior), prior.len()),
        };
        if mentions.own.0.is_empty() && mentions.prior.0.is_empty() {
            return;
        }
        // Sentence stops (。；;!?): (offset, length), in text order.
        let stops = flat_stops(text.as_bytes(), ctx.stops(), (fs, fe));
        let mut start = fs;
        let mut next_break = breaks.partition_point(|&b| b <= fs);
        // Breaks end a sentence where they are, before a stop at the same offset; a break
        // at the very end ends nothing.
        for stop in stops.into_iter().map(Some).chain([None]) {
            let until = stop.map_or(fe, |(at, _)| at);
            while next_break < breaks.len()
                && breaks[next_break] <= until
                && (stop.is_some() || breaks[next_break] < fe)
            {
                if breaks[next_break] > start {
                    self.sentence(ctx, (start, breaks[next_break]), &mentions);
                    start = breaks[next_break];
                }
                next_break += 1;
            }
            if let Some((at, len)) = stop {
                self.sentence(ctx, (start, at), &mentions);
                start = at + len;
            }
        }
        if fe > start {
            self.sentence(ctx, (start, fe), &mentions);
        }
    }

    /// `mentions`: where the two years are named in the flat text; a sentence naming
    /// neither is passed over at once.
    fn sentence(&mut self, ctx: &Ctx, (start, end): (usize, usize), mentions: &Mentions) {
        let own = Mentions::first(&mentions.own, start, end).is_some();
        let prior = Mentions::first(&mentions.prior, start, end);
        if !own && prior.is_none() {
            return;
        }
        let doc = ctx.doc;
        let s = doc.flat.text[start..end].trim();
        let (hash, chars) = sentence_hash(s);
        if chars < MIN_SENTENCE {
            return;
        }
        if own {
            self.own_year.insert(hash);
        }
        if let Some(off) = prior {
            let (ns, ne) = (
                doc.flat.to_norm(off),
                doc.flat.to_norm(off + mentions.prior.1 - 1) + 1,
            );
            let mut chars = s.char_indices();
            let quote = match chars.nth(40) {
                Some((i, _)) => format!("{}…", &s[..i]),
                None => s.to_string(),
            };
            self.prior_year.push(YearSentence {
                hash,
                quote,
                at: Anchor::of(doc, ns, ne),
            });
        }
    }
}

/// The sentence stops (`。` `；` `;` `!` `?`) of the flat text inside `fs..fe`, as (flat
/// offset, byte length) in text order, from `stops`, those of the normalized text
/// `norm` ([`Ctx::stops`]: its line breaks, `。` and `;!?`): the line breaks left out
/// (the flat view drops them) and each other stop moved back by the breaks before it.
/// What a search of the flat text finds (`tests::flat_stops_and_years_are_those_searched`):
/// the flat text is the normalized text without its `\n`, and normalization folds `；！？`
/// to `;!?`, so the flat text holds no `；`.
fn flat_stops(
    norm: &[u8],
    stops: &[(usize, usize)],
    (fs, fe): (usize, usize),
) -> Vec<(usize, usize)> {
    let mut breaks = 0;
    let mut out = Vec::new();
    for &(at, len) in stops {
        if norm[at] == b'\n' {
            breaks += 1;
            continue;
        }
        let f = at - breaks;
        if f + len > fe {
            break;
        }
        if f >= fs {
            out.push((f, len));
        }
    }
    out
}

/// Where `pat` (a year and `年`: `2024年`) occurs in `flat[fs..fe]`, ascending: what
/// `memmem::find_iter` finds there, plus `fs`. `words`: the flat offsets of every `年` of
/// the text, ascending. Every occurrence ends in a `年` and holds no other (the year is
/// digits), so it is the `pat.len()` bytes that end with one of `words`; and no two
/// occurrences overlap (a `年` would have to be inside one), so `find_iter` finds them all.
fn flat_mentions(flat: &str, words: &[usize], (fs, fe): (usize, usize), pat: &str) -> Vec<usize> {
    const WORD: usize = "年".len();
    debug_assert!(pat.ends_with('年') && pat.matches('年').count() == 1);
    let b = flat.as_bytes();
    let lead = pat.len() - WORD;
    words
        .iter()
        .filter_map(|&w| {
            let s = w.checked_sub(lead)?;
            (s >= fs && w + WORD <= fe && &b[s..w + WORD] == pat.as_bytes()).then_some(s)
        })
        .collect()
}

/// The offsets where a report's year (`own`) and the year before (`prior`) are named
/// in the flat text, ascending, each with the byte length of what is named (`2024年`).
struct Mentions {
    own: (Vec<usize>, usize),
    prior: (Vec<usize>, usize),
}

impl Mentions {
    /// The first of the mentions `at` (of `len` bytes) lying wholly inside `start..end`.
    fn first((at, len): &(Vec<usize>, usize), start: usize, end: usize) -> Option<usize> {
        let i = at.partition_point(|&m| m < start);
        at.get(i).copied().filter(|&m| m + len <= end)
    }
}

/// `text[start..end]`, at most `max` characters.
fn cut(text: &str, start: usize, end: usize, max: usize) -> &str {
    let s = &text[start.min(text.len())..end.min(text.len()).max(start.min(text.len()))];
    // No more bytes than `max`: no more characters either.
    if s.len() <= max {
        return s;
    }
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The characters a passage compares, worked out when first asked, are those the
    /// snapshot worked out for every part and passage when it was taken (the text cut
    /// as before, then [`comparable`]): every fixture draft, every `previous-text` rule.
    /// Every fixture file that `keep` keeps and that loads, as a document with its facts,
    /// in the order of the file names.
    fn fixture_documents(
        keep: impl Fn(&std::path::Path) -> bool,
    ) -> impl Iterator<Item = (std::path::PathBuf, crate::document::Document)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(move |e| e.file_type().is_file() && keep(e.path()))
            .filter_map(|e| {
                let b = std::fs::read(e.path()).ok()?;
                let src = crate::source::load_bytes(&e.path().to_string_lossy(), &b).ok()?;
                Some((e.path().to_path_buf(), crate::document::Document::new(src)))
            })
    }

    #[test]
    fn passage_characters_asked_late_are_those_taken_at_once() {
        let rs = crate::rules::RuleSet::builtin().unwrap();
        let settings = crate::rules::Settings::default();
        let (mut drafts, mut passages) = (0, 0);
        for (path, doc) in fixture_documents(|p| p.extension().is_some_and(|x| x == "txt")) {
            let Some(profile) = doc.facts.year.and_then(|(y, _)| rs.profile_for_year(y)) else {
                continue;
            };
            let ctx = Ctx::new(&doc, &rs, profile, &settings);
            let snap = Snapshot::take(&ctx, doc.facts.year.map(|y| y.0));
            drafts += 1;
            let text = doc.text();
            for r in rs.rules_for(profile) {
                let Check::PreviousText(p) = &r.spec.check else {
                    continue;
                };
                let mut taken: Vec<(String, &str)> = Vec::new();
                for key in &p.sections {
                    let Some(&i) = ctx.parts_for(key).first() else {
                        continue;
                    };
                    let part = &doc.parts[i];
                    let body = cut(text, part.body_start.min(part.end), part.end, p.max_chars);
                    taken.push((section_key(key), body));
                }
                let (ms, me) = doc.main_span();
                for pat in &p.passages {
                    let Some(m) = ctx.re(pat).and_then(|re| re.find(&text[ms..me])) else {
                        continue;
                    };
                    let s = ms + m.start();
                    let end = doc.part_at(s).map(|x| x.end).unwrap_or(me);
                    taken.push((passage_key(pat), cut(text, s, end, p.max_chars)));
                }
                for (key, body) in taken {
                    let got = snap
                        .texts
                        .get(&key)
                        .expect("a passage for every part found");
                    assert_eq!(got.chars(), comparable(body), "{} {key}", path.display());
                    passages += 1;
                }
            }
        }
        assert!(
            drafts > 50 && passages > 50,
            "{drafts} drafts, {passages} passages"
        );
    }

    /// The stops of the flat text as the snapshot searched them itself before they were
    /// taken from the draft's shared stops: `;!?` by bytes, `。` and `；` by `memmem`, sorted.
    fn flat_stops_searched(flat: &str, fs: usize, fe: usize) -> Vec<(usize, usize)> {
        let body = &flat.as_bytes()[fs..fe];
        let mut stops: Vec<(usize, usize)> = memchr::memchr3_iter(b';', b'!', b'?', body)
            .map(|i| (fs + i, 1))
            .chain(memchr::memmem::find_iter(body, "。").map(|i| (fs + i, 3)))
            .chain(memchr::memmem::find_iter(body, "；").map(|i| (fs + i, 3)))
            .collect();
        stops.sort();
        stops
    }

    /// What the readers of years found by their own searches, they find from what the draft
    /// found once: on every fixture draft that loads (held-out sets left out), the flat
    /// stops taken from the shared stops are those a search of the flat text finds, the
    /// mentions of a year taken from the shared `年`s are those `memmem` finds in the flat
    /// text, and the `年`s of a normalized range are those `memmem` finds in it; over the
    /// body, the whole text and stretches between line starts, for the draft's year, the
    /// year before and other years.
    #[test]
    fn flat_stops_and_years_are_those_searched() {
        let rs = crate::rules::RuleSet::builtin().unwrap();
        let settings = crate::rules::Settings::default();
        let (mut drafts, mut stops, mut mentions, mut words) = (0, 0, 0, 0);
        for (path, doc) in fixture_documents(|p| !p.to_string_lossy().contains("heldout")) {
            let year = doc.facts.year.map(|y| y.0);
            let profile = year.and_then(|y| rs.profile_for_year(y)).unwrap_or("2021");
            let ctx = Ctx::new(&doc, &rs, profile, &settings);
            let text = doc.text();
            let flat = &doc.flat;
            let (bs, be) = doc.body_span();
            let (os, oe) = doc.opening_span();
            let (ms, me) = doc.main_span();
            let mut spans = vec![(0, text.len()), (bs, be), (os, oe), (ms, me), (oe, me)];
            let starts: Vec<usize> = doc.lines.iter().map(|l| l.start).collect();
            for (i, &s) in starts.iter().enumerate().step_by(5) {
                spans.push((s, starts.get(i + 9).copied().unwrap_or(text.len())));
            }
            let all: Vec<usize> = ctx
                .year_words_in(0, text.len())
                .iter()
                .map(|&w| flat.from_norm(w))
                .collect();
            for (from, to) in spans {
                let (from, to) = (from.min(to), to);
                let want: Vec<usize> = memchr::memmem::find_iter(&text.as_bytes()[from..to], "年")
                    .map(|i| from + i)
                    .collect();
                words += want.len();
                assert_eq!(
                    ctx.year_words_in(from, to),
                    want,
                    "{} {from}..{to}",
                    path.display()
                );
                let (fs, fe) = (flat.from_norm(from), flat.from_norm(to));
                let want = flat_stops_searched(&flat.text, fs, fe);
                stops += want.len();
                assert_eq!(
                    flat_stops(text.as_bytes(), ctx.stops(), (fs, fe)),
                    want,
                    "{} {fs}..{fe}",
                    path.display()
                );
                for y in [
                    year.unwrap_or(2020),
                    year.unwrap_or(2020) - 1,
                    2019,
                    2024,
                    7,
                ] {
                    let pat = format!("{y}年");
                    let want: Vec<usize> =
                        memchr::memmem::find_iter(&flat.text.as_bytes()[fs..fe], pat.as_bytes())
                            .map(|i| fs + i)
                            .collect();
                    mentions += want.len();
                    assert_eq!(
                        flat_mentions(&flat.text, &all, (fs, fe), &pat),
                        want,
                        "{} {pat} {fs}..{fe}",
                        path.display()
                    );
                }
            }
            drafts += 1;
        }
        assert!(drafts > 50, "drafts: {drafts}");
        assert!(
            stops > 10_000 && mentions > 1_000 && words > 10_000,
            "{stops} stops, {mentions} mentions, {words} words"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The mentions found once answer what searching each sentence answered: does it
        /// name the report's year, and where does it first name the year before.
        #[test]
        fn mentions_answer_what_the_sentence_search_did(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "2024年", "2023年", "12024年", "20232024年", "2024", "年", "2", "3", " ", "。",
                "共", "a", "\t",
            ]), 0..30),
            cuts in proptest::collection::vec(0usize..200, 2),
        ) {
            let text = pieces.concat();
            let (own, prior) = ("2024年", "2023年");
            let find = |pat: &str| -> Vec<usize> {
                memchr::memmem::find_iter(text.as_bytes(), pat.as_bytes()).collect()
            };
            let m = Mentions { own: (find(own), own.len()), prior: (find(prior), prior.len()) };
            let mut bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            bounds.dedup();
            let a = bounds[cuts[0] % bounds.len()];
            let b = bounds[cuts[1] % bounds.len()];
            let (start, end) = (a.min(b), a.max(b));
            let raw = &text[start..end];
            let s = raw.trim();
            let lead = raw.len() - raw.trim_start().len();
            prop_assert_eq!(Mentions::first(&m.own, start, end).is_some(), s.contains(own));
            prop_assert_eq!(
                Mentions::first(&m.prior, start, end),
                s.find(prior).map(|i| start + lead + i)
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        /// The cells kept by template index answer what the map keyed by (row key,
        /// column key) the snapshot kept before answered, for known and unknown keys.
        #[test]
        fn cells_by_index_answer_what_the_keyed_map_did(
            kept in proptest::collection::vec(proptest::bool::ANY, 12),
            values in proptest::collection::vec(0i64..5, 12),
        ) {
            let rows: Vec<(String, String)> =
                ["a", "b", "ab", "c"].iter().map(|k| (k.to_string(), format!("行{k}"))).collect();
            let columns: Vec<(String, String)> =
                ["x", "y", "a"].iter().map(|k| (k.to_string(), format!("列{k}"))).collect();
            let mut snap = TableSnap {
                labels: Arc::new(Labels { rows: rows.clone(), columns: columns.clone() }),
                ..Default::default()
            };
            let mut map: BTreeMap<(String, String), CellSnap> = BTreeMap::new();
            for (ri, row) in rows.iter().enumerate() {
                for (ci, col) in columns.iter().enumerate() {
                    let i = ri * columns.len() + ci;
                    if !kept[i] {
                        continue;
                    }
                    let cell = CellSnap {
                        value: Some(Dec::int(i128::from(values[i]))),
                        ..Default::default()
                    };
                    snap.cells.push(((ri, ci), cell.clone()));
                    map.insert((row.0.clone(), col.0.clone()), cell);
                }
            }
            let keys = ["a", "b", "ab", "c", "x", "y", "z", ""];
            for r in keys {
                let in_row = map.keys().filter(|(row, _)| row == r).count();
                prop_assert_eq!(snap.row_cells(r), in_row);
                for c in keys {
                    let key = (r.to_string(), c.to_string());
                    prop_assert_eq!(snap.defined(r, c), map.contains_key(&key));
                    prop_assert_eq!(snap.value(r, c), map.get(&key).and_then(|x| x.value));
                }
            }
        }
    }

    /// The hash of the sentence's characters that are not whitespace, and their count,
    /// as first written: character by character.
    fn by_chars(s: &str) -> (u64, usize) {
        let kept: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        h.write(kept.as_bytes());
        (h.finish(), kept.chars().count())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Whitespace of any kind is left out of a sentence's hash and count, and nothing else is.
        #[test]
        fn sentence_hash_leaves_out_whitespace(
            s in "[a 　\u{85}\u{a0}\u{1680}\u{2000}\u{2028}\u{205f}\u{3001}\u{2014}\u{1f600}é年2\t\n]{0,30}"
        ) {
            prop_assert_eq!(sentence_hash(&s), by_chars(&s));
        }
    }

    #[test]
    fn whitespace_does_not_change_a_sentence_hash() {
        assert_eq!(
            sentence_hash("2023年 共收到\t申请"),
            sentence_hash("2023年共收到申请")
        );
        assert_ne!(
            sentence_hash("2023年共收到申请"),
            sentence_hash("2024年共收到申请")
        );
    }
}
