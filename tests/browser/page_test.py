"""End-to-end test of the clerk's page (issue 11) in a real headless Chromium.

Starts `gongkai serve` on a free port, chooses seed drafts rendered as .docx and a junk
file in the page, and checks that the findings appear with their rule ids (the same as
`gongkai check --format json`), that clicking a finding highlights exactly the text the
finding names and scrolls it into view, that the recovered statistics table is drawn,
and that the junk file gets its error. Writes screenshots under target/browser/.
Exits non-zero (with the reason) if anything fails, including a browser that cannot start.

    python3 tests/browser/page_test.py [path/to/gongkai]
"""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GK = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "gongkai")
FIX = os.path.join(ROOT, "tests", "fixtures", "browser")
OUT = os.path.join(ROOT, "target", "browser")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def fail(msg):
    print("FAILED: " + msg, file=sys.stderr)
    sys.exit(1)


def cli_json(path):
    out = subprocess.run([GK, "check", "--format", "json", path], capture_output=True, check=False)
    return json.loads(out.stdout)["files"][0]


def main():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        fail("Playwright for Python is not installed (pip install playwright)")
    if not os.path.exists(GK):
        fail(f"gongkai binary not found at {GK} (run cargo build first)")
    os.makedirs(OUT, exist_ok=True)
    server = subprocess.Popen([GK, "serve", "--bind", "127.0.0.1:0"], stderr=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
    try:
        line = server.stderr.readline()
        if "http://" not in line:
            fail("server did not print its address: " + line)
        base = line[line.index("http://"):].split("（")[0].split()[0].rstrip("/")
        drafts = [os.path.join(FIX, "002-seed.docx"), os.path.join(FIX, "003-seed.docx")]
        junk = os.path.join(OUT, "junk.docx")
        with open(junk, "wb") as f:
            f.write(bytes((i * 7919) % 251 for i in range(4000)))
        expected = {os.path.basename(p): cli_json(p) for p in drafts}
        with sync_playwright() as p:
            try:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            except Exception as e:  # noqa: BLE001 - any launch failure is a test failure
                fail(f"cannot start Chromium at {CHROMIUM}: {e}")
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(base + "/")
            if "年度报告检查" not in page.title():
                fail("page title: " + page.title())
            started = time.time()
            page.set_input_files("#files", drafts + [junk])
            for name, f in expected.items():
                card = page.locator("article.file", has=page.locator("h2 span", has_text=name))
                card.locator(".finding[data-rule]").first.wait_for(timeout=15000)
                shown = card.locator(".finding[data-rule]").evaluate_all(
                    "els => els.map(e => e.dataset.rule)")
                want = [d["rule"] for d in f["diagnostics"]]
                if shown != want:
                    fail(f"{name}: rule ids shown {shown}, CLI gives {want}")
                # Click each finding with a span: its mark holds exactly the finding's text.
                view = json.loads(subprocess.run(
                    ["curl", "-s", "--data-binary", "@" + os.path.join(FIX, name),
                     f"{base}/api/view?name={name}"], capture_output=True, check=True).stdout)
                text = view["text"].encode("utf-8")
                checked = 0
                for i, d in enumerate(f["diagnostics"]):
                    if d["length"] == 0:
                        continue
                    card.locator(f'.finding[data-index="{i}"]').click()
                    mark = card.locator("mark.flash")
                    got = mark.text_content()
                    want_text = text[d["offset"]:d["offset"] + d["length"]].decode("utf-8")
                    if got != want_text:
                        fail(f"{name}: finding {d['rule']} highlights {got!r}, it names {want_text!r}")
                    if not mark.is_visible() or not mark.evaluate(
                            "m => { const r = m.getBoundingClientRect(); const p = m.closest('pre').getBoundingClientRect();"
                            " return r.top >= p.top - 1 && r.bottom <= p.bottom + 1; }"):
                        fail(f"{name}: the highlight of {d['rule']} is not scrolled into view")
                    checked += 1
                if checked == 0:
                    fail(f"{name}: no finding with a span to click")
                print(f"{name}: {len(want)} findings shown with their rule ids; {checked} highlights checked")
            elapsed = time.time() - started
            if elapsed > 15:
                fail(f"findings took {elapsed:.1f} s to appear")
            # The 统计表 of seed 003 is drawn as a grid.
            card = page.locator("article.file", has=page.locator("h2 span", has_text="003-seed.docx"))
            cells = card.locator("table.grid td").count()
            if cells < 40:
                fail(f"003-seed.docx: only {cells} table cells drawn")
            # The junk file gets its per-file error.
            jcard = page.locator("article.file", has=page.locator("h2 span", has_text="junk.docx"))
            jcard.locator(".error-box").wait_for(timeout=15000)
            print("junk.docx: " + jcard.locator(".error-box").text_content())
            # A 6,000-character report with 40+ findings stays usable.
            sample = os.path.join(ROOT, "tests", "fixtures", "sample")
            lines = open(os.path.join(sample, os.listdir(sample)[0]), encoding="utf-8").read().split("\n")
            extra = [f"2022年，本机关第{i}项重点工作按计划推进，政务公开专栏更新信息{i * 3}条，群众满意度持续提升，相关做法在全区推广。"
                     for i in range(1, 71)]
            big = os.path.join(OUT, "long-draft.txt")
            with open(big, "w", encoding="utf-8") as f:
                f.write("\n".join(lines[:7] + extra + lines[7:]))
            want = cli_json(big)["diagnostics"]
            chars = len(open(big, encoding="utf-8").read())
            if chars < 6000 or len(want) < 40:
                fail(f"long draft has {chars} characters and {len(want)} findings")
            t0 = time.time()
            page.set_input_files("#files", [big])
            lcard = page.locator("article.file", has=page.locator("h2 span", has_text="long-draft.txt"))
            lcard.locator(".finding[data-rule]").nth(len(want) - 1).wait_for(timeout=15000)
            shown = lcard.locator(".finding[data-rule]").count()
            if shown != len(want):
                fail(f"long draft: {shown} findings shown, CLI gives {len(want)}")
            lcard.locator(".finding[data-rule]").nth(len(want) - 1).click()
            t1 = time.time()
            page.evaluate("1 + 1")
            if time.time() - t1 > 1:
                fail("the page does not answer within 1 s after showing the long draft")
            print(f"long draft: {chars} characters, {shown} findings shown and clickable in {time.time() - t0:.1f} s")
            # A rule id opens its explanation.
            card.locator(".rule").first.click()
            page.locator("#explain-text").filter(has_text="检查什么").wait_for(timeout=5000)
            page.screenshot(path=os.path.join(OUT, "explain.png"))
            page.keyboard.press("Escape")
            page.locator("article.file").first.locator(".finding[data-rule]").first.click()
            page.screenshot(path=os.path.join(OUT, "page.png"), full_page=True)
            if errors:
                fail("errors in the page: " + "; ".join(errors))
            browser.close()
        print(f"page test passed in {elapsed:.1f} s; screenshots in target/browser/")
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()
