//! The text tokens of a table region joined into one string, so that a row label is
//! searched for once over all of them instead of once per token.
//!
//! A plain word is one byte search over the joined text (no token holds a line break,
//! so a match never spans two tokens). A regex runs only on the tokens where one of the
//! literals it needs ([`Needs::literals`]) occurs, and on each of them exactly as it
//! ran before; tokens without such a literal cannot hold a match.

use super::{next_whitespace, Needs, Pat, Tok};
use memchr::memmem;

pub(super) struct TextIndex<'t> {
    joined: String,
    /// (offset in `joined`, token index, text) of each text token, in token order.
    at: Vec<(usize, usize, &'t str)>,
    /// Some text token holds whitespace (its compact form is not its text).
    spaced: bool,
}

impl<'t> TextIndex<'t> {
    pub(super) fn new(toks: &[Tok<'t>]) -> Self {
        // Sized first: the joined text would otherwise be copied as it grows.
        let (n, len) = toks.iter().fold((0, 0), |(n, len), t| match t {
            Tok::Text { s, .. } => (n + 1, len + s.len() + 1),
            _ => (n, len),
        });
        let mut joined = String::with_capacity(len);
        let mut at = Vec::with_capacity(n);
        let mut spaced = false;
        for (i, t) in toks.iter().enumerate() {
            if let Tok::Text { s, .. } = t {
                at.push((joined.len(), i, *s));
                joined.push_str(s);
                joined.push('\n');
                spaced |= next_whitespace(s.as_bytes(), 0).is_some();
            }
        }
        TextIndex { joined, at, spaced }
    }

    /// Is every text token its own compact form?
    pub(super) fn compact(&self) -> bool {
        !self.spaced
    }

    /// Entry of the first text token at or after token `ti`.
    fn entry_from(&self, ti: usize) -> usize {
        self.at.partition_point(|&(_, t, _)| t < ti)
    }

    /// The first match of `p` in a text token at or after token `ti` (from byte `from`
    /// in `ti` itself, a character boundary): (token, end of the match in the token).
    /// What `find_end_at` on each text token in turn would find first.
    pub(super) fn find(
        &self,
        p: Pat,
        needs: Option<&Needs>,
        ti: usize,
        from: usize,
    ) -> Option<(usize, usize)> {
        let mut k = self.entry_from(ti);
        let first = self.at.get(k)?;
        let from = if first.1 == ti { from } else { 0 };
        match p {
            Pat::Lit(w) => {
                let o = first.0 + from.min(first.2.len());
                let p = o + memmem::find(&self.joined.as_bytes()[o..], w.as_bytes())?;
                let e = self.at.partition_point(|&(o, _, _)| o <= p) - 1;
                let (to, t, _) = self.at[e];
                Some((t, p - to + w.len()))
            }
            Pat::Re(r) => {
                // The literals' searchers (built once with the pattern's needs).
                let lits = needs
                    .filter(|n| n.literals.is_some())
                    .map(|n| n.finders.as_slice());
                // Next occurrence of each literal at or after where the search is (None:
                // none left), found again only when the search has passed it. On the
                // stack for the few literals a label has.
                let mut small = [None; 8];
                let mut large = Vec::new();
                let next: &mut [Option<usize>] = match lits {
                    Some(l) if l.len() > small.len() => {
                        large.resize(l.len(), None);
                        &mut large
                    }
                    Some(l) => &mut small[..l.len()],
                    None => &mut [],
                };
                let mut started = false;
                let mut f = from;
                while let Some(&(o, t, s)) = self.at.get(k) {
                    if let Some(lits) = lits {
                        let from_o = o + f.min(s.len());
                        let find = |w: &memmem::Finder| {
                            w.find(&self.joined.as_bytes()[from_o..])
                                .map(|i| from_o + i)
                        };
                        for (n, w) in next.iter_mut().zip(lits) {
                            if !started || n.is_some_and(|x| x < from_o) {
                                *n = find(w);
                            }
                        }
                        started = true;
                        // The token holding the nearest literal.
                        let near = next.iter().flatten().min()?;
                        let e = self.at.partition_point(|&(o, _, _)| o <= *near) - 1;
                        if e > k {
                            k = e;
                            f = 0;
                            continue;
                        }
                    }
                    if let Some(m) = r.find_at(s, f) {
                        return Some((t, m.end()));
                    }
                    k += 1;
                    f = 0;
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{tokenize, Needs, Pat, Tok};
    use super::TextIndex;
    use proptest::prelude::*;

    /// The search the index replaces: `find_end_at` on each text token in turn.
    fn by_token(toks: &[Tok], p: Pat, ti: usize, from: usize) -> Option<(usize, usize)> {
        toks.iter().enumerate().skip(ti).find_map(|(i, t)| match t {
            Tok::Text { s, .. } => {
                let f = if i == ti { from.min(s.len()) } else { 0 };
                p.find_end_at(s, f).map(|e| (i, e))
            }
            _ => None,
        })
    }

    const PIECES: &[&str] = &[
        "本年",
        "新收",
        "公开",
        "1.",
        "2、",
        "12",
        " ",
        "\n",
        "\t",
        "|",
        "其他",
        "（三）",
        "计",
    ];
    const PATTERNS: &[&str] = &[
        "新收",
        "本年新收",
        "公开",
        r"^公开",
        r"公开$",
        r"1[.、]?.{0,3}公开",
        r"本年|其他",
        r"\(三\)|（三）",
        r".",
        r"[0-9]+",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn index_finds_what_each_token_finds(
            v in proptest::collection::vec(0..PIECES.len(), 0..40),
            ti in 0usize..30,
            from in 0usize..8,
        ) {
            let text: String = v.into_iter().map(|i| PIECES[i]).collect();
            let toks = tokenize(&text, 0, text.len(), &|_| false);
            let index = TextIndex::new(&toks);
            for p in PATTERNS {
                let re = regex::Regex::new(p).unwrap();
                let needs = Needs::of(p);
                let pats = [(Pat::Re(&re), Some(&needs)), (Pat::Lit(p), None)];
                for (pat, needs) in pats {
                    if matches!(pat, Pat::Lit(_)) && !super::super::plain_word(p) {
                        continue;
                    }
                    // `from` is a character boundary of token `ti` (as a match end is).
                    let mut f = from;
                    if let Some(Tok::Text { s, .. }) = toks.get(ti) {
                        f = f.min(s.len());
                        while !s.is_char_boundary(f) {
                            f += 1;
                        }
                    }
                    prop_assert_eq!(
                        index.find(pat, needs, ti, f),
                        by_token(&toks, pat, ti, f),
                        "{} from {} {} in {:?}", p, ti, f, text
                    );
                }
            }
        }
    }
}
