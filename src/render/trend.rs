//! Year-over-year tables and charts per agency for supervisors: in `--summary`
//! (text), `--summary-csv` (columns per file) and `--html` (a table and an inline
//! SVG chart per agency: no scripts, vector graphics that print). Large jumps from
//! the year before are marked `⚑` for review; they are hints (提示), not findings.
//! Nothing is added when no agency has two consecutive years in the run.

use super::xml::escape;
use crate::years::trend::{show, AgencyTrend, YearRow, COLUMNS};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The mark of a figure that jumped from the year before.
pub const JUMP: &str = "⚑";

const NOTE: &str = "标 ⚑ 的数字与上一年相比变化很大（增减五倍以上，或占比变化 30 个百分点以上），请核对是否填错（提示）。";

fn cell(row: &YearRow, key: &str) -> String {
    let v = show(key, row.figures.get(key));
    if row.jumps.contains(&key) {
        format!("{v} {JUMP}")
    } else {
        v
    }
}

/// `--summary`: one table per agency.
pub fn text(trends: &[AgencyTrend]) -> String {
    if trends.is_empty() {
        return String::new();
    }
    let mut out = String::from("机关逐年对比：\n");
    for t in trends {
        let _ = writeln!(out, "\n{}", t.agency);
        let header: Vec<&str> = ["年度"]
            .into_iter()
            .chain(COLUMNS.iter().map(|(_, h)| *h))
            .collect();
        let rows: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| {
                std::iter::once(r.year.to_string())
                    .chain(COLUMNS.iter().map(|(k, _)| cell(r, k)))
                    .collect()
            })
            .collect();
        let right: Vec<bool> = header.iter().map(|_| true).collect();
        out.push_str(&super::summary::table(&header, &rows, &right));
    }
    let _ = writeln!(out, "{NOTE}");
    out
}

/// `--summary-csv`: per file, the agency's figures of that year and the jumps.
/// `(header, cells by path)`; empty when there are no trends.
pub fn csv_columns(trends: &[AgencyTrend]) -> (Vec<String>, HashMap<&str, Vec<String>>) {
    if trends.is_empty() {
        return (Vec::new(), HashMap::new());
    }
    let mut header: Vec<String> = vec!["上年报告".into()];
    header.extend(COLUMNS.iter().map(|(_, h)| h.to_string()));
    header.push("较上年变化大（请核对）".into());
    let mut by_path = HashMap::new();
    for t in trends {
        for (i, r) in t.rows.iter().enumerate() {
            let previous = i
                .checked_sub(1)
                .and_then(|j| t.rows.get(j))
                .filter(|p| p.year + 1 == r.year)
                .map(|p| p.path.clone())
                .unwrap_or_default();
            let mut cells = vec![previous];
            cells.extend(COLUMNS.iter().map(|(k, _)| match r.figures.get(k) {
                Some(_) => show(k, r.figures.get(k)),
                None => String::new(),
            }));
            let jumps: Vec<&str> = COLUMNS
                .iter()
                .filter(|(k, _)| r.jumps.contains(k))
                .map(|(_, h)| *h)
                .collect();
            cells.push(jumps.join("、"));
            by_path.insert(r.path.as_str(), cells);
        }
    }
    (header, by_path)
}

/// Series drawn in the chart: (column key, colour, dashed).
const SERIES: [(&str, &str, bool); 4] = [
    ("received", "#175cd3", false),
    ("review", "#b54708", false),
    ("suit", "#b42318", true),
    ("normative_made", "#067647", true),
];

/// A small line chart of an agency's counts, one line per series, each scaled to its
/// own maximum (the table gives the numbers); points that jumped are circled.
pub fn svg(t: &AgencyTrend) -> String {
    const W: f64 = 560.0;
    const H: f64 = 150.0;
    const LEFT: f64 = 40.0;
    const RIGHT: f64 = 150.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 28.0;
    let n = t.rows.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            LEFT + (W - LEFT - RIGHT) / 2.0
        } else {
            LEFT + (W - LEFT - RIGHT) * i as f64 / (n - 1) as f64
        }
    };
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}逐年变化\">",
        escape(&t.agency)
    );
    // Axis and years.
    let base = H - BOTTOM;
    let _ = write!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#98a2b3\"/>",
        W - RIGHT
    );
    for (i, r) in t.rows.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#475467\">{}</text>",
            x(i),
            H - 10.0,
            r.year
        );
    }
    for (si, (key, colour, dashed)) in SERIES.iter().enumerate() {
        let values: Vec<Option<i64>> = t.rows.iter().map(|r| r.figures.get(key)).collect();
        let max = values.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
        let y = |v: i64| base - (H - TOP - BOTTOM) * v as f64 / max;
        // Lines only between consecutive known values.
        let mut path = String::new();
        let mut pen_down = false;
        for (i, v) in values.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(
                        path,
                        "{}{:.1},{:.1} ",
                        if pen_down { "L" } else { "M" },
                        x(i),
                        y(*v)
                    );
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        if !path.is_empty() {
            let dash = if *dashed {
                " stroke-dasharray=\"5 3\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>",
                path.trim_end()
            );
        }
        for (i, v) in values.iter().enumerate() {
            let Some(v) = v else { continue };
            let jumped = t.rows[i].jumps.contains(key);
            let _ = write!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{}\" fill=\"{}\" stroke=\"{colour}\" stroke-width=\"2\"><title>{} {} {}</title></circle>",
                x(i),
                y(*v),
                if jumped { 5 } else { 3 },
                if jumped { "#fedf89" } else { colour },
                t.rows[i].year,
                label(key),
                v
            );
        }
        // Legend on the right, with the latest value.
        let ly = TOP + 6.0 + 22.0 * si as f64;
        let last = values.iter().rev().flatten().next();
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2\"{}/><text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#101828\">{} {}</text>",
            W - RIGHT + 10.0,
            W - RIGHT + 28.0,
            if *dashed { " stroke-dasharray=\"5 3\"" } else { "" },
            W - RIGHT + 32.0,
            ly + 4.0,
            label(key),
            last.map(|v| v.to_string()).unwrap_or_else(|| "—".into())
        );
    }
    out.push_str("</svg>");
    out
}

fn label(key: &str) -> &'static str {
    COLUMNS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, h)| *h)
        .unwrap_or("")
}

/// `--html`: a section with one table and one chart per agency.
pub fn html(trends: &[AgencyTrend]) -> String {
    if trends.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section id=\"trends\">\n<h2>机关逐年对比</h2>\n");
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} 图中每条折线按各自的最大值缩放，数字以表格为准。</p>",
        escape(NOTE)
    );
    for (i, t) in trends.iter().enumerate() {
        let _ = write!(
            out,
            "<div class=\"agency-trend\" id=\"trend-{}\">\n<h3>{}</h3>\n<table class=\"trend-table\">\n<tr><th>年度</th>",
            i + 1,
            escape(&t.agency)
        );
        for (_, h) in COLUMNS {
            let _ = write!(out, "<th>{}</th>", escape(h));
        }
        out.push_str("<th>文件</th></tr>\n");
        for r in &t.rows {
            let _ = write!(out, "<tr><td>{}</td>", r.year);
            for (k, _) in COLUMNS {
                let v = escape(&show(k, r.figures.get(k)));
                if r.jumps.contains(&k) {
                    let _ = write!(
                        out,
                        "<td class=\"n jump\" title=\"与上一年相比变化很大，请核对\">{v} {JUMP}</td>"
                    );
                } else {
                    let _ = write!(out, "<td class=\"n\">{v}</td>");
                }
            }
            let _ = writeln!(out, "<td>{}</td></tr>", escape(&r.path));
        }
        out.push_str("</table>\n");
        out.push_str(&svg(t));
        out.push_str("\n</div>\n");
    }
    out.push_str("</section>\n");
    out
}

/// CSS for the HTML section.
pub const CSS: &str = r#"
.agency-trend { break-inside: avoid; margin-bottom: 18px; }
td.jump { background: #fffaeb; color: var(--warn); font-weight: bold; }
svg.trend { display: block; max-width: 100%; height: auto; border: 1px solid #eaecf0; }
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::years::trend::Figures;

    fn trend() -> AgencyTrend {
        let row = |year: i32, received: i64, jumps: Vec<&'static str>| YearRow {
            year,
            path: format!("{year}<&>.txt"),
            figures: Figures {
                received: Some(received),
                open_share: Some(500),
                review: Some(3),
                suit: None,
                ..Default::default()
            },
            jumps,
        };
        AgencyTrend {
            agency: "某<局>".into(),
            rows: vec![row(2023, 10, vec![]), row(2024, 90, vec!["received"])],
        }
    }

    #[test]
    fn tables_mark_the_jumps() {
        let t = text(&[trend()]);
        assert!(t.contains("90 ⚑"), "{t}");
        assert!(t.contains("50.0%"), "{t}");
        let h = html(&[trend()]);
        assert!(h.contains("<td class=\"n jump\""), "{h}");
        assert!(h.contains("某&lt;局&gt;") && !h.contains("某<局>"));
        assert!(!h.contains("<script"));
        let trends = [trend()];
        let (header, cells) = csv_columns(&trends);
        assert_eq!(header.last().unwrap(), "较上年变化大（请核对）");
        assert_eq!(cells["2024<&>.txt"][0], "2023<&>.txt");
        assert_eq!(cells["2024<&>.txt"].last().unwrap(), "新收申请");
        assert_eq!(text(&[]), "");
    }

    #[test]
    fn chart_has_a_line_per_known_series() {
        let s = svg(&trend());
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
        // 新收申请 and 行政复议 are known in both years; 诉讼 in neither.
        assert_eq!(s.matches("<path ").count(), 2, "{s}");
        assert!(s.contains("r=\"5\""), "the jump is circled larger");
    }
}
