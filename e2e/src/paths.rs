//! Where things are: the workspace, the builds under test, the artifacts directory, the binaries.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e/ lives inside the workspace")
        .to_path_buf()
}

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The root build (`trunk build --release --offline`): `$OCP_E2E_DIST` or `<workspace>/dist`.
pub fn dist_root() -> PathBuf {
    env_path("OCP_E2E_DIST").unwrap_or_else(|| workspace().join("dist"))
}

/// The sub-path build (`trunk build --release --public-url /console/ --dist dist-console`):
/// `$OCP_E2E_DIST_CONSOLE` or `<workspace>/dist-console`.
pub fn dist_console() -> PathBuf {
    env_path("OCP_E2E_DIST_CONSOLE").unwrap_or_else(|| workspace().join("dist-console"))
}

pub fn artifacts() -> PathBuf {
    env_path("OCP_E2E_ARTIFACTS").unwrap_or_else(|| workspace().join("e2e-artifacts"))
}

pub fn deploy() -> PathBuf {
    workspace().join("deploy")
}

/// Fails unless `dir` holds a Trunk build (index.html plus a .wasm), naming the command that makes it.
pub fn require_build(dir: &Path, how: &str, var: &str) -> Result<()> {
    let index = dir.join("index.html");
    if !index.is_file() {
        return Err(Error(format!(
            "no console build at {}: run `{how}` in the workspace first (or set ${var} to a build)",
            dir.display()
        )));
    }
    let has_wasm = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .any(|e| e.path().extension().is_some_and(|x| x == "wasm"));
    if !has_wasm {
        return Err(Error(format!(
            "{} has no .wasm: an incomplete build; run `{how}` again",
            dir.display()
        )));
    }
    Ok(())
}

/// An executable: `$var` if set, else the first of `candidates` that exists (absolute) or is on PATH.
pub fn binary(var: &str, candidates: &[&str]) -> Result<PathBuf> {
    if let Some(p) = env_path(var) {
        return if p.is_file() {
            Ok(p)
        } else {
            Err(Error(format!("${var} = {} does not exist", p.display())))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for c in candidates {
        let c = Path::new(c);
        if c.is_absolute() {
            if c.is_file() {
                return Ok(c.to_path_buf());
            }
            continue;
        }
        for dir in std::env::split_paths(&path).chain([PathBuf::from("/usr/sbin")]) {
            let p = dir.join(c);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err(Error(format!(
        "none of {candidates:?} found (set ${var}); `scripts/setup --nginx` installs chromium, chromium-driver and nginx"
    )))
}

/// A fresh directory under the system temp dir, readable by nginx's unprivileged workers (0755).
pub fn temp_dir(tag: &str) -> Result<PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let d = std::env::temp_dir().join(format!(
        "ocp-e2e-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755))?;
    }
    Ok(d)
}

/// A loopback port that was free a moment ago (for nginx and chromedriver, which bind themselves).
pub fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}
