//! The worker's reply in bytes: a length-prefixed binary form of [`Reply`].
//!
//! The reply carries the whole virtual text, every origin and every table cell of a file.
//! As JSON, parsing it in the parent cost more than checking the file (about 1.5 million
//! instructions per generated .docx, a third of a batch). Here every string is its
//! length and bytes, every number eight little-endian bytes, every list its length and
//! items. The parent reads what a worker it does not trust wrote: decoding never panics,
//! never allocates more than the reply's own size, and refuses anything malformed or
//! left over (the worker is then retired, as for any unparsable reply).

use super::{Reply, Wire};
use crate::source::{Grid, GridCell, Place};

/// Encode a reply (the payload; the frame's length prefix is added by the writer).
pub fn encode(reply: &Reply) -> Vec<u8> {
    let mut out = Vec::with_capacity(match reply {
        Reply::Loaded(w) => w.text.len() * 2 + 256,
        _ => 256,
    });
    match reply {
        Reply::Loaded(w) => {
            out.push(0);
            put_str(&mut out, &w.text);
            put_str(&mut out, &w.encoding);
            put_n(&mut out, w.origins.len());
            for (at, place) in &w.origins {
                put_n(&mut out, *at);
                match place {
                    Place::Paragraph(n) => {
                        out.push(0);
                        put_n(&mut out, *n);
                    }
                    Place::Cell { table, row, col } => {
                        out.push(1);
                        put_n(&mut out, *table);
                        put_n(&mut out, *row);
                        put_n(&mut out, *col);
                    }
                    Place::Page(n) => {
                        out.push(2);
                        put_n(&mut out, *n);
                    }
                }
            }
            put_n(&mut out, w.grids.len());
            for g in &w.grids {
                put_n(&mut out, g.number);
                put_n(&mut out, g.rows.len());
                for row in &g.rows {
                    put_n(&mut out, row.len());
                    for c in row {
                        put_str(&mut out, &c.text);
                        put_n(&mut out, c.start);
                        put_n(&mut out, c.end);
                        match c.merged_from {
                            None => out.push(0),
                            Some((r, k)) => {
                                out.push(1);
                                put_n(&mut out, r);
                                put_n(&mut out, k);
                            }
                        }
                    }
                }
            }
            put_n(&mut out, w.headings.len());
            for (at, level) in &w.headings {
                put_n(&mut out, *at);
                out.push(*level);
            }
        }
        Reply::Failed(m) => {
            out.push(1);
            put_str(&mut out, m);
        }
        Reply::Panicked(m) => {
            out.push(2);
            put_str(&mut out, m);
        }
    }
    out
}

fn put_n(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_n(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// Decode a reply; `None` when the bytes are not exactly one well-formed reply.
pub fn decode(bytes: &[u8]) -> Option<Reply> {
    let mut r = Reader { b: bytes };
    let reply = match r.byte()? {
        0 => {
            let text = r.string()?;
            let encoding = r.string()?;
            // Each origin takes at least 17 bytes, each grid 16, each cell 25, each
            // heading 9: a count larger than the bytes left is refused before allocating.
            let n = r.count(17)?;
            let mut origins = Vec::with_capacity(n);
            for _ in 0..n {
                let at = r.n()?;
                let place = match r.byte()? {
                    0 => Place::Paragraph(r.n()?),
                    1 => Place::Cell {
                        table: r.n()?,
                        row: r.n()?,
                        col: r.n()?,
                    },
                    2 => Place::Page(r.n()?),
                    _ => return None,
                };
                origins.push((at, place));
            }
            let n = r.count(16)?;
            let mut grids = Vec::with_capacity(n);
            for _ in 0..n {
                let number = r.n()?;
                let rows_n = r.count(8)?;
                let mut rows = Vec::with_capacity(rows_n);
                for _ in 0..rows_n {
                    let cells_n = r.count(25)?;
                    let mut row = Vec::with_capacity(cells_n);
                    for _ in 0..cells_n {
                        let text = r.string()?;
                        let (start, end) = (r.n()?, r.n()?);
                        let merged_from = match r.byte()? {
                            0 => None,
                            1 => Some((r.n()?, r.n()?)),
                            _ => return None,
                        };
                        row.push(GridCell {
                            text,
                            start,
                            end,
                            merged_from,
                        });
                    }
                    rows.push(row);
                }
                grids.push(Grid { number, rows });
            }
            let n = r.count(9)?;
            let mut headings = Vec::with_capacity(n);
            for _ in 0..n {
                headings.push((r.n()?, r.byte()?));
            }
            Reply::Loaded(Wire {
                text,
                encoding,
                origins,
                grids,
                headings,
            })
        }
        1 => Reply::Failed(r.string()?),
        2 => Reply::Panicked(r.string()?),
        _ => return None,
    };
    r.b.is_empty().then_some(reply)
}

struct Reader<'a> {
    b: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n > self.b.len() {
            return None;
        }
        let (head, rest) = self.b.split_at(n);
        self.b = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn n(&mut self) -> Option<usize> {
        let b: [u8; 8] = self.take(8)?.try_into().ok()?;
        usize::try_from(u64::from_le_bytes(b)).ok()
    }

    /// A list length whose items take at least `min` bytes each.
    fn count(&mut self, min: usize) -> Option<usize> {
        let n = self.n()?;
        (n.checked_mul(min)? <= self.b.len()).then_some(n)
    }

    fn string(&mut self) -> Option<String> {
        let n = self.n()?;
        let b = self.take(n)?;
        simdutf8::basic::from_utf8(b).ok().map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Reply {
        Reply::Loaded(Wire {
            text: "某某区2023年报告\n表一 | 12 | 合计\n".into(),
            encoding: "docx".into(),
            origins: vec![
                (0, Place::Paragraph(1)),
                (
                    21,
                    Place::Cell {
                        table: 1,
                        row: 2,
                        col: 3,
                    },
                ),
                (30, Place::Page(4)),
            ],
            grids: vec![Grid {
                number: 1,
                rows: vec![vec![
                    GridCell {
                        text: "12".into(),
                        start: 27,
                        end: 29,
                        merged_from: None,
                    },
                    GridCell {
                        text: String::new(),
                        start: 29,
                        end: 29,
                        merged_from: Some((0, 0)),
                    },
                ]],
            }],
            headings: vec![(0, 1), (21, 2)],
        })
    }

    fn same(a: &Reply, b: &Reply) -> bool {
        match (a, b) {
            (Reply::Loaded(x), Reply::Loaded(y)) => {
                x.text == y.text
                    && x.encoding == y.encoding
                    && x.origins == y.origins
                    && x.grids == y.grids
                    && x.headings == y.headings
            }
            (Reply::Failed(x), Reply::Failed(y)) | (Reply::Panicked(x), Reply::Panicked(y)) => {
                x == y
            }
            _ => false,
        }
    }

    #[test]
    fn a_reply_comes_back_as_it_was_sent() {
        for r in [
            sample(),
            Reply::Failed("无法读取".into()),
            Reply::Panicked("读取器内部错误".into()),
        ] {
            let back = decode(&encode(&r)).expect("decodes");
            assert!(same(&r, &back));
        }
    }

    #[test]
    fn malformed_replies_are_refused() {
        let good = encode(&sample());
        // Every truncation, and anything left over, is refused.
        for cut in 0..good.len() {
            assert!(decode(&good[..cut]).is_none(), "cut at {cut}");
        }
        let mut long = good.clone();
        long.push(0);
        assert!(decode(&long).is_none());
        // A count far beyond the bytes is refused without allocating for it.
        let mut huge = vec![0u8];
        huge.extend_from_slice(&0u64.to_le_bytes());
        huge.extend_from_slice(&0u64.to_le_bytes());
        huge.extend_from_slice(&u64::MAX.to_le_bytes());
        assert!(decode(&huge).is_none());
        // Text that is not UTF-8.
        let mut bad = vec![1u8];
        bad.extend_from_slice(&2u64.to_le_bytes());
        bad.extend_from_slice(&[0xff, 0xfe]);
        assert!(decode(&bad).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Arbitrary bytes never panic the decoder; flipped bytes of a good reply either
        /// decode to some reply or are refused.
        #[test]
        fn any_bytes_are_decoded_or_refused(
            junk in proptest::collection::vec(any::<u8>(), 0..200),
            flip in any::<proptest::sample::Index>(),
            to in any::<u8>(),
        ) {
            let _ = decode(&junk);
            let mut good = encode(&sample());
            let i = flip.index(good.len());
            good[i] = to;
            let _ = decode(&good);
        }
    }
}
