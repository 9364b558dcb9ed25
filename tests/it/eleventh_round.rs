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
    assert_one_finding(&got, "prose-sum", "warning", "办结（答复）171件，多于受理（收到）的 117件");
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
