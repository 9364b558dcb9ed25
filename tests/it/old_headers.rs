//! Stop 20 (issue 10): a 2021 report whose 表二 is the 2019 trial form but cannot be read
//! (its column titles cut short by the page: `本年新`) still shows the old form by the
//! column titles only that form has; reported as the old layout, never as numbers.

use crate::support::{check_draft as check, of_rule as of};

fn report(year: u32, columns: [&str; 3], second: [&str; 3]) -> String {
    format!(
        "某镇人民政府{year}年政府信息公开工作年度报告\n\
         本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。如对本报告有疑问，请与镇党政办联系（电话：0355-8262413）。\n\
         一、总体情况\n本镇认真贯彻落实《条例》，做好政府信息公开工作。\n\
         二、主动公开政府信息情况\n\
         第二十条第(一)项 | |||\n信息内容 |\n{} |\n{} |\n{} |\n规章 |\n0 |\n0 |\n0 |\n规范性文件 |\n0 |\n0 |\n0 |\n\
         第二十条第(五)项 | |||\n信息内容 |\n{} |\n{} |\n{} |\n行政许可 |\n0 |\n0 |\n0 |\n",
        columns[0], columns[1], columns[2], second[0], second[1], second[2]
    )
}

const OLD_FIRST: [&str; 3] = ["本年新", "本年新", "对外公开总数量"];
const OLD_SECOND: [&str; 3] = ["上一年项目数量", "本年增/减", "处理决定数量"];

#[test]
fn an_unreadable_table_with_the_old_forms_column_titles_is_the_old_layout() {
    let got = check(&report(2021, OLD_FIRST, OLD_SECOND));
    let t2 = of(&got, "t2-structure");
    assert!(
        t2.iter()
            .any(|d| d.0 == "warning" && d.2.contains("2019年试行格式")),
        "{t2:?}"
    );
    // No number of the unread table is judged.
    assert!(
        of(&got, "t2-cells").iter().all(|d| d.0 == "info"),
        "{got:?}"
    );
    // One old title alone is not enough; the current form's titles are none.
    for second in [
        ["本年新", "本年新", "处理决定数量"],
        ["本年处理决定数量", "本年新", "本年新"],
    ] {
        let got = check(&report(2021, ["本年新", "本年新", "本年新"], second));
        assert!(
            !of(&got, "t2-structure")
                .iter()
                .any(|d| d.2.contains("表样")),
            "{second:?}: {got:?}"
        );
    }
    // The same table in a 2020 report is its own form.
    let got = check(&report(2020, OLD_FIRST, OLD_SECOND));
    assert!(
        !of(&got, "t2-structure")
            .iter()
            .any(|d| d.2.contains("表样")),
        "{got:?}"
    );
}
