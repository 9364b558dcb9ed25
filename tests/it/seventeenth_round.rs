//! Issue 10, seventeenth round (stop 25):
//! - parts written as lower bounds (`通过新闻媒体公开信息1600余条`): the exact parts and the
//!   bounds together are at least their sum, and a floor above an exact total is an excess
//!   whatever the bounds stand for (清水县 2019, tuning, audit F1: 2100 + 5469 + 1600余 +
//!   600余 against 8769, channels closed by “通过其他形式公开信息”).

use crate::support::{assert_one_finding, check_draft as check, of_rule as of, one_warning};

#[test]
fn parts_written_as_lower_bounds_exceed_an_exact_total() {
    let msg = one_warning("real/tuning/gansu-qingshui-2019.txt", "prose-sum");
    assert!(msg.contains("至少 9769条"), "{msg}");
    assert!(msg.contains("通过其他形式公开信息"), "{msg}");
    let draft = |other: &str, total: &str| {
        format!("某某县2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息{total}，其中政策文件120条，工作动态150条，其他信息{other}。\n")
    };
    // 120 + 150 + at least 40 > 300: the floor exceeds the total.
    let got = check(&draft("40余条", "300条"));
    assert_one_finding(&got, "prose-sum", "warning", "至少为 310条");
    let got = check(&draft("超过40条", "300条"));
    assert_one_finding(&got, "prose-sum", "warning", "至少为 310条");
    // A floor at or below the total, a number that is no bound (约/近) and an approximate
    // total say nothing.
    for (other, total) in [
        ("30余条", "300条"),
        ("20多条", "300条"),
        ("约40条", "300条"),
        ("近40条", "300条"),
        ("40余条", "300余条"),
    ] {
        let got = check(&draft(other, total));
        assert!(of(&got, "prose-sum").is_empty(), "{other} {total}: {got:?}");
    }
    // Channels that may overlap are judged only when a catch-all closes them.
    let channels = |last: &str| {
        format!("某某县2023年政府信息公开工作年度报告\n一、总体情况\n主动公开政府信息870条。其中，通过市政府网站公开信息210条，通过县政府门户网站发布政府信息546条，通过新闻媒体公开信息100余条、{last}60余条。\n")
    };
    let got = check(&channels("通过其他形式公开信息"));
    assert_one_finding(&got, "prose-sum", "warning", "至少 916条");
    let got = check(&channels("通过微信公众号公开信息"));
    assert!(of(&got, "prose-sum").is_empty(), "{got:?}");
}
