//! `gongkai serve`: the clerk's page. One program, started once, that a browser talks to:
//! the page (embedded, no outside resource) sends a draft's bytes and shows the findings in
//! place. The API gives exactly what `gongkai check --format json` gives for that file.
//!
//! Bounded by design: uploads over `--max-upload` get 413, checks run on a pool no larger
//! than the cores, every request has a time limit, nothing is written to disk and no
//! uploaded text is logged. This module only wires HTTP to the check; it knows no rule.

mod view;

use crate::cli::{Format, ServeArgs};
use crate::commands::{check_text, err, explain_text, load_rules, CheckOptions};
use crate::config::Loaded;
use crate::render::{self, FileReport};
use crate::rules::{RuleSet, Settings};
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::BodyExt;
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_http::set_header::SetResponseHeaderLayer;

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

/// Longest a check may take before the request is answered with an error.
const CHECK_TIMEOUT: Duration = Duration::from_secs(60);
/// Longest a whole request may take (a slow upload cannot hold a connection forever).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The content security policy: the page's own script and style only, nothing else.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

struct App {
    rules: RuleSet,
    config: Option<Loaded>,
    opts: CheckOptions,
    /// Checks running at once: no more than the cores.
    permits: Semaphore,
    max_upload: usize,
    /// .docx/.html/.pdf are read in a worker process under memory and time limits.
    reader: crate::worker::Mode,
}

/// Run the server until interrupted. Returns the exit code.
pub fn run(args: ServeArgs) -> i32 {
    let config = match &args.config {
        Some(p) => match Loaded::read(p, p.display().to_string()) {
            Ok(c) => Some(c),
            Err(e) => {
                crate::commands::report_error(e.as_ref());
                return 2;
            }
        },
        None => None,
    };
    let mut dirs: Vec<std::path::PathBuf> =
        config.as_ref().map(Loaded::rule_dirs).unwrap_or_default();
    dirs.extend(args.rules.iter().cloned());
    let Some(mut rules) = load_rules(&dirs) else {
        return 2;
    };
    if let Some(c) = &config {
        if let Err(e) = c.check_rule_ids(&rules) {
            crate::commands::report_error(e.as_ref());
            return 2;
        }
        c.select_rules(&mut rules);
    }
    let Some(max_upload) = parse_size(&args.max_upload) else {
        err(&format!(
            "错误：--max-upload「{}」无法识别，应为如 20MB、512KB 或字节数\n",
            args.max_upload
        ));
        return 2;
    };
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let settings = match &config {
        Some(c) => c.settings(None),
        None => Settings::default(),
    };
    let profile = config
        .as_ref()
        .and_then(|c| c.config.profile.as_ref())
        .map(|p| p.name());
    let app = Arc::new(App {
        rules,
        config,
        opts: CheckOptions {
            profile,
            settings,
            only_rule: None,
        },
        permits: Semaphore::new(cores),
        max_upload,
        reader: crate::worker::Mode::new(crate::worker::Limits::default(), false),
    });
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.clamp(1, 4))
        .max_blocking_threads(cores.max(1) * 2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            err(&format!("错误：无法启动服务：{e}\n"));
            return 2;
        }
    };
    rt.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&args.bind).await {
            Ok(l) => l,
            Err(e) => {
                err(&format!("错误：无法监听 {}：{e}\n", args.bind));
                return 2;
            }
        };
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or(args.bind.clone());
        let url = format!("http://{addr}/");
        err(&format!(
            "gongkai serve：请在浏览器中打开 {url}（按 Ctrl-C 停止）\n"
        ));
        if args.open {
            open_browser(&url);
        }
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match axum::serve(listener, router(app))
            .with_graceful_shutdown(shutdown)
            .await
        {
            Ok(()) => 0,
            Err(e) => {
                err(&format!("错误：服务出错：{e}\n"));
                1
            }
        }
    })
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { page(PAGE, "text/html; charset=utf-8") }),
        )
        .route(
            "/page.js",
            get(|| async { page(SCRIPT, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/page.css",
            get(|| async { page(STYLE, "text/css; charset=utf-8") }),
        )
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route("/api/rules", get(rules_list))
        .route("/api/explain/{rule}", get(explain))
        .route("/api/check", post(check))
        .route("/api/view", post(view_of))
        .route("/api/report", post(report))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(app)
}

fn page(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    json(status, serde_json::json!({ "error": message }).to_string())
}

async fn rules_list(State(app): State<Arc<App>>) -> Response {
    let v: Vec<serde_json::Value> = app
        .rules
        .rules
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.spec.id,
                "profile": r.profile,
                "severity": r.spec.severity,
                "category": r.spec.category,
                "description": r.spec.description.as_deref().unwrap_or(&r.spec.message),
            })
        })
        .collect();
    json(StatusCode::OK, serde_json::Value::Array(v).to_string())
}

async fn explain(State(app): State<Arc<App>>, Path(rule): Path<String>) -> Response {
    match explain_text(&app.rules, &rule) {
        Some(t) => ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], t).into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            &format!("没有 id 为「{rule}」的规则"),
        ),
    }
}

#[derive(Deserialize)]
struct CheckQuery {
    name: Option<String>,
    profile: Option<String>,
    year: Option<i32>,
}

impl CheckQuery {
    fn name(&self) -> String {
        let n = self.name.as_deref().unwrap_or("").trim();
        if n.is_empty() {
            "上传的文件.txt".into()
        } else {
            // A name, not a path: the upload never names a file on this machine.
            n.rsplit(['/', '\\']).next().unwrap_or(n).to_string()
        }
    }
}

/// Bytes of an upload read past the limit and thrown away, so that the client (which
/// is still sending) receives the 413 instead of a reset connection. Beyond it the
/// connection is closed.
const DRAIN_CAP: usize = 256 << 20;

fn too_large(app: &App) -> Box<Response> {
    let mut r = error(
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!(
            "文件太大：上传上限为 {}（服务启动时可用 --max-upload 调整）",
            human_size(app.max_upload)
        ),
    );
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    Box::new(r)
}

/// The upload, at most `--max-upload` bytes of it kept; over the limit, the answer (413).
async fn read_body(app: &App, headers: &HeaderMap, body: Body) -> Result<Bytes, Box<Response>> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_CAP as u64) {
        return Err(too_large(app));
    }
    let mut body = body;
    let mut kept: Vec<u8> = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| {
            Box::new(error(
                StatusCode::BAD_REQUEST,
                &format!("无法读取上传的内容：{e}"),
            ))
        })?;
        if let Ok(data) = frame.into_data() {
            total = total.saturating_add(data.len());
            if total <= app.max_upload {
                kept.extend_from_slice(&data);
            } else if total > DRAIN_CAP {
                return Err(too_large(app));
            } else if !kept.is_empty() {
                kept = Vec::new();
            }
        }
    }
    if total > app.max_upload {
        return Err(too_large(app));
    }
    Ok(Bytes::from(kept))
}

/// The upload and the options of one request, or the answer to give instead.
async fn prepare(
    app: &App,
    q: &CheckQuery,
    headers: &HeaderMap,
    body: Body,
) -> Result<(Bytes, CheckOptions), Box<Response>> {
    let opts = request_opts(app, q)?;
    Ok((read_body(app, headers, body).await?, opts))
}

/// Options of one request: the server's, with the page's profile/year overrides.
fn request_opts(app: &App, q: &CheckQuery) -> Result<CheckOptions, Box<Response>> {
    let mut opts = app.opts.clone();
    if let Some(p) = q.profile.as_deref().filter(|p| !p.is_empty()) {
        if !crate::rules::PROFILES.contains(&p) {
            return Err(Box::new(error(
                StatusCode::BAD_REQUEST,
                &format!("未知的格式「{p}」，可选：pre-2019、2019-trial、2021"),
            )));
        }
        opts.profile = Some(p.to_string());
    }
    if let Some(y) = q.year {
        opts.settings.year = Some(y);
    }
    Ok(opts)
}

/// Check one upload on the pool, within the time limit.
async fn checked(app: Arc<App>, name: String, bytes: Bytes, opts: CheckOptions) -> FileReport {
    let Ok(_permit) = app.permits.acquire().await else {
        return FileReport::failed(name, "服务正在停止".into());
    };
    let shown = name.clone();
    let work = {
        let app = app.clone();
        tokio::task::spawn_blocking(move || check_upload(&app, &name, &bytes, &opts))
    };
    match tokio::time::timeout(CHECK_TIMEOUT, work).await {
        Ok(Ok(r)) => r,
        Ok(Err(_)) => FileReport::failed(shown, "读取器崩溃：检查此文件时程序出错".into()),
        Err(_) => FileReport::failed(
            shown,
            format!("超时：{} 秒内未能检查完此文件", CHECK_TIMEOUT.as_secs()),
        ),
    }
}

/// The same steps as `gongkai check` on one file: load, check, configured severities.
fn check_upload(app: &App, name: &str, bytes: &[u8], opts: &CheckOptions) -> FileReport {
    let mut report = match app.reader.load_bytes(name, bytes) {
        Ok(mut s) => {
            s.path = name.to_string();
            check_text(s, &app.rules, opts)
        }
        Err(e) => FileReport::failed(name.to_string(), e.to_string()),
    };
    if let Some(c) = &app.config {
        for d in &mut report.diagnostics {
            if let Some(s) = c.severity_of(&d.rule) {
                d.severity = s;
            }
        }
    }
    report
}

/// The report of one upload, or the answer to give instead (413, 400).
async fn upload_report(
    app: &Arc<App>,
    q: &CheckQuery,
    headers: &HeaderMap,
    body: Body,
) -> Result<FileReport, Box<Response>> {
    let (bytes, opts) = prepare(app, q, headers, body).await?;
    Ok(checked(app.clone(), q.name(), bytes, opts).await)
}

async fn check(
    State(app): State<Arc<App>>,
    Query(q): Query<CheckQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match upload_report(&app, &q, &headers, body).await {
        Ok(report) => json(
            StatusCode::OK,
            render::render(
                Format::Json,
                std::slice::from_ref(&report),
                &render::Context::new(&[&app.rules], None),
            ),
        ),
        Err(r) => *r,
    }
}

async fn report(
    State(app): State<Arc<App>>,
    Query(q): Query<CheckQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match upload_report(&app, &q, &headers, body).await {
        Ok(report) => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            render::html::render(
                std::slice::from_ref(&report),
                &render::Context::new(&[&app.rules], None),
            ),
        )
            .into_response(),
        Err(r) => *r,
    }
}

async fn view_of(
    State(app): State<Arc<App>>,
    Query(q): Query<CheckQuery>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let (bytes, opts) = match prepare(&app, &q, &headers, body).await {
        Ok(x) => x,
        Err(r) => return *r,
    };
    let Ok(_permit) = app.permits.acquire().await else {
        return error(StatusCode::SERVICE_UNAVAILABLE, "服务正在停止");
    };
    let name = q.name();
    let work = {
        let app = app.clone();
        tokio::task::spawn_blocking(move || {
            let loaded = app.reader.load_bytes(&name, &bytes);
            view::view(&app.rules, &name, loaded, &opts)
        })
    };
    match tokio::time::timeout(CHECK_TIMEOUT, work).await {
        Ok(Ok(v)) => json(StatusCode::OK, v.to_string()),
        Ok(Err(_)) => error(StatusCode::OK, "读取器崩溃：读取此文件时程序出错"),
        Err(_) => error(
            StatusCode::OK,
            &format!("超时：{} 秒内未能读取此文件", CHECK_TIMEOUT.as_secs()),
        ),
    }
}

pub use crate::cli::parse_size;

fn human_size(n: usize) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KB", n >> 10)
    } else {
        format!("{n} 字节")
    }
}

/// Open the default browser (best effort; the address is printed anyway).
fn open_browser(url: &str) {
    let cmd: (&str, Vec<&str>) = if cfg!(target_os = "windows") {
        ("cmd", vec!["/C", "start", "", url])
    } else if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else {
        ("xdg-open", vec![url])
    };
    let _ = std::process::Command::new(cmd.0)
        .args(cmd.1)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("20MB"), Some(20 << 20));
        assert_eq!(parse_size("512kb"), Some(512 << 10));
        assert_eq!(parse_size("1000"), Some(1000));
        assert_eq!(parse_size("1G"), Some(1 << 30));
        assert_eq!(parse_size("x"), None);
        assert_eq!(human_size(20 << 20), "20 MB");
    }
}
