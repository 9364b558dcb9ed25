//! Facts stage: typed values with spans (normalized offsets), read once per document.
//! Rules read facts; they do not re-parse numbers, dates or contact items.

pub mod breakdown;
pub mod contact;
pub mod date;
pub mod lex;
pub mod linked;
pub mod number;
mod opening;
pub mod report;
pub mod scan;
pub mod sums;

pub use contact::{ContactItem, ContactKind};
pub use date::{DateFact, Period, Ymd};
pub use number::{Dec, NumberFact};
pub use report::AgencyLevel;
pub use sums::{Introducer, SumStatement};

/// Where the report year was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Title,
    Opening,
    Period,
    Override,
}

#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub numbers: Vec<NumberFact>,
    pub dates: Vec<DateFact>,
    pub periods: Vec<Period>,
    /// Periods written without the 年 after their years (`20201月1日至202012月31日`).
    pub malformed_periods: Vec<(usize, usize)>,
    pub contacts: Vec<ContactItem>,
    pub sums: Vec<SumStatement>,
    pub year: Option<(i32, YearSource)>,
    pub agency: Option<String>,
    pub level: Option<AgencyLevel>,
    /// 落款日期: the date on the closing line.
    pub signed: Option<DateFact>,
    /// A publication date from page metadata around the report (发布时间:…).
    pub published_meta: Option<DateFact>,
}
