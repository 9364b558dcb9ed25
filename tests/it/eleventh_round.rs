//! Issue 10, eleventh round (tuning misses): more requests concluded than received in one
//! run of clauses (“共受理审批事项117件，办结171件，办结率100%”, 平潭地税局 2013, audit F4) is only
//! possible with requests carried over from an earlier year; when the text never mentions
//! one, `prose-sum` warns (`concluded-above`).

use crate::support::{assert_one_finding, check_draft as check, of_rule as of};

fn report(body: &str) -> String {
    format!(
        "某某县地方税务局2013年政府信息公开工作年度报告\n\
         本报告所列数据统计期限为2013年1月1日至12月31日。如对本报告有疑问，请与办公室联系（电话：0591-56650000）。\n\
         一、概述\n{body}\n"
    )
}

/// The `concluded-above` findings of `prose-sum` in the report around `body`.
fn above(body: &str) -> usize {
    let got = check(&report(body));
    of(&got, "prose-sum")
        .iter()
        .filter(|d| d.2.contains("多于受理"))
        .count()
}

#[test]
fn more_concluded_than_received_without_a_carry_over_is_a_warning() {
    // The audited shape (平潭地税局 2013, F4).
    let got = check(&report(
        "今年我局共受理审批事项117件，办结171件，办结率100%。",
    ));
    assert_one_finding(
        &got,
        "prose-sum",
        "warning",
        "办结（答复）171件，多于受理（收到）的 117件",
    );
    // 收到 … 答复, and 上年 written elsewhere in another sense (a comparison) does not
    // count as a carry-over.
    assert_eq!(
        above("全年收到政府信息公开申请10件，全部答复12件。主动公开信息较上年增加20条。"),
        1
    );
    // Near misses that must stay silent: equal or fewer concluded; a carry-over in the
    // sentence (上年, 结转) or anywhere in the text (遗留, 结转, 以前年度); two counts that
    // are not adjacent clauses; approximate counts.
    for body in [
        "今年我局共受理审批事项117件，办结117件，办结率100%。",
        "全年受理政府信息公开申请10件，已办结8件，正在办理2件。",
        "全年受理政府信息公开申请10件，办结12件（含上年结转申请2件）。",
        "全年受理政府信息公开申请10件，办结12件，其中2件为去年提出。",
        "上年度遗留未办结申请2件。全年受理政府信息公开申请10件，办结12件。",
        "全年受理政府信息公开申请10件，办结12件。\n三、依申请公开情况\n上年结转申请2件。",
        "全年受理政府信息公开申请10件，办结以前年度申请12件。",
        "全年受理政府信息公开申请10件，主动公开信息12件，办结10件。",
        "全年受理政府信息公开申请10余件，办结12件。",
    ] {
        assert_eq!(above(body), 0, "{body}");
    }
}

/// The `prose-sum` findings of the report around `body` whose message holds `part`.
fn sum_with(body: &str, part: &str) -> Vec<(String, String)> {
    let got = check(&report(body));
    of(&got, "prose-sum")
        .iter()
        .filter(|d| d.2.contains(part))
        .map(|d| (d.0.clone(), d.2.clone()))
        .collect()
}

#[test]
fn a_list_item_of_several_things_each_counted_is_at_least_two_items() {
    // 郑州高新区国土规划住建局 2022 (audit F1): a total with no opener, its parts to the end
    // of the sentence; “预售前及预售后公示各16件” is two items of 16: 130 > 114.
    let got = sum_with(
        "2022年我局共计公开114件,建设用地规划许可证信息(批后公告)25件,建设项目用地预审与选址意见书(批后公告)7件,建设工程规划许可证信息(建筑类批后公告)59件,建设工程规划许可证信息(市政类批后公告)7件,商品房预售许可证信息预售前及预售后公示各16件;2022年我局公开保障性住房信息45件。",
        "130件",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "warning");
    assert!(got[0].1.contains("各16件"), "{}", got[0].1);
    // The same in a `其中` list.
    let got = sum_with(
        "2022年我局共计公开114件，其中建设用地规划许可证信息25件，建设工程规划许可证信息59件，预售前及预售后公示各16件。",
        "116件",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "warning");
    // A bare list above its total with no 各: a warning (the link is read, not written).
    let got = sum_with(
        "2022年我局共计发布信息100条，政策文件60条，工作动态50条。",
        "110条",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "warning");
    // Near misses that stay silent: 各 items within the total; below the total (nothing is
    // judged short, in either list); channels (may overlap); a clause of another shape
    // (a result, an approximate count, a number without the unit, words after the last
    // count); a total with words between 共计 and its number (the count of one category:
    // `共计发布生态环境保护类信息40条，征地信息类121条`); a 其中 list that 各 read once exceeds
    // stays the error it was.
    for body in [
        "2022年我局共计公开114件，建设用地规划许可证信息25件，建设工程规划许可证信息59件，商品房预售许可证信息预售前及预售后公示各15件。",
        "2022年我局共计公开114件，其中建设用地规划许可证信息25件，预售前及预售后公示各10件。",
        "2022年我局共计公开114件，建设用地规划许可证信息25件，建设工程规划许可证信息59件。",
        "主动公开政府信息共计300条，门户网站发布200条，微信公众号发布150条。",
        "2022年我局共计公开114件，办结申请25件，答复留言100件。",
        "2022年我局共计公开114件，建设用地规划许可证信息25件，其他信息约100件。",
        "2022年我局共计公开114件，建设用地规划许可证信息25件，建设工程规划许可证信息100件，访问量超过5万次。",
        "2022年我局共计发布生态环境保护类信息40条，征地信息类121条，土地出让类信息39条。",
    ] {
        assert!(sum_with(body, "超过").is_empty(), "{body}");
    }
    let got = sum_with(
        "2022年我局共计公开114件，其中建设用地规划许可证信息25件，建设工程规划许可证信息90件，预售公示各16件。",
        "超过",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "error", "{got:?}");
}
