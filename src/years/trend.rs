//! Year-over-year figures per agency, for the supervisor outputs (`--summary`,
//! `--summary-csv`, `--html`): applications received, the share disclosed
//! (予以公开), 行政复议 and 行政诉讼 cases and the share corrected (纠正), and
//! 行政规范性文件. An agency is a chain of reports linked by pairing, so a trend
//! never joins two agencies or bridges a missing year. Large jumps between two
//! consecutive years are flagged for review: they are often a typo or a unit slip.
//!
//! Pure data: the renderers lay it out.

use super::snapshot::Snapshot;

/// The figures of one report. Shares are in tenths of a percent (`625` = 62.5 %).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub received: Option<i64>,
    pub open_share: Option<i64>,
    pub review: Option<i64>,
    pub suit: Option<i64>,
    pub fixed_share: Option<i64>,
    pub normative_made: Option<i64>,
    pub normative_valid: Option<i64>,
}

/// Table lines (table id, row or column key) the figures read: a snapshot keeps them.
pub const CELLS: [(&str, &str); 14] = [
    ("t3", "new_received"),
    ("t3", "r_open"),
    ("t3", "r_total"),
    ("t4", "all"),
    ("t2", "normative"),
    ("stat", "received"),
    ("stat", "a_public_scope"),
    ("stat", "a_agree"),
    ("stat", "answered"),
    ("stat", "review_total"),
    ("stat", "review_fix"),
    ("stat", "suit_total"),
    ("stat", "suit_fix"),
    ("stat", "normative_made"),
];

/// Columns of the year-over-year table: (key, heading).
pub const COLUMNS: [(&str, &str); 7] = [
    ("received", "新收申请"),
    ("open_share", "予以公开占比"),
    ("review", "行政复议"),
    ("suit", "行政诉讼"),
    ("fixed_share", "复议诉讼纠正占比"),
    ("normative_made", "规范性文件制发"),
    ("normative_valid", "规范性文件现行有效"),
];

impl Figures {
    pub fn of(s: &Snapshot) -> Figures {
        let v =
            |t: &str, r: &str, c: &str| -> Option<i64> { s.tables.get(t)?.value(r, c)?.as_i64() };
        let sum = |cells: &[(&str, &str, &str)]| -> Option<i64> {
            cells
                .iter()
                .try_fold(0i64, |acc, (t, r, c)| acc.checked_add(v(t, r, c)?))
        };
        let share = |num: Option<i64>, den: Option<i64>| -> Option<i64> {
            let (n, d) = (num?, den?);
            (d > 0).then(|| n.saturating_mul(1000) / d)
        };
        if s.tables.contains_key("stat") {
            let st = |r: &str| v("stat", r, "value");
            let fixed = sum(&[
                ("stat", "review_fix", "value"),
                ("stat", "suit_fix", "value"),
            ]);
            let cases = sum(&[
                ("stat", "review_total", "value"),
                ("stat", "suit_total", "value"),
            ]);
            return Figures {
                received: st("received"),
                open_share: share(
                    sum(&[
                        ("stat", "a_public_scope", "value"),
                        ("stat", "a_agree", "value"),
                    ]),
                    st("answered"),
                ),
                review: st("review_total"),
                suit: st("suit_total"),
                fixed_share: share(fixed, cases),
                normative_made: st("normative_made"),
                normative_valid: None,
            };
        }
        let review = v("t4", "all", "rv_total");
        let suit = sum(&[("t4", "all", "ld_total"), ("t4", "all", "lr_total")]);
        let fixed = sum(&[
            ("t4", "all", "rv_fix"),
            ("t4", "all", "ld_fix"),
            ("t4", "all", "lr_fix"),
        ]);
        Figures {
            received: v("t3", "new_received", "total"),
            open_share: share(v("t3", "r_open", "total"), v("t3", "r_total", "total")),
            review,
            suit,
            fixed_share: share(fixed, review.zip(suit).map(|(a, b)| a.saturating_add(b))),
            normative_made: v("t2", "normative", "made").or(v("t2", "normative", "new_made")),
            normative_valid: v("t2", "normative", "valid"),
        }
    }

    /// A figure by column key.
    pub fn get(&self, key: &str) -> Option<i64> {
        match key {
            "received" => self.received,
            "open_share" => self.open_share,
            "review" => self.review,
            "suit" => self.suit,
            "fixed_share" => self.fixed_share,
            "normative_made" => self.normative_made,
            "normative_valid" => self.normative_valid,
            _ => None,
        }
    }
}

/// Is a share column (tenths of a percent)?
pub fn is_share(key: &str) -> bool {
    key.ends_with("_share")
}

/// A figure as shown: counts as they are, shares as `62.5%`, unknown as `—`.
pub fn show(key: &str, v: Option<i64>) -> String {
    match v {
        None => "—".into(),
        Some(v) if is_share(key) => format!("{}.{}%", v / 10, v % 10),
        Some(v) => v.to_string(),
    }
}

/// A jump worth a look between two consecutive years: counts that grow or shrink
/// fivefold (the larger at least 20), shares that move 30 points or more.
pub fn jump(key: &str, before: Option<i64>, after: Option<i64>) -> bool {
    let (Some(a), Some(b)) = (before, after) else {
        return false;
    };
    if is_share(key) {
        return (a - b).abs() >= 300;
    }
    a.max(b) >= 20 && (b >= a.saturating_mul(5) || a >= b.saturating_mul(5))
}

/// One year of an agency.
#[derive(Debug, Clone)]
pub struct YearRow {
    pub year: i32,
    pub path: String,
    pub figures: Figures,
    /// Column keys whose change from the year before is flagged.
    pub jumps: Vec<&'static str>,
}

/// The years of one agency, oldest first.
#[derive(Debug, Clone)]
pub struct AgencyTrend {
    pub agency: String,
    pub rows: Vec<YearRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jumps_and_shares() {
        assert!(jump("received", Some(100), Some(600)));
        assert!(jump("received", Some(600), Some(100)));
        assert!(!jump("received", Some(2), Some(15)));
        assert!(!jump("received", Some(100), Some(400)));
        assert!(jump("received", Some(0), Some(25)));
        assert!(jump("open_share", Some(800), Some(450)));
        assert!(!jump("open_share", Some(800), Some(600)));
        assert!(!jump("review", None, Some(600)));
        assert_eq!(show("open_share", Some(625)), "62.5%");
        assert_eq!(show("review", None), "—");
    }
}
