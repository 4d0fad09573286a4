//! Browser console errors and CSP violations. Primary: chromedriver's legacy log endpoint
//! (`POST /session/{id}/se/log {"type":"browser"}`, fed by the `goog:loggingPrefs` capability),
//! which also sees violations and errors that happen before any page script runs. Fallback, if a
//! driver lacks it: a capture script installed with CDP `Page.addScriptToEvaluateOnNewDocument`
//! (through `goog/cdp/execute`) that records `securitypolicyviolation` events, uncaught errors and
//! `console.error` in `window.__e2eErrors`.

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};
use url::{ParseError, Url};

#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// SEVERE, WARNING, INFO, DEBUG.
    pub level: String,
    /// console-api, javascript, network, security, …
    pub source: String,
    pub message: String,
}

impl LogEntry {
    pub fn from_json(v: &Value) -> Self {
        LogEntry {
            level: v["level"].as_str().unwrap_or("").to_string(),
            source: v["source"].as_str().unwrap_or("").to_string(),
            message: v["message"].as_str().unwrap_or("").to_string(),
        }
    }

    pub fn is_csp_violation(&self) -> bool {
        self.source == "security"
            || self.message.contains("Content Security Policy")
            || self.message.contains("Content-Security-Policy")
    }

    /// An error that points at a defect: console errors, uncaught exceptions, CSP violations, and
    /// failed loads except OCP answering an /api/ call with an HTTP error (401 before sign-in, a
    /// 404 for an unknown task or an injected fault are the console's business, shown in its UI)
    /// and the browser's own favicon request.
    pub fn is_error(&self) -> bool {
        if self.is_csp_violation() {
            return true;
        }
        if self.level != "SEVERE" {
            return false;
        }
        // The browser asks for /favicon.ico on its own; under /console/ the origin root answers 404.
        if self.source == "network" && self.message.contains("/favicon.ico ") {
            return false;
        }
        if self.source == "network" && self.message.contains("/api/") {
            return !self
                .message
                .contains("the server responded with a status of");
        }
        true
    }
}

impl std::fmt::Display for LogEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{} {}] {}", self.level, self.source, self.message)
    }
}

/// `POST /session/{id}/se/log` with `{"type": "browser"}`: the entries since the last call.
#[derive(Debug)]
pub struct SeLog;

impl WebDriverCompatibleCommand for SeLog {
    fn endpoint(&self, base_url: &Url, session_id: Option<&str>) -> Result<Url, ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _: &Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": "browser"}).to_string()),
        )
    }
}

/// `POST /session/{id}/goog/cdp/execute`: one Chrome DevTools Protocol command.
#[derive(Debug)]
pub struct Cdp {
    pub cmd: &'static str,
    pub params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &Url, session_id: Option<&str>) -> Result<Url, ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }
    fn method_and_body(&self, _: &Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"cmd": self.cmd, "params": self.params}).to_string()),
        )
    }
}

/// The fallback capture script (runs before the page's own scripts, outside its CSP).
pub const CAPTURE_SCRIPT: &str = r#"(() => {
  if (window.__e2eErrors) return;
  const errs = [];
  Object.defineProperty(window, '__e2eErrors', { value: errs });
  const push = (source, message) => errs.push({ level: 'SEVERE', source, message: String(message) });
  addEventListener('securitypolicyviolation', e =>
    push('security', `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  addEventListener('error', e => push('javascript', e.message || String(e)), true);
  addEventListener('unhandledrejection', e => push('javascript', `unhandled rejection: ${e.reason}`));
  const orig = console.error;
  console.error = (...args) => { push('console-api', args.map(String).join(' ')); orig.apply(console, args); };
})();"#;

pub const DRAIN_SCRIPT: &str = "return window.__e2eErrors ? window.__e2eErrors.splice(0) : [];";
