//! nginx with the production configuration from `deploy/`, rendered by `deploy/render.sh` for a free
//! loopback port, the build under test and the simulator as OCP upstream; run in the foreground as a
//! child process with its pid, logs and temp files in a private prefix directory.

use crate::error::{Error, Result};
use crate::harness::Mount;
use crate::paths;
use crate::procs::{wait_port, Proc};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

pub struct Nginx {
    pub port: u16,
    pub prefix: PathBuf,
    /// The rendered server block (what an operator would include).
    pub site_conf: PathBuf,
    proc: Proc,
}

impl Nginx {
    /// Renders the configuration and starts nginx; `dist` is the build for `mount`.
    pub async fn start(mount: Mount, dist: &Path, upstream: &str) -> Result<Self> {
        let nginx = paths::binary("OCP_E2E_NGINX", &["nginx", "/usr/sbin/nginx"])?;
        let prefix = paths::temp_dir("nginx")?;
        std::fs::create_dir_all(prefix.join("tmp"))?;
        let root = match mount {
            Mount::Root => dist.to_path_buf(),
            Mount::Console => {
                // The sub-path layout: <root>/console/ is the build made with --public-url /console/.
                let www = prefix.join("www");
                std::fs::create_dir_all(&www)?;
                std::os::unix::fs::symlink(dist, www.join("console"))?;
                www
            }
        };
        let mut last_err = Error::msg("nginx not started");
        for _attempt in 0..3 {
            let port = paths::free_port()?;
            let site_conf = prefix.join("ocp-console.conf");
            let mut args = vec![
                "site".to_string(),
                "--root".into(),
                root.display().to_string(),
                "--upstream".into(),
                upstream.to_string(),
                "--listen".into(),
                format!("127.0.0.1:{port}"),
                "--server-name".into(),
                "localhost".into(),
            ];
            if mount == Mount::Console {
                args.push("--subpath".into());
            }
            std::fs::write(&site_conf, render(&args)?)?;
            let main_conf = prefix.join("nginx.conf");
            std::fs::write(
                &main_conf,
                render(&[
                    "main".into(),
                    "--prefix".into(),
                    prefix.display().to_string(),
                    "--site".into(),
                    site_conf.display().to_string(),
                    // The binary whose brotli_static module the configuration loads (the rendered
                    // nginx.conf names Debian's dynamic module by absolute path).
                    "--nginx".into(),
                    nginx.display().to_string(),
                ])?,
            )?;
            let out = std::fs::File::create(prefix.join("nginx.out"))?;
            let mut proc = Proc::spawn(
                "nginx",
                Command::new(&nginx)
                    .arg("-p")
                    .arg(&prefix)
                    .arg("-c")
                    .arg(&main_conf)
                    // The error log before the configuration is read (not /var/log when not root).
                    .arg("-e")
                    .arg(prefix.join("error.log"))
                    .args(["-g", "daemon off;"])
                    .stdin(Stdio::null())
                    .stdout(out.try_clone()?)
                    .stderr(out),
            )?;
            let hint = format!(" (see {}/error.log and nginx.out)", prefix.display());
            match wait_port(&mut proc, port, Duration::from_secs(10), &hint).await {
                Ok(()) => {
                    return Ok(Nginx {
                        port,
                        prefix,
                        site_conf,
                        proc,
                    })
                }
                Err(e) => {
                    let log = std::fs::read_to_string(prefix.join("nginx.out")).unwrap_or_default()
                        + &std::fs::read_to_string(prefix.join("error.log")).unwrap_or_default();
                    last_err = Error(format!("{e}\n{log}"));
                    proc.stop();
                    // Lost a race for the port: try another one. Anything else is fatal.
                    if !log.contains("Address already in use") {
                        break;
                    }
                }
            }
        }
        Err(last_err)
    }

    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.prefix.join("error.log")).unwrap_or_default()
    }

    pub fn pid(&self) -> Option<u32> {
        self.proc.id()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        self.proc.stop();
        if std::env::var_os("OCP_E2E_KEEP").is_none() {
            let _ = std::fs::remove_dir_all(&self.prefix);
        }
    }
}

/// Runs `sh deploy/render.sh ARGS…` and returns what it prints.
pub fn render(args: &[String]) -> Result<String> {
    let script = paths::deploy().join("render.sh");
    let out = Command::new("sh")
        .arg(&script)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error(format!("cannot run {}: {e}", script.display())))?;
    if !out.status.success() {
        return Err(Error(format!(
            "{} {} failed ({}): {}",
            script.display(),
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    if !out.stderr.is_empty() {
        eprintln!(
            "[e2e] render.sh: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
