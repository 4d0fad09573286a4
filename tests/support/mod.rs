//! Browser-test helpers: a scriptable `fetch` that records requests, bounded waits, DOM queries.
#![allow(dead_code)]

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

#[wasm_bindgen(inline_js = r#"
export function install_fetch_stub() {
  globalThis.__reqs = [];
  globalThis.__routes = [];
  globalThis.__held = [];
  globalThis.fetch = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url, location.href);
    const path = url.pathname + url.search;
    const body = req.method === 'GET' ? null : await req.clone().text();
    const headers = {};
    req.headers.forEach((v, k) => { headers[k] = v; });
    globalThis.__reqs.push({ method: req.method, path, body, headers });
    const route = globalThis.__routes.find(r => r.method === req.method && path.startsWith(r.path));
    if (!route) {
      return new Response(JSON.stringify({ successful: false, status: 404, traceId: 'stub',
        error: { code: 10002, message: 'no stub for ' + req.method + ' ' + path } }), { status: 404 });
    }
    if (route.kind === 'network') { throw new TypeError('Failed to fetch'); }
    if (route.kind === 'hold') {
      await new Promise(resolve => globalThis.__held.push(resolve));
    }
    return new Response(route.body, { status: route.status, headers: route.headers });
  };
}
export function stub_route(method, path, status, body, headers) {
  globalThis.__routes.unshift({ kind: 'ok', method, path, status, body, headers: JSON.parse(headers || '{}') });
}
export function stub_held(method, path, status, body) {
  globalThis.__routes.unshift({ kind: 'hold', method, path, status, body, headers: {} });
}
export function release_held() { const h = globalThis.__held; globalThis.__held = []; h.forEach(r => r()); }
export function stub_network_error(method, path) {
  globalThis.__routes.unshift({ kind: 'network', method, path });
}
export function set_hidden(hidden) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  window.dispatchEvent(new Event('visibilitychange'));
}
export function requests_json() { return JSON.stringify(globalThis.__reqs || []); }
"#)]
extern "C" {
    pub fn install_fetch_stub();
    pub fn stub_route(method: &str, path: &str, status: u16, body: &str, headers: &str);
    pub fn stub_held(method: &str, path: &str, status: u16, body: &str);
    pub fn release_held();
    pub fn stub_network_error(method: &str, path: &str);
    /// Makes the page report itself hidden (or visible again), as a tab in the background does.
    pub fn set_hidden(hidden: bool);
    fn requests_json() -> String;
}

/// A recorded request.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: String,
    pub path: String,
    pub body: Option<String>,
    pub headers: Value,
}

pub fn requests() -> Vec<Req> {
    let v: Value = serde_json::from_str(&requests_json()).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| Req {
            method: r["method"].as_str().unwrap_or_default().into(),
            path: r["path"].as_str().unwrap_or_default().into(),
            body: r["body"].as_str().map(str::to_string),
            headers: r["headers"].clone(),
        })
        .collect()
}

pub fn posts() -> Vec<Req> {
    requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect()
}

/// Answers `method path*` with an OCP envelope around `data`.
pub fn ok(method: &str, path: &str, data: Value) {
    let body = serde_json::json!({"data": data, "successful": true, "status": 200, "traceId": "t-ok", "server": "stub"});
    stub_route(method, path, 200, &body.to_string(), "{}");
}

/// Answers with an OCP error envelope.
pub fn fail(method: &str, path: &str, status: u16, code: i64, message: &str, sub_errors: Value) {
    let body = serde_json::json!({"successful": false, "status": status, "traceId": "trace-123abc",
        "error": {"code": code, "message": message, "subErrors": sub_errors}});
    stub_route(method, path, status, &body.to_string(), "{}");
}

/// Puts `path` in the address bar without loading, for the router to read.
pub fn go(path: &str) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
}

/// A fresh element in the page to mount into.
pub fn container() -> HtmlElement {
    let doc = document();
    let el = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

/// Waits, a few ms at a time, until `f` holds; fails after about 4 s.
pub async fn wait_until(what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..400 {
        if f() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
}

/// Like `wait_until`, but the failure shows `root`'s markup.
pub async fn wait_dom(root: &Element, what: &str, mut f: impl FnMut() -> bool) {
    for _ in 0..400 {
        if f() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!(
        "timed out waiting for {what}; the page:\n{}",
        root.inner_html()
    );
}

/// Lets pending reactive work and timers run for about `ms`.
pub async fn settle(ms: u32) {
    TimeoutFuture::new(ms).await;
}

pub fn q(root: &Element, css: &str) -> Option<Element> {
    root.query_selector(css).ok().flatten()
}

pub fn qa(root: &Element, css: &str) -> Vec<Element> {
    let list = root.query_selector_all(css).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

pub fn text(root: &Element, css: &str) -> String {
    q(root, css)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Clicks an element; SVG elements have no `click()`, so they get a bubbling click event.
pub fn click(root: &Element, css: &str) {
    let el = q(root, css).unwrap_or_else(|| panic!("no {css}"));
    match el.dyn_into::<HtmlElement>() {
        Ok(html) => html.click(),
        Err(el) => {
            let init = web_sys::MouseEventInit::new();
            init.set_bubbles(true);
            let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
            el.dispatch_event(&ev).unwrap();
        }
    }
}

pub fn set_input(root: &Element, css: &str, value: &str) {
    let el: HtmlInputElement = q(root, css)
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into();
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    el.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

pub fn set_select(root: &Element, css: &str, value: &str) {
    let el: HtmlSelectElement = q(root, css)
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into();
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

pub fn submit(root: &Element, form_css: &str) {
    let form: web_sys::HtmlFormElement = q(root, form_css)
        .unwrap_or_else(|| panic!("no {form_css}"))
        .unchecked_into();
    form.request_submit().unwrap();
}

/// A fresh fetch stub with the console signed in as admin (HTTP Basic) and OCP's current user
/// answering.
pub fn signed_in_as_admin() {
    install_fetch_stub();
    ocp_console::session::set(Some(ocp_console::session::Credentials::Basic {
        username: "admin".into(),
        password: "pw".into(),
    }));
    ok(
        "GET",
        "/api/v2/iam/current-user",
        serde_json::json!({"id": 1, "username": "admin"}),
    );
}
