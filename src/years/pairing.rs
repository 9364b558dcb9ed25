//! Pairing the reports of a batch: each report with the report of the same agency
//! for the year before. Reports are grouped by (agency key, year) in a hash map, so
//! pairing is linear in the number of reports; the order of the input (sorted paths)
//! fixes the order of the output, whatever the number of threads that read them.
//!
//! It never guesses: a report is paired only when exactly one report of a
//! compatible agency name ([`Name::compatible`]) exists for exactly the year before.
//! Several candidates make an ambiguous link (reported as an info); none, no link.

use super::agency::Name;
use std::collections::HashMap;

/// What pairing found for one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// `current` is compared with `previous` (indices into the input).
    Pair { current: usize, previous: usize },
    /// Several reports could be last year's: none is compared.
    Ambiguous {
        current: usize,
        candidates: Vec<usize>,
    },
}

/// A report as pairing sees it: its year and agency, when both are known.
pub type Key = Option<(i32, Name)>;

/// Pair every report with last year's report of the same agency.
pub fn pair(entries: &[Key]) -> Vec<Link> {
    let mut by_year: HashMap<(&str, i32), Vec<usize>> = HashMap::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        if let Some((y, n)) = e {
            by_year.entry((n.key.as_str(), *y)).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let Some((y, name)) = e else { continue };
        let Some(before) = y
            .checked_sub(1)
            .and_then(|b| by_year.get(&(name.key.as_str(), b)))
        else {
            continue;
        };
        let candidates: Vec<usize> = before
            .iter()
            .copied()
            .filter(|&j| entries[j].as_ref().is_some_and(|(_, n)| name.compatible(n)))
            .collect();
        match candidates.len() {
            0 => {}
            1 => out.push(Link::Pair {
                current: i,
                previous: candidates[0],
            }),
            _ => out.push(Link::Ambiguous {
                current: i,
                candidates,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(year: i32, name: &str) -> Key {
        Some((year, Name::parse(name).unwrap()))
    }

    #[test]
    fn pairs_consecutive_years_of_one_agency_only() {
        let entries = vec![
            key(2023, "洪泽区人民政府"),
            key(2024, "淮安市洪泽区人民政府"),
            key(2024, "淮安市人民政府"),
            key(2022, "淮安市人民政府"),
            key(2025, "淮安市洪泽区人民政府办公室"),
            None,
            key(2024, "淮安市民政局"),
        ];
        let links = pair(&entries);
        assert_eq!(
            links,
            vec![
                Link::Pair {
                    current: 1,
                    previous: 0
                },
                Link::Pair {
                    current: 4,
                    previous: 1
                },
            ]
        );
    }

    #[test]
    fn namesakes_are_ambiguous_not_guessed() {
        let entries = vec![
            key(2023, "南京市鼓楼区人民政府"),
            key(2023, "福州市鼓楼区人民政府"),
            key(2024, "鼓楼区人民政府"),
            key(2024, "福州市鼓楼区人民政府"),
        ];
        assert_eq!(
            pair(&entries),
            vec![
                Link::Ambiguous {
                    current: 2,
                    candidates: vec![0, 1]
                },
                Link::Pair {
                    current: 3,
                    previous: 1
                },
            ]
        );
    }
}
