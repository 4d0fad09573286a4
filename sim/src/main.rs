//! The `ocp-sim` command line: flags over [`ocp_sim::Config`], then serve until Ctrl-C.

use clap::Parser;
use ocp_sim::faults::FaultConfig;
use ocp_sim::ratelimit::RateLimit;
use ocp_sim::Config;
use std::net::IpAddr;
use std::path::PathBuf;

/// An OCP API simulator. Default login: admin / ocp-sim-admin.
#[derive(Parser, Debug)]
#[command(name = "ocp-sim", version)]
struct Cli {
    #[arg(long, default_value_t = ocp_sim::DEFAULT_PORT)]
    port: u16,
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Milliseconds one subtask run takes.
    #[arg(long, default_value_t = 1000)]
    step_ms: u64,
    /// Accept every request without credentials.
    #[arg(long)]
    no_auth: bool,
    /// JSON world file replacing the built-in world.
    #[arg(long)]
    world: Option<PathBuf>,
    /// Probability that any subtask run fails.
    #[arg(long, default_value_t = 0.0)]
    fail_rate: f64,
    /// Do not log one line per request.
    #[arg(long)]
    quiet: bool,
    /// Print the built-in world as JSON (a starting point for --world) and exit.
    #[arg(long)]
    dump_world: bool,
    /// Add N primary/standby tenant pairs across two more clusters (a drill world).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=ocp_sim::pairs::MAX_PAIRS as u64))]
    pairs: u64,
    /// OCP's per-user rate limit: R requests per second (bursts of ceil(R)); beyond it HTTP 429.
    #[arg(long, value_name = "R")]
    rate_limit: Option<f64>,
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if cli.rate_limit.is_some_and(|r| !(r > 0.0 && r.is_finite())) {
        eprintln!("ocp-sim: --rate-limit must be a number above 0");
        std::process::exit(2);
    }
    if cli.dump_world {
        let world =
            ocp_sim::pairs::with_pairs(ocp_sim::world::World::default(), cli.pairs as usize);
        println!(
            "{}",
            serde_json::to_string_pretty(&world).expect("world serialises")
        );
        return;
    }
    let faults = match std::env::var("OCP_SIM_FAULTS") {
        Ok(s) if !s.trim().is_empty() => match serde_json::from_str::<FaultConfig>(&s) {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!("ocp-sim: OCP_SIM_FAULTS is not valid fault JSON: {e}");
                std::process::exit(2);
            }
        },
        _ => None,
    };
    let cfg = Config {
        port: cli.port,
        bind: cli.bind,
        seed: cli.seed,
        step_ms: cli.step_ms.max(1),
        auth_enabled: !cli.no_auth,
        world_file: cli.world,
        fail_rate: cli.fail_rate.clamp(0.0, 1.0),
        faults,
        log_requests: !cli.quiet,
        pairs: cli.pairs as usize,
        rate_limit: cli.rate_limit.map(|r| RateLimit {
            per_second: r,
            burst: None,
        }),
        ..Config::default()
    };
    if let Err(e) = ocp_sim::load_world(&cfg) {
        eprintln!("ocp-sim: cannot load world: {e}");
        std::process::exit(2);
    }
    let listener = match tokio::net::TcpListener::bind((cfg.bind, cfg.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("ocp-sim: cannot listen on {}:{}: {e}", cfg.bind, cfg.port);
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().expect("bound address");
    println!("ocp-sim listening on http://{addr}");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("ocp-sim: shutting down");
    };
    if let Err(e) = ocp_sim::serve(listener, cfg, shutdown).await {
        eprintln!("ocp-sim: {e}");
        std::process::exit(1);
    }
}
