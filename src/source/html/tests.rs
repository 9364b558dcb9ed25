//! .html reader tests: small pages built here, plus the two real pages.

use super::*;
use crate::source::{Grid, Place};

fn load(html: &str) -> Source {
    read("t.html".into(), html.as_bytes()).unwrap()
}

fn texts(g: &Grid) -> Vec<Vec<String>> {
    g.rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.clone()).collect())
        .collect()
}

#[test]
fn fragment_blocks_breaks_and_dropped_chrome() {
    let s = load(concat!(
        "<p>标题</p>\t<p>一、&nbsp;总体情况</p><script>var x = '<p>脚本</p>';</script><style>p{}</style>",
        "<nav>首页 &gt; 信息公开</nav><header>站点头部</header><div>正文<span>继续</span><br/>第二行</div>",
        "<p style=\"display: none\">隐藏</p><footer>版权所有</footer><h2> 二、主动公开 </h2>",
        "<ul><li>甲</li><li>乙\n   丙</li></ul>\u{3000}\u{3000}尾部"
    ));
    assert_eq!(
        s.text,
        "标题\n一、 总体情况\n正文继续\n第二行\n二、主动公开\n甲\n乙 丙\n\u{3000}\u{3000}尾部\n"
    );
    let h = s.text.find("二、").unwrap();
    assert_eq!(s.headings, vec![(h, 1)]);
    assert_eq!(s.place(h), Some(&Place::Paragraph(5)));
}

#[test]
fn charset_from_meta_bom_and_detection() {
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>政府信息公开工作年度报告</p></body></html>";
    let (gbk, _, _) = GB18030.encode(page);
    let s = read("g.html".into(), &gbk).unwrap();
    assert_eq!(s.text, "政府信息公开工作年度报告\n");
    assert_eq!(s.encoding, "gb18030");
    let meta5 = "<meta charset='GBK'><p>联系电话：0591-12345678</p>";
    let (gbk, _, _) = GB18030.encode(meta5);
    assert_eq!(
        read("g.html".into(), &gbk).unwrap().text,
        "联系电话：0591-12345678\n"
    );
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice("<p>年度报告</p>".as_bytes());
    assert_eq!(read("b.html".into(), &bom).unwrap().text, "年度报告\n");
    // No declaration at all: the plain-text detection decides.
    let (gbk, _, _) = GB18030.encode("<p>本年度报告中所列数据统计期限</p>");
    assert_eq!(
        read("d.html".into(), &gbk).unwrap().text,
        "本年度报告中所列数据统计期限\n"
    );
    // Declared UTF-8 but really GBK: detection rescues it.
    let (gbk, _, _) = GB18030.encode("<meta charset=\"utf-8\"><p>本年度报告中所列数据统计期限</p>");
    assert_eq!(
        read("m.html".into(), &gbk).unwrap().text,
        "本年度报告中所列数据统计期限\n"
    );
}

#[test]
fn rowspan_colspan_and_blank_cells() {
    let s = load(concat!(
        "<p>表三</p><table><tr><td colspan=\"3\">申请人<br />情况</td><td>总计</td></tr>",
        "<tr><td rowspan=\"2\">三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>5</td></tr>",
        "<tr><td>（二）</td><td><p align=\"center\">&nbsp;</p></td><td>&nbsp;</td></tr>",
        "<tr><td>短行</td></tr></table><p>后文</p>"
    ));
    let g = &s.grids[0];
    assert_eq!(
        texts(g),
        [
            ["申请人 情况", "", "", "总计"],
            ["三、本年度办理结果", "（一）予以公开", "", "5"],
            ["", "（二）", "", ""],
            ["短行", "", "", ""],
        ]
    );
    assert_eq!(g.rows[0][2].merged_from, Some((0, 0)));
    assert_eq!(g.rows[2][0].merged_from, Some((1, 0)));
    assert_eq!(g.rows[1][2].merged_from, Some((1, 1)));
    assert_eq!(g.rows[3][1].merged_from, None);
    assert_eq!(s.text, "表三\n申请人 情况\t\t\t总计\n三、本年度办理结果\t（一）予以公开\t\t5\n\t（二）\t\t\n短行\t\t\t\n后文\n");
    assert_eq!(
        s.place(s.text.find('5').unwrap()).unwrap().to_string(),
        "表1 第2行 第4列"
    );
}

#[test]
fn absurd_spans_are_clamped() {
    let s = load("<table><tr><td rowspan=\"99999\" colspan=\"5000\">x</td></tr><tr><td rowspan=0>y</td></tr><tr></tr></table>");
    let g = &s.grids[0];
    assert_eq!(g.rows.len(), 3);
    assert_eq!(g.rows[0].len(), 1001);
    assert_eq!(g.rows[1][0].merged_from, Some((0, 0)));
    assert_eq!(g.rows[1][1000].text, "y");
    assert_eq!(g.rows[2][1000].merged_from, Some((1, 1000)));
    let huge = format!(
        "<table>{}</table>",
        "<tr><td colspan=1000>x</td></tr>".repeat(300)
    );
    assert!(matches!(
        read("h.html".into(), huge.as_bytes()),
        Err(LoadError::TableTooLarge { .. })
    ));
}

#[test]
fn layout_table_and_deep_nesting() {
    let s = load("<table><tr><td><p>一、总体情况</p><table><tr><td>新收</td><td>3</td></tr></table></td><td>侧栏</td></tr></table>");
    assert_eq!(s.text, "一、总体情况\n新收\t3\n侧栏\n");
    assert_eq!(s.grids.len(), 1);
    let deep = format!("{}文字{}", "<div>".repeat(2000), "</div>".repeat(2000));
    assert!(matches!(
        read("d.html".into(), deep.as_bytes()),
        Err(LoadError::TooDeep { .. })
    ));
    assert!(matches!(
        read("e.html".into(), b"<p>&nbsp;</p>"),
        Err(LoadError::NoText)
    ));
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/real")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub const SHANGHAI: &str = "005_shanghai-govoffice-2019-fragment.html";
pub const PINGTAN: &str = "006_pingtan-2024-article-excerpt.html";

#[test]
fn real_shanghai_fragment() {
    let s = read(SHANGHAI.into(), &fixture(SHANGHAI)).unwrap();
    assert!(s
        .text
        .starts_with("2019年上海市人民政府办公厅政府信息公开工作年度报告\n发布日期：2020-01-31\n"));
    assert_eq!(
        s.grids.len(),
        3,
        "{:?}",
        s.grids
            .iter()
            .map(|g| (g.rows.len(), g.rows[0].len()))
            .collect::<Vec<_>>()
    );
    let blank = |g: &Grid| {
        g.rows
            .iter()
            .flatten()
            .filter(|c| c.merged_from.is_none() && c.text.is_empty())
            .count()
    };
    let blanks: usize = s.grids.iter().map(blank).sum();
    assert!(blanks >= 135, "{blanks}");
    assert!(s
        .grids
        .iter()
        .flat_map(|g| g.rows.iter().flatten())
        .any(|c| c.text == "本年新 制作数量"));
    for g in &s.grids {
        assert!(g.rows.iter().all(|r| r.len() == g.rows[0].len()));
    }
}

/// The vertical label is split by spaces in the page: "三、本 年度办 理结果".
fn label(text: &str) -> bool {
    text.replace(' ', "") == "三、本年度办理结果"
}

#[test]
fn real_pingtan_rowspan_22() {
    let s = read(PINGTAN.into(), &fixture(PINGTAN)).unwrap();
    let g = s
        .grids
        .iter()
        .find(|g| g.rows.iter().any(|r| r.iter().any(|c| label(&c.text))))
        .expect("表三");
    let (r0, c0) = g
        .rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|c| label(&c.text)).map(|c| (r, c)))
        .unwrap();
    let covered = g
        .rows
        .iter()
        .filter(|row| row[c0].merged_from == Some((r0, c0)))
        .count();
    assert_eq!(covered, 21);
    assert_eq!((r0, c0), (5, 0));
    assert_eq!(g.rows[5][3].text, "71");
    assert!(g.rows.iter().all(|r| r.len() == g.rows[0].len()));
    assert!(s.text.lines().any(|l| l.contains("一、总体情况")));
}
