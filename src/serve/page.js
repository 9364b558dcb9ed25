// The clerk's page: upload drafts to the local gongkai server and show its findings
// in place. Plain DOM, no library, no outside resource (the server's CSP forbids them).
"use strict";

const SEV = { error: "错误", warning: "警告", info: "提示" };
let seq = 0;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

function query(name) {
  const p = new URLSearchParams({ name });
  const profile = document.getElementById("profile").value;
  const year = document.getElementById("year").value;
  if (profile) p.set("profile", profile);
  if (year) p.set("year", year);
  return p.toString();
}

async function post(path, file) {
  const r = await fetch(path + "?" + query(file.name), { method: "POST", body: file });
  if (!r.ok) {
    let msg = r.status + " " + r.statusText;
    try { msg = (await r.json()).error || msg; } catch (_) { /* not JSON */ }
    throw new Error(msg);
  }
  return r;
}

// Byte offsets of the UTF-8 text → indices of the JS string.
function byteIndex(text) {
  const map = new Uint32Array(new TextEncoder().encode(text).length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    if (c >= 0x10000) i++;
  }
  map[b] = text.length;
  return (off) => map[Math.min(off, b)];
}

function download(name, type, data) {
  const a = el("a", { href: URL.createObjectURL(new Blob([data], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

async function explain(rule) {
  const d = document.getElementById("explain");
  document.getElementById("explain-title").textContent = rule;
  const pre = document.getElementById("explain-text");
  pre.textContent = "正在读取…";
  d.showModal();
  try {
    const r = await fetch("/api/explain/" + encodeURIComponent(rule));
    pre.textContent = r.ok ? await r.text() : (await r.json()).error;
  } catch (e) {
    pre.textContent = "无法读取规则说明：" + e.message;
  }
}

// The text with every finding marked; returns the marks by finding index.
function renderText(text, diags) {
  const at = byteIndex(text);
  const spans = diags
    .map((d, i) => ({ i, s: at(d.offset), e: at(d.offset + Math.max(d.length, 1)), sev: d.severity }))
    .sort((a, b) => a.s - b.s || b.e - a.e);
  const pre = el("pre", { class: "text" });
  const marks = new Map();
  let pos = 0;
  for (const sp of spans) {
    const s = Math.max(sp.s, pos);
    const e = Math.max(sp.e, s);
    if (s > pos) pre.append(text.slice(pos, s));
    const m = el("mark", { class: sp.sev, id: "m" + seq + "-" + sp.i, title: diags[sp.i].message }, text.slice(s, e));
    pre.append(m);
    marks.set(sp.i, m);
    pos = e;
  }
  pre.append(text.slice(pos));
  return { pre, marks };
}

function renderTables(view, diags) {
  const box = el("div", { class: "tables" });
  const hits = diags.map((d) => [d.offset, d.offset + Math.max(d.length, 1), d.severity]);
  for (const t of view.tables || []) {
    box.append(el("h3", {}, t.title + (t.status === "recovered" ? "" : "（未能可靠识别，未核对）")));
    const head = el("tr", {}, el("th", {}, ""), ...t.columns.map((c) => el("th", {}, c)));
    const body = t.rows.map((r) => {
      const cells = r.cells.map((c) => {
        if (c.kind === "none") return el("td", { class: "none" }, "");
        if (c.kind === "unread") return el("td", { class: "unread", title: "未能识别" }, "?");
        const fail = hits.some(([s, e, sev]) => sev !== "info" && s < c.end && c.start < e);
        if (c.kind === "blank") return el("td", { class: "blank" + (fail ? " fail" : ""), title: "空白单元格" }, c.marker || "");
        return el("td", { class: fail ? "fail" : "", title: fail ? "此单元格涉及的数字关系不成立" : "" }, c.value);
      });
      return el("tr", {}, el("th", {}, r.label), ...cells);
    });
    box.append(el("table", { class: "grid", "data-table": t.id }, el("thead", {}, head), el("tbody", {}, ...body)));
  }
  box.append(el("p", { class: "note" }, "红色：数字关系不成立的单元格；斜纹：空白单元格；？：未能识别的单元格。"));
  return box;
}

async function checkFile(file, results) {
  seq += 1;
  const card = el("article", { class: "file" }, el("h2", {}, file.name + "：正在检查…"));
  results.append(card);
  let report, view;
  try {
    const [r1, r2] = await Promise.all([post("/api/check", file), post("/api/view", file)]);
    report = await r1.json();
    view = await r2.json();
  } catch (e) {
    card.replaceChildren(el("h2", {}, file.name), el("div", { class: "error-box" }, "无法检查：" + e.message));
    return;
  }
  const f = report.files[0];
  const diags = f.diagnostics || [];
  const n = (s) => diags.filter((d) => d.severity === s).length;
  const json = JSON.stringify(report, null, 2);
  const title = el("h2", {},
    el("span", {}, f.path),
    el("span", { class: "counts" },
      el("span", { class: "c-error" }, "错误 " + n("error")),
      el("span", { class: "c-warning" }, "警告 " + n("warning")),
      el("span", { class: "c-info" }, "提示 " + n("info"))),
    f.report && f.report.year ? el("span", { class: "where" }, f.report.year + " 年度 · " + (f.profile || "")) : null,
    el("button", { class: "button", onclick: () => download(f.path + ".json", "application/json", json) }, "下载 JSON"),
    el("button", { class: "button", onclick: async () => {
      try { download(f.path + ".html", "text/html", await (await post("/api/report", file)).text()); }
      catch (e) { alert("无法生成报告：" + e.message); }
    } }, "下载检查报告"));
  if (f.error) {
    card.replaceChildren(title, el("div", { class: "error-box" }, "无法检查此文件：" + f.error));
    return;
  }
  const { pre, marks } = view.text !== undefined ? renderText(view.text, diags) : { pre: el("pre", { class: "text" }, view.error || ""), marks: new Map() };
  const list = el("ol", { class: "findings" });
  diags.forEach((d, i) => {
    const where = [d.location, d.section, "第" + d.line + "行"].filter(Boolean).join(" · ");
    const li = el("li", { class: "finding", "data-rule": d.rule, "data-index": String(i) },
      el("div", {}, el("span", { class: "sev " + d.severity }, SEV[d.severity] || d.severity), d.message),
      el("div", { class: "help" }, d.help),
      el("div", { class: "where" },
        el("button", { class: "rule", title: "查看规则说明", onclick: (ev) => { ev.stopPropagation(); explain(d.rule); } }, d.rule),
        " · " + where));
    li.addEventListener("click", () => {
      list.querySelectorAll(".active").forEach((x) => x.classList.remove("active"));
      li.classList.add("active");
      const m = marks.get(i);
      if (m) {
        pre.querySelectorAll(".flash").forEach((x) => x.classList.remove("flash"));
        m.classList.add("flash");
        m.scrollIntoView({ block: "center" });
      }
    });
    list.append(li);
  });
  if (!diags.length) list.append(el("li", { class: "finding" }, "没有发现问题。"));
  card.replaceChildren(title, el("div", { class: "cols" }, list, pre), renderTables(view, diags));
}

function start(files) {
  const results = document.getElementById("results");
  for (const f of files) checkFile(f, results);
}

document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("files");
  input.addEventListener("change", () => { start(Array.from(input.files)); input.value = ""; });
  const drop = document.getElementById("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    start(Array.from(e.dataTransfer.files));
  });
});
