//! Stop 19, second round (issue 10): in a 表二 laid out one cell per line (stored web pages),
//! a row whose numbers stop — at the next row's label, a header, or the next part's heading —
//! before it has one per column has cells without a number (an empty cell, or one the page
//! dropped because it was empty). That is reported (`t2-cells`, warning); a row cut off by
//! the end of the text (an excerpt) is not, nor is a number written with its unit.

use crate::support::{assert_one_finding, check_draft as check, of_rule as of};

const HEAD_2021: &str = "某某县卫生健康局2021年政府信息公开工作年度报告\n\
    本报告所列数据统计期限为2021年1月1日至12月31日。如对本报告有疑问，请与办公室联系（电话：0454-1234567）。\n\
    一、总体情况\n2021年，本局主动公开政府信息。\n\
    二、主动公开政府信息情况\n";

fn table_2021(rows: &str) -> String {
    let mut cells = vec![
        "第二十条第(一)项",
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ];
    cells.extend(rows.split(' '));
    cells.join("\n\n")
}

const T2_2021: &str =
    "规章 0 0 0 行政规范性文件 0 0 4 第二十条第(五)项 信息内容 本年处理决定数量 行政许可 16 \
    第二十条第(六)项 信息内容 本年处理决定数量 行政处罚 0 行政强制 0 \
    第二十条第(八)项 信息内容 本年收费金额(单位:万元) 行政事业性收费";

#[test]
fn a_last_row_without_its_number_before_the_next_part_is_blank() {
    let text = format!(
        "{HEAD_2021}{}\n\n \n\n三、收到和处理政府信息公开申请情况\n本年未收到申请。\n",
        table_2021(T2_2021)
    );
    let got = check(&text);
    assert_one_finding(&got, "t2-cells", "warning", "表二「行政事业性收费」为空白");
    assert!(
        of(&got, "t2-structure").is_empty(),
        "the row is read (blank), not unreadable: {got:?}"
    );
    // The same row with its number: nothing.
    let text = format!(
        "{HEAD_2021}{}\n\n0\n\n三、收到和处理政府信息公开申请情况\n本年未收到申请。\n",
        table_2021(T2_2021)
    );
    assert!(of(&check(&text), "t2-cells").is_empty());
}

#[test]
fn a_row_cut_off_by_the_end_of_the_text_is_not_blank() {
    // An excerpt that stops after the label: its number may follow in the report.
    let text = format!("{HEAD_2021}{}\n", table_2021(T2_2021));
    let got = check(&text);
    assert!(of(&got, "t2-cells").is_empty(), "{got:?}");
}

#[test]
fn a_row_with_fewer_numbers_than_columns_is_reported_without_naming_a_column() {
    // 规章 has two numbers of three, then the next row's label.
    let rows = T2_2021.replacen("规章 0 0 0", "规章 0 0", 1);
    let text = format!(
        "{HEAD_2021}{}\n\n1.5\n\n三、收到和处理政府信息公开申请情况\n本年未收到申请。\n",
        table_2021(&rows)
    );
    let got = check(&text);
    assert_one_finding(
        &got,
        "t2-cells",
        "warning",
        "表二「规章」只有 2 个数值，格式规定 3 列：有 1 栏没有填数字",
    );
    assert!(of(&got, "t2-structure").is_empty(), "{got:?}");
}

const HEAD_2019: &str = "某某乡人民政府2019年政府信息公开工作年度报告\n\
    本报告所列数据统计期限为2019年1月1日至12月31日。如对本报告有疑问，请与党政办联系（电话：0396-1234567）。\n\
    一、总体情况\n2019年，我乡共发布动态信息23条。\n\
    二、主动公开政府信息情况\n";

fn table_2019(fee: &str, purchase: &str) -> String {
    let cells = format!(
        "第二十条第(一)项 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 规章 0 0 0 规范性文件 0 0 0 \
         第二十条第(五)项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可 0 0 0 其他对外管理服务事项 0 0 0 \
         第二十条第(六)项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政处罚 0 0 0 行政强制 0 0 0 \
         第二十条第(八)项 信息内容 上一年项目数量 本年增/减 行政事业性收费 {fee} \
         第二十条第(九)项 信息内容 采购项目数量 采购总金额(单位:万元,保留4位小数) 政府集中采购 {purchase}"
    );
    let cells: Vec<&str> = cells.split_whitespace().collect();
    format!(
        "{HEAD_2019}{}\n\n三、收到和处理政府信息公开申请情况\n本年未收到申请。\n",
        cells.join("\n\n")
    )
}

#[test]
fn a_row_of_the_2019_table_with_one_number_of_two_is_reported() {
    let got = check(&table_2019("0", "6 137.3"));
    assert_one_finding(
        &got,
        "t2-cells",
        "warning",
        "表二「行政事业性收费」只有 1 个数值，格式规定 2 列",
    );
    // Both numbers: nothing.
    assert!(of(&check(&table_2019("0 0", "6 137.3")), "t2-cells").is_empty());
}

#[test]
fn a_number_written_with_its_unit_is_no_empty_cell() {
    // “70487元” is read as words, but it is the cell's value (in the wrong unit).
    let got = check(&table_2019("0 0", "2 70487元"));
    assert!(
        !of(&got, "t2-cells").iter().any(|d| d.2.contains("只有")),
        "{got:?}"
    );
}

#[test]
fn a_number_printed_before_its_label_is_no_empty_cell() {
    // Plain pdftotext of 洪泽 2024: “7545” comes after the column header, before the
    // label “行政事业性收费”; the row has its number, only away from its label.
    let rows = T2_2021.replace(
        "本年收费金额(单位:万元) 行政事业性收费",
        "本年收费金额(单位:万元) 7545 行政事业性收费",
    );
    let text = format!(
        "{HEAD_2021}{}\n\n三、收到和处理政府信息公开申请情况\n本年未收到申请。\n",
        table_2021(&rows)
    );
    let got = check(&text);
    assert!(of(&got, "t2-cells").is_empty(), "{got:?}");
}
