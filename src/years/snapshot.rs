//! What a report leaves behind for the checks across years: its year and agency,
//! the values of its statistics tables, the texts that copies are looked for in,
//! and the sentences that name a year. Taken while the document is checked (in
//! parallel), small enough to keep thousands of them until a batch is paired; the
//! places a cross-year finding may point at are kept as [`Anchor`]s, since the
//! document itself is gone by then.

use super::similarity::comparable;
use crate::document::table::Status;
use crate::facts::Dec;
use crate::rules::spec::{Along, Check};
use crate::rules::{Anchor, Ctx};
use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};

/// One cell: its value, or the blank marker, and where it is (this year's side only).
#[derive(Debug, Clone, Default)]
pub struct CellSnap {
    pub value: Option<Dec>,
    pub blank: Option<String>,
    pub at: Option<Anchor>,
}

/// A statistics table as read: cells by (row key, column key), template order kept.
#[derive(Debug, Clone, Default)]
pub struct TableSnap {
    /// How reports name it: 表三.
    pub title: String,
    /// Template rows and columns: (key, label).
    pub rows: Vec<(String, String)>,
    pub columns: Vec<(String, String)>,
    /// Defined cells: present = the template has the cell; a cell the draft does not
    /// give has neither a value nor a blank marker.
    pub cells: BTreeMap<(String, String), CellSnap>,
    pub at: Anchor,
}

impl TableSnap {
    pub fn value(&self, row: &str, col: &str) -> Option<Dec> {
        self.cells
            .get(&(row.to_string(), col.to_string()))
            .and_then(|c| c.value)
    }
}

/// A part or passage compared for copies.
#[derive(Debug, Clone, Default)]
pub struct Passage {
    /// What it is, for messages: 「五、存在的主要问题及改进情况」.
    pub title: String,
    /// Its characters as compared ([`comparable`]).
    pub chars: Vec<char>,
    /// Its normalized range, to tell whether a passage lies in a reported part.
    pub range: (usize, usize),
    pub at: Anchor,
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
fn sentence_hash(s: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        c.hash(&mut h);
    }
    h.finish()
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
            .flat_map(|t| t.cells.values().filter_map(|c| c.at.as_ref()))
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
            let mut snap = TableSnap {
                title: t.title.clone(),
                rows: tpl
                    .rows
                    .iter()
                    .map(|r| (r.key.clone(), r.label.clone()))
                    .collect(),
                columns: tpl
                    .columns
                    .iter()
                    .map(|c| (c.key.clone(), c.label.clone()))
                    .collect(),
                cells: BTreeMap::new(),
                at: Anchor::of(doc, t.start, t.start),
            };
            for (ri, r) in tpl.rows.iter().enumerate() {
                for (ci, c) in tpl.columns.iter().enumerate() {
                    if !t.defined(ri, ci)
                        || !(kept.contains(&r.key.as_str()) || kept.contains(&c.key.as_str()))
                    {
                        continue;
                    }
                    let cell = t.cell_at(ri, ci);
                    let wanted = anchored
                        .iter()
                        .any(|&(rows, k)| if rows { k == r.key } else { k == c.key });
                    let at = wanted.then(|| match cell {
                        Some(x) => Anchor::of(doc, x.start, x.end),
                        None => {
                            let row = t.rows.iter().find(|h| h.index == ri);
                            let s = row.map(|h| h.start).unwrap_or(t.start);
                            let e = row.map(|h| h.end).unwrap_or(t.start);
                            Anchor::of(doc, s, e)
                        }
                    });
                    snap.cells.insert(
                        (r.key.clone(), c.key.clone()),
                        CellSnap {
                            value: cell.and_then(|x| x.value),
                            blank: cell.and_then(|x| x.blank.clone()),
                            at,
                        },
                    );
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
                    Passage {
                        title: format!("「{}」部分", doc.part_label(part)),
                        chars: comparable(body),
                        range: ctx.part_range(i),
                        at: Anchor::of(doc, line.start, line.end),
                    },
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
                    Passage {
                        title: format!("「{}」一段", m.as_str()),
                        chars: comparable(body),
                        range: (s, s + body.len()),
                        at: Anchor::of(doc, s, e),
                    },
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
        // Only sentences naming either year are kept: find those mentions once.
        let body = &flat.text[fs..fe];
        let mut mentions: Vec<usize> = memchr::memmem::find_iter(body.as_bytes(), own.as_bytes())
            .chain(memchr::memmem::find_iter(body.as_bytes(), prior.as_bytes()))
            .map(|i| fs + i)
            .collect();
        if mentions.is_empty() {
            return;
        }
        mentions.sort_unstable();
        // Sentence stops (。；;!?), found by bytes: (offset, length), in text order.
        let body_bytes = body.as_bytes();
        let mut stops: Vec<(usize, usize)> = memchr::memchr3_iter(b';', b'!', b'?', body_bytes)
            .map(|i| (fs + i, 1))
            .chain(memchr::memmem::find_iter(body_bytes, "。".as_bytes()).map(|i| (fs + i, 3)))
            .chain(memchr::memmem::find_iter(body_bytes, "；".as_bytes()).map(|i| (fs + i, 3)))
            .collect();
        stops.sort_unstable();
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
                    self.sentence(ctx, (start, breaks[next_break]), &mentions, &own, &prior);
                    start = breaks[next_break];
                }
                next_break += 1;
            }
            if let Some((at, len)) = stop {
                self.sentence(ctx, (start, at), &mentions, &own, &prior);
                start = at + len;
            }
        }
        if fe > start {
            self.sentence(ctx, (start, fe), &mentions, &own, &prior);
        }
    }

    /// `mentions`: sorted offsets of the two years in the flat text; a sentence without
    /// one is passed over at once.
    fn sentence(
        &mut self,
        ctx: &Ctx,
        (start, end): (usize, usize),
        mentions: &[usize],
        own: &str,
        prior: &str,
    ) {
        let i = mentions.partition_point(|&m| m < start);
        if mentions.get(i).is_none_or(|&m| m >= end) {
            return;
        }
        let doc = ctx.doc;
        let s = doc.flat.text[start..end].trim();
        if s.chars().filter(|c| !c.is_whitespace()).count() < MIN_SENTENCE {
            return;
        }
        if s.contains(own) {
            self.own_year.insert(sentence_hash(s));
        }
        if let Some(i) = s.find(prior) {
            let off = start
                + (doc.flat.text[start..end].len() - doc.flat.text[start..end].trim_start().len())
                + i;
            let (ns, ne) = (
                doc.flat.to_norm(off),
                doc.flat.to_norm(off + prior.len() - 1) + 1,
            );
            let quote: String = s.chars().take(40).collect();
            let quote = if s.chars().count() > 40 {
                format!("{quote}…")
            } else {
                quote
            };
            self.prior_year.push(YearSentence {
                hash: sentence_hash(s),
                quote,
                at: Anchor::of(doc, ns, ne),
            });
        }
    }
}

/// `text[start..end]`, at most `max` characters.
fn cut(text: &str, start: usize, end: usize, max: usize) -> &str {
    let s = &text[start.min(text.len())..end.min(text.len()).max(start.min(text.len()))];
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}
