//! `--format junit`: JUnit XML for CI test reports (GitLab `artifacts:reports:junit`,
//! Jenkins `junit`). One test suite per file, one test case per rule run on it.
//! A rule fails when it has a finding at or above `--fail-on`; findings below the
//! threshold are listed in `system-out` of a passing case, and a rule whose every
//! finding was waived is `skipped` with the reasons.

use super::xml::{attr, escape};
use super::{Context, FileReport, LOAD_ERROR};
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;

#[derive(Default)]
struct Case<'a> {
    active: Vec<&'a Diagnostic>,
    waived: Vec<(&'a Diagnostic, &'a str)>,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.tests += o.tests;
        self.failures += o.failures;
        self.errors += o.errors;
        self.skipped += o.skipped;
    }
    fn attrs(&self) -> String {
        format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\"",
            self.tests, self.failures, self.errors, self.skipped
        )
    }
}

fn finding_line(d: &Diagnostic) -> String {
    let mut s = format!("第{}行第{}列", d.line, d.column);
    if let Some(l) = &d.location {
        s.push_str(&format!("（{l}）"));
    }
    s.push_str(&format!(" {}：{}", d.severity.zh(), d.message));
    if !d.help.is_empty() {
        s.push_str(&format!("\n    修改建议：{}", d.help));
    }
    s.push('\n');
    s
}

fn suite(f: &FileReport, ctx: &Context) -> (String, Counts) {
    let mut c = Counts::default();
    let mut body = String::new();
    let name = attr(&f.path);
    let mut props = Vec::new();
    if let Some(p) = &f.profile {
        props.push(("profile", p.clone()));
    }
    if let Some(y) = f.report.year {
        props.push(("year", y.to_string()));
    }
    if let Some(a) = &f.report.agency {
        props.push(("agency", a.clone()));
    }
    if !props.is_empty() {
        body.push_str("    <properties>\n");
        for (k, v) in props {
            body.push_str(&format!(
                "      <property name=\"{k}\" value=\"{}\"/>\n",
                attr(&v)
            ));
        }
        body.push_str("    </properties>\n");
    }
    if let Some(e) = &f.error {
        c.tests += 1;
        c.errors += 1;
        let msg = format!("无法检查：{e}");
        body.push_str(&format!(
            "    <testcase name=\"{LOAD_ERROR}\" classname=\"{name}\" file=\"{name}\">\n      <error message=\"{}\" type=\"{LOAD_ERROR}\">{}</error>\n    </testcase>\n",
            attr(&msg),
            escape(&msg)
        ));
    }
    let mut cases: BTreeMap<&str, Case> = f
        .rules
        .iter()
        .map(|r| (r.as_str(), Case::default()))
        .collect();
    for d in &f.diagnostics {
        cases.entry(d.rule.as_str()).or_default().active.push(d);
    }
    for s in &f.suppressed {
        cases
            .entry(s.diagnostic.rule.as_str())
            .or_default()
            .waived
            .push((&s.diagnostic, s.reason.as_str()));
    }
    for (rule, case) in &cases {
        c.tests += 1;
        let open = format!(
            "    <testcase name=\"{}\" classname=\"{name}\" file=\"{name}\"",
            attr(rule)
        );
        let failing: Vec<&&Diagnostic> = case
            .active
            .iter()
            .filter(|d| ctx.fails(d.severity))
            .collect();
        if let Some(first) = failing.first() {
            c.failures += 1;
            let text: String = case.active.iter().map(|d| finding_line(d)).collect();
            let worst = case
                .active
                .iter()
                .map(|d| d.severity)
                .max()
                .unwrap_or(first.severity);
            body.push_str(&format!(
                "{open}>\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                attr(&first.message),
                super::severity_word(worst),
                escape(&text)
            ));
        } else if !case.active.is_empty() {
            let text: String = case.active.iter().map(|d| finding_line(d)).collect();
            body.push_str(&format!(
                "{open}>\n      <system-out>{}</system-out>\n    </testcase>\n",
                escape(&text)
            ));
        } else if !case.waived.is_empty() {
            c.skipped += 1;
            let reasons: Vec<String> = case
                .waived
                .iter()
                .map(|(d, r)| format!("第{}行：{r}", d.line))
                .collect();
            body.push_str(&format!(
                "{open}>\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                attr(&format!("已豁免：{}", reasons.join("；")))
            ));
        } else {
            body.push_str(&format!("{open}/>\n"));
        }
    }
    (
        format!(
            "  <testsuite name=\"{name}\" {}>\n{body}  </testsuite>\n",
            c.attrs()
        ),
        c,
    )
}

pub fn render(files: &[FileReport], ctx: &Context) -> String {
    let mut total = Counts::default();
    let mut suites = String::new();
    for f in files {
        let (s, c) = suite(f, ctx);
        total.add(c);
        suites.push_str(&s);
    }
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"gongkai\" {}>\n{suites}</testsuites>\n", total.attrs())
}
