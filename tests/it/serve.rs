//! `gongkai serve` (issue 11): the API gives the same findings as the CLI for every
//! fixture, unreadable uploads get their per-file error, parallel uploads all answer, an
//! upload over the limit gets 413 and the server goes on, and every answer carries the
//! security headers.

use crate::support::*;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// A server on a free port, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start gongkai serve");
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let at = line.find("http://").expect("the address is printed");
        let base = line[at..]
            .split(|c: char| c.is_whitespace() || c == '（')
            .next()
            .unwrap()
            .trim_end_matches('/')
            .to_string();
        Server { child, base }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn post(agent: &ureq::Agent, url: &str, body: &[u8]) -> (u16, String) {
    let mut r = agent.post(url).send(body).expect("request");
    let status = r.status().as_u16();
    (status, r.body_mut().read_to_string().unwrap_or_default())
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for dir in ["real", "real/text", "seeds", "sample", "layouts"] {
        let mut files: Vec<_> = std::fs::read_dir(fixture(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        v.extend(files);
    }
    v
}

fn name_of(p: &std::path::Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn the_api_gives_the_cli_findings_for_every_fixture() {
    let server = Server::start(&[]);
    let agent = agent();
    let files = fixtures();
    assert!(files.len() >= 30, "{} fixtures", files.len());
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = name_of(path);
        let (status, body) = post(
            &agent,
            &format!("{}/api/check?name={}", server.base, encode(&name)),
            &bytes,
        );
        assert_eq!(status, 200, "{name}: {body}");
        let api: serde_json::Value = serde_json::from_str(&body).unwrap();
        let (_, cli) = check_json(&[path.to_str().unwrap()]);
        let (a, c) = (&api["files"][0], &cli["files"][0]);
        assert_eq!(a["path"], name.as_str());
        assert_eq!(a["diagnostics"], c["diagnostics"], "{name}");
        assert_eq!(a["error"], c["error"], "{name}");
        assert_eq!(a["profile"], c["profile"], "{name}");
        assert_eq!(a["report"], c["report"], "{name}");
        assert_eq!(api["summary"], cli["summary"], "{name}");
    }
}

#[test]
fn junk_gets_a_per_file_error_and_overrides_apply() {
    let server = Server::start(&[]);
    let agent = agent();
    let junk: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
    for name in ["报告.docx", "报告.pdf", "报告.doc", "报告.txt"] {
        let (status, body) = post(
            &agent,
            &format!("{}/api/check?name={}", server.base, encode(name)),
            &junk,
        );
        assert_eq!(status, 200, "{name}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let err = v["files"][0]["error"].as_str().unwrap_or("");
        assert!(!err.is_empty(), "{name}: {body}");
    }
    // A profile override is the CLI's --profile; an unknown one is refused.
    let seed = std::fs::read(fixture("seeds/000_d881b3407b3e046e.txt")).unwrap();
    let (_, body) = post(
        &agent,
        &format!("{}/api/check?name=a.txt&profile=pre-2019", server.base),
        &seed,
    );
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["files"][0]["profile"], "pre-2019");
    let (status, _) = post(
        &agent,
        &format!("{}/api/check?name=a.txt&profile=1999", server.base),
        &seed,
    );
    assert_eq!(status, 400);
}

#[test]
fn parallel_uploads_all_answer_and_an_oversized_one_gets_413() {
    let server = Server::start(&["--max-upload", "1MB"]);
    let seed = std::fs::read(fixture("seeds/002_2dedae3f3a0bdb4a.txt")).unwrap();
    let handles: Vec<_> = (0..16)
        .map(|i| {
            let url = format!("{}/api/check?name=d{i}.txt", server.base);
            let body = seed.clone();
            std::thread::spawn(move || post(&agent(), &url, &body))
        })
        .collect();
    for h in handles {
        let (status, body) = h.join().unwrap();
        assert_eq!(status, 200);
        assert!(body.contains("\"diagnostics\""));
    }
    let agent = agent();
    let big = vec![b'a'; 3 << 20];
    let (status, body) = post(
        &agent,
        &format!("{}/api/check?name=big.txt", server.base),
        &big,
    );
    assert_eq!(status, 413);
    assert!(body.contains("文件太大"), "{body}");
    // Still serving.
    let (status, _) = post(
        &agent,
        &format!("{}/api/check?name=a.txt", server.base),
        &seed,
    );
    assert_eq!(status, 200);
}

#[test]
fn page_headers_rules_and_explanations() {
    let server = Server::start(&[]);
    let agent = agent();
    for path in ["/", "/page.js", "/page.css", "/api/rules"] {
        let r = agent.get(format!("{}{path}", server.base)).call().unwrap();
        assert_eq!(r.status().as_u16(), 200, "{path}");
        let h = r.headers();
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
    }
    let mut r = agent
        .get(format!("{}/api/explain/contact-block", server.base))
        .call()
        .unwrap();
    let text = r.body_mut().read_to_string().unwrap();
    let cli = gongkai()
        .args(["explain", "contact-block"])
        .output()
        .unwrap();
    assert_eq!(text, String::from_utf8_lossy(&cli.stdout));
    let r = agent
        .get(format!("{}/api/explain/no-such-rule", server.base))
        .call()
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
    let r = agent
        .put(format!("{}/api/check", server.base))
        .send(&b"x"[..])
        .unwrap();
    assert_eq!(r.status().as_u16(), 405);
    // The page references only its own resources.
    let mut r = agent.get(format!("{}/", server.base)).call().unwrap();
    let page = r.body_mut().read_to_string().unwrap();
    assert!(!page.contains("http://") && !page.contains("https://"));
}
