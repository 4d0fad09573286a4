//! HTTP through nginx (no browser): static files and their headers, client-side routes, and OCP's
//! API proxied with its auth untouched — at the origin root and under /console/.

use crate::common::{expect_header, expect_status, hashed_file, header, show};
use ocp_e2e::{bail, csp, run, Harness, Mount, Options, Result};
use reqwest::header::{ACCEPT_ENCODING, CONTENT_TYPE, SET_COOKIE, WWW_AUTHENTICATE};
use serde_json::{json, Value};
use std::sync::Arc;

const LONG_CACHE: &str = "public, max-age=31536000, immutable";

/// index.html: 200 text/html, no-cache, the security headers, and a CSP that allows exactly the
/// build's inline loader script by hash, WebAssembly compilation, and nothing inline besides.
async fn check_index(h: &Harness, route: &str, print: bool) -> Result<String> {
    let http = h.http(false);
    let resp = http.get(h.app_url(route)).send().await?;
    if print {
        show(&format!("GET {route} (index.html)"), &resp);
    }
    expect_status(&resp, 200)?;
    let ct = header(&resp, "content-type").unwrap_or("");
    if !ct.starts_with("text/html") {
        bail!("{route}: content-type {ct:?}");
    }
    expect_header(&resp, "cache-control", "no-cache")?;
    expect_header(&resp, "x-content-type-options", "nosniff")?;
    expect_header(&resp, "referrer-policy", "same-origin")?;
    let policy = header(&resp, "content-security-policy")
        .unwrap_or("")
        .to_string();
    let body = resp.text().await?;
    let index = std::fs::read_to_string(h.dist.join("index.html"))?;
    if body != index {
        bail!("{route} did not serve {}/index.html", h.dist.display());
    }
    for (d, want) in [
        ("default-src", vec!["'self'"]),
        ("style-src", vec!["'self'"]),
        ("img-src", vec!["'self'", "data:"]),
        ("connect-src", vec!["'self'"]),
        ("frame-ancestors", vec!["'none'"]),
        ("base-uri", vec!["'self'"]),
        ("form-action", vec!["'self'"]),
        ("object-src", vec!["'none'"]),
    ] {
        if csp::directive(&policy, d) != Some(want.clone()) {
            bail!(
                "CSP {d} is {:?}, expected {want:?} in {policy:?}",
                csp::directive(&policy, d)
            );
        }
    }
    let mut want = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    want.extend(csp::inline_script_hashes(&index));
    let got: Vec<String> = csp::directive(&policy, "script-src")
        .unwrap_or_default()
        .into_iter()
        .map(str::to_string)
        .collect();
    if got != want {
        bail!("CSP script-src is {got:?}; for this build it must be {want:?}");
    }
    if want.len() < 3 {
        eprintln!("[e2e] note: index.html has no inline script (nothing to hash)");
    }
    Ok(policy)
}

/// `body` decoded as `encoding` (`br` or `gzip`).
fn decode(encoding: &str, body: &[u8]) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let mut out = Vec::new();
    match encoding {
        "br" => {
            brotli_decompressor::Decompressor::new(body, 64 * 1024).read_to_end(&mut out)?;
        }
        "gzip" => {
            flate2::read::GzDecoder::new(body).read_to_end(&mut out)?;
        }
        other => bail!("no decoder for {other}"),
    }
    Ok(out)
}

/// A build output: its content type and a year of immutable caching whatever the encoding; when
/// `precompressed` (the build wrote FILE.br and FILE.gz), brotli for `Accept-Encoding: br` and for
/// what Chromium sends, gzip for gzip only, each smaller than the file, decoding to the file's exact
/// bytes and marked `Vary: Accept-Encoding`; without Accept-Encoding, the file as is.
async fn check_asset(
    h: &Harness,
    file: &str,
    ctype: &str,
    precompressed: bool,
    print: bool,
) -> Result<()> {
    let http = h.http(false);
    let raw = std::fs::read(h.dist.join(file))?;
    let cases: &[(&str, Option<&str>)] = if precompressed {
        &[
            ("br", Some("br")),
            ("gzip", Some("gzip")),
            ("gzip, deflate, br, zstd", Some("br")),
            ("", None),
        ]
    } else {
        &[("", None)]
    };
    for &(accept, want) in cases {
        let mut req = http.get(h.app_url(file));
        if !accept.is_empty() {
            req = req.header(ACCEPT_ENCODING, accept);
        }
        let resp = req.send().await?;
        if print && !accept.is_empty() {
            show(&format!("GET {file} (Accept-Encoding: {accept})"), &resp);
        }
        expect_status(&resp, 200)?;
        expect_header(&resp, "content-type", ctype)?;
        expect_header(&resp, "cache-control", LONG_CACHE)?;
        expect_header(&resp, "x-content-type-options", "nosniff")?;
        if header(&resp, "content-security-policy").is_none() {
            bail!("{file} (Accept-Encoding: {accept:?}): no Content-Security-Policy");
        }
        let got = header(&resp, "content-encoding").map(str::to_string);
        if got.as_deref() != want {
            bail!(
                "{file} (Accept-Encoding: {accept:?}): content-encoding {got:?}, expected {want:?}"
            );
        }
        if want.is_some() || precompressed {
            expect_header(&resp, "vary", "Accept-Encoding")?;
        }
        let body = resp.bytes().await?;
        let decoded = match want {
            Some(enc) => {
                if body.len() >= raw.len() {
                    bail!("{file}: {enc} body {} ≥ file {}", body.len(), raw.len());
                }
                let ext = if enc == "br" { "br" } else { "gz" };
                let stored = std::fs::read(h.dist.join(format!("{file}.{ext}")))?;
                if body.as_ref() != stored.as_slice() {
                    bail!("{file}: the {enc} body is not the build's {file}.{ext}");
                }
                decode(enc, &body)
                    .map_err(|e| format!("{file}: the {enc} body does not decode: {e}"))?
            }
            None => body.to_vec(),
        };
        if decoded != raw {
            bail!(
                "{file} (Accept-Encoding: {accept:?}): decoded body differs from the build's file"
            );
        }
    }
    Ok(())
}

/// Whether the build holds FILE.br and FILE.gz (written by scripts/precompress, Trunk's post_build hook).
fn precompressed(h: &Harness, file: &str) -> bool {
    ["br", "gz"]
        .iter()
        .all(|ext| h.dist.join(format!("{file}.{ext}")).is_file())
}

async fn static_checks(h: Arc<Harness>) -> Result<()> {
    let print = h.opts.mount == Mount::Root;
    check_index(&h, "/", print).await?;
    check_index(&h, "/index.html", false).await?;
    // Client-side routes are index.html.
    check_index(&h, "/tasks/123", false).await?;
    check_index(&h, "/batch?ids=1,2", false).await?;
    check_index(&h, "/sign-in", false).await?;

    // The wasm and the js must have been precompressed (brotli and gzip) by the build.
    let wasm = hashed_file(&h.dist, "_bg.wasm")?;
    let js = hashed_file(&h.dist, ".js")?;
    for f in [&wasm, &js] {
        if !precompressed(&h, f) {
            bail!(
                "{}/{f} has no .br and .gz beside it: build with `trunk build --release` (its post_build \
                 hook runs scripts/precompress) or run `scripts/precompress {}`",
                h.dist.display(),
                h.dist.display()
            );
        }
    }
    check_asset(&h, &wasm, "application/wasm", true, print).await?;
    check_asset(&h, &js, "application/javascript", true, false).await?;
    let css = hashed_file(&h.dist, ".css")?;
    let pre = precompressed(&h, &css);
    check_asset(&h, &css, "text/css", pre, false).await?;

    let http = h.http(false);
    // A missing build output is a 404, not index.html.
    let r = http
        .get(h.app_url("ocp-console-0123456789abcdef_bg.wasm"))
        .send()
        .await?;
    expect_status(&r, 404)?;
    // /api/ never falls back to index.html: an unknown API path is OCP's JSON 404.
    let r = http
        .get(h.url("/api/v2/no/such/thing"))
        .basic_auth(ocp_e2e::USER, Some(ocp_e2e::PASSWORD))
        .send()
        .await?;
    let ct = header(&r, "content-type").unwrap_or("").to_string();
    expect_status(&r, 404)?;
    if !ct.starts_with("application/json") {
        bail!("/api/v2/no/such/thing answered {ct}, not OCP's JSON");
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn root_static_files_and_routes() {
    run("proxy_root_static", Options::http_only(), static_checks).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_subpath_static_files_and_routes() {
    run(
        "proxy_console_static",
        Options::http_only().mount(Mount::Console),
        |h| async move {
            // The sub-path build must have been made for /console/.
            let index = std::fs::read_to_string(h.dist.join("index.html"))?;
            if !index.contains("/console/") {
                bail!(
                    "{}/index.html does not reference /console/: build it with --public-url /console/",
                    h.dist.display()
                );
            }
            let http = h.http(false);
            let r = http.get(h.url("/console")).send().await?;
            expect_status(&r, 301)?;
            expect_header(&r, "location", "/console/")?;
            // Only the console is served: the origin root is not.
            let r = http.get(h.url("/tasks/1")).send().await?;
            expect_status(&r, 404)?;
            // The API stays at the origin root.
            let r = http
                .get(h.url("/api/v2/ob/clusters"))
                .basic_auth(ocp_e2e::USER, Some(ocp_e2e::PASSWORD))
                .send()
                .await?;
            expect_status(&r, 200)?;
            static_checks(h).await
        },
    )
    .await;
}

async fn json_of(resp: reqwest::Response) -> Result<Value> {
    let text = resp.text().await?;
    serde_json::from_str(&text).map_err(|e| format!("not JSON ({e}): {text:.200}").into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_is_proxied_with_basic_auth() {
    run("proxy_api_basic", Options::http_only(), |h| async move {
        let http = h.http(false);
        let url = h.url("/api/v2/ob/clusters");

        let r = http.get(&url).send().await?;
        show("GET /api/v2/ob/clusters (no credentials)", &r);
        expect_status(&r, 401)?;
        if r.headers().contains_key(WWW_AUTHENTICATE) {
            bail!("a 401 must not carry WWW-Authenticate (the browser would pop up a dialog)");
        }
        let ct = header(&r, "content-type").unwrap_or("").to_string();
        if !ct.starts_with("application/json") {
            bail!("401 content-type {ct}");
        }
        let body = json_of(r).await?;
        if body["error"]["code"] != 30000 {
            bail!("unexpected 401 body {body}");
        }

        let r = http
            .get(&url)
            .basic_auth(ocp_e2e::USER, Some(ocp_e2e::PASSWORD))
            .header(ACCEPT_ENCODING, "gzip")
            .send()
            .await?;
        show("GET /api/v2/ob/clusters (Basic, Accept-Encoding: gzip)", &r);
        expect_status(&r, 200)?;
        // OCP's responses keep their own caching headers: nginx adds none to /api/.
        if r.headers().contains_key("cache-control") {
            bail!("nginx added Cache-Control to an API response");
        }
        let r = http
            .get(&url)
            .basic_auth(ocp_e2e::USER, Some(ocp_e2e::PASSWORD))
            .send()
            .await?;
        let body = json_of(r).await?;
        if body["successful"] != true
            || body["data"]["contents"]
                .as_array()
                .is_none_or(Vec::is_empty)
        {
            bail!("unexpected cluster list {body}");
        }

        let r = http
            .get(&url)
            .basic_auth(ocp_e2e::USER, Some("wrong"))
            .send()
            .await?;
        expect_status(&r, 401)?;
        if r.headers().contains_key(WWW_AUTHENTICATE) {
            bail!("a 401 must not carry WWW-Authenticate");
        }
        let body = json_of(r).await?;
        if body["error"]["code"] != 30004
            || body["error"]["message"] != "Bad credentials: wrong username or password"
        {
            bail!("unexpected wrong-password body {body}");
        }
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_login_and_xsrf_through_nginx() {
    run("proxy_session", Options::http_only(), |h| async move {
        let http = h.http(true);
        let login = h.url("/api/v2/iam/login");

        let r = http
            .post(&login)
            .json(&json!({"username": ocp_e2e::USER, "password": "wrong"}))
            .send()
            .await?;
        expect_status(&r, 401)?;
        let body = json_of(r).await?;
        if body["error"]["message"] != "Bad credentials: wrong username or password" {
            bail!("unexpected login failure body {body}");
        }

        let r = http
            .post(&login)
            .json(&json!({"username": ocp_e2e::USER, "password": ocp_e2e::PASSWORD}))
            .send()
            .await?;
        show("POST /api/v2/iam/login", &r);
        expect_status(&r, 200)?;
        let cookies: Vec<String> = r
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_string))
            .collect();
        let find = |name: &str| {
            cookies
                .iter()
                .find(|c| c.starts_with(&format!("{name}=")))
                .cloned()
        };
        let Some(session) = find("JSESSIONID") else {
            bail!("no JSESSIONID cookie in {cookies:?}");
        };
        if !session.contains("HttpOnly") || !session.contains("Path=/") {
            bail!("JSESSIONID cookie altered: {session}");
        }
        let Some(xsrf) = find("XSRF-TOKEN") else {
            bail!("no XSRF-TOKEN cookie in {cookies:?}");
        };
        let token = xsrf
            .trim_start_matches("XSRF-TOKEN=")
            .split(';')
            .next()
            .unwrap_or("")
            .to_string();

        // The session works for reads …
        let r = http.get(h.url("/api/v2/iam/current-user")).send().await?;
        expect_status(&r, 200)?;
        let me = json_of(r).await?;
        if me["data"]["username"] != ocp_e2e::USER {
            bail!("current-user {me}");
        }
        // … a write without the XSRF header is refused by OCP …
        let retry = h.url("/api/v2/tasks/instances/999999/retry");
        let r = http.post(&retry).send().await?;
        expect_status(&r, 403)?;
        let body = json_of(r).await?;
        if body["error"]["code"] != 30014 {
            bail!("expected 30014, got {body}");
        }
        // … and with it reaches the handler (the task does not exist).
        let r = http
            .post(&retry)
            .header("X-XSRF-TOKEN", &token)
            .header(CONTENT_TYPE, "application/json")
            .send()
            .await?;
        expect_status(&r, 404)?;
        let body = json_of(r).await?;
        if body["error"]["code"] != 20000 {
            bail!("expected 20000 task not found, got {body}");
        }
        Ok(())
    })
    .await;
}
