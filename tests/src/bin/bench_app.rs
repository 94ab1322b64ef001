//! `bench-app`: how fast the real app starts and opens a site, and how much memory it holds.
//!
//! Run it through `scripts/bench-app`, which builds the release app and the CLI first and runs
//! this under Xvfb; `docs/performance.md` says what each figure means and what we measured.
//!
//! For each dataset (the demo portfolio, and portfolios of N generated sites) it prepares a
//! database once (`continuum generate` + `continuum import`, cached under the output directory),
//! starts the app once without counting it (when the readiness cache is stale — a new day, a
//! migrated schema — that start scores every site and fills it; it is reported on its own),
//! then starts it `--runs` times,
//! each in a fresh sandbox (own HOME and XDG dirs, so no web-view cache or remembered view) on
//! the same database, and per run measures:
//!
//! - **cold start**: from just before the WebDriver new-session request (which makes
//!   WebKitWebDriver launch the app) to the first frame after the dashboard's site rows are in
//!   the DOM and the map's canvas has drawn its markers. The moment is taken inside the page (a MutationObserver, then
//!   `requestAnimationFrame` + `setTimeout(0)`), as `performance.timeOrigin + performance.now()`
//!   on the same realtime clock as the request, so WebDriver's polling adds nothing. The app
//!   process's start time (`/proc/PID/stat`, 10 ms ticks) splits it into "WebDriver until the
//!   process exists" and **process start → interactive**, the figure the target is about;
//!   `performance.now()` alone gives web-view navigation start → interactive.
//! - **idle memory** `--idle` seconds after the dashboard and its forecast are shown: PSS and RSS from
//!   `/proc/PID/smaps_rollup` of the app and every descendant (WebKitWebProcess,
//!   WebKitNetworkProcess, ...), summed and per process.
//! - **opening a site**: inside the page, click a site row and wait for that site page's
//!   readiness components to be painted (the first opened site of a run apart from the later
//!   ones); then the `site_page` command alone through `window.continuumApi`, and the way back
//!   to the dashboard (its re-render with the data already in memory).
//! - the `dashboard` and `outlook` commands alone, with the size of their JSON.
//!
//! Results: a table on standard output (min / median / max of each figure, the targets, and
//! the machine), and the raw samples as JSON in `<out>/results-<UTC time>.json` and
//! `<out>/latest.json`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, ensure, Context as _};
use continuum_e2e::{connect, prerequisites_or_skip, AppSandbox, Prerequisites, TauriDriver};
use fantoccini::wd::TimeoutConfiguration;
use fantoccini::Client;
use serde_json::{json, Value};

const USAGE: &str = "\
usage: bench-app --app PATH --cli PATH [--out DIR] [--runs N] [--datasets LIST] [--idle SECS]
                 [--opens N] [--fresh] [--app-env KEY=VALUE]... [--build-label TEXT]

  --app PATH       the app binary to measure (a release build: target/release/continuum-app)
  --cli PATH       the continuum CLI, to prepare the databases (target/release/continuum)
  --out DIR        databases, logs and results [default: target/bench-app]
  --runs N         measured starts per dataset, after one uncounted start [default: 5]
  --datasets LIST  comma-separated: `demo` and/or numbers of generated sites [default: demo,2000,20000]
  --idle SECS      idle time on the dashboard before memory is read [default: 5]
  --opens N        sites opened per run (the first is reported apart) [default: 3]
  --fresh          generate and import the cached databases again
  --app-env K=V    set K=V in the app's environment (repeatable), e.g. to try a WebKit setting
  --build-label T  what the app binary was built from [default: the repository's HEAD]

Run under an X display (xvfb-run -a); scripts/bench-app builds everything and does that.";

/// Bounds one WebDriver script, and one whole run.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(240);
const RUN_TIMEOUT: Duration = Duration::from_secs(600);

struct Options {
    app: PathBuf,
    cli: PathBuf,
    out: PathBuf,
    runs: usize,
    datasets: Vec<Dataset>,
    idle: Duration,
    opens: usize,
    fresh: bool,
    app_env: Vec<(&'static str, String)>,
    build_label: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Dataset {
    Demo,
    Generated(usize),
}

impl Dataset {
    fn name(self) -> String {
        match self {
            Dataset::Demo => "demo".into(),
            Dataset::Generated(n) => format!("{n} sites"),
        }
    }
    fn slug(self) -> String {
        match self {
            Dataset::Demo => "demo".into(),
            Dataset::Generated(n) => format!("sites-{n}"),
        }
    }
    /// The cold-start target of the issue, in ms.
    fn start_target_ms(self) -> f64 {
        match self {
            Dataset::Generated(n) if n > 2_000 => 2_000.0,
            _ => 1_000.0,
        }
    }
}

fn parse_options() -> anyhow::Result<Options> {
    let mut args = std::env::args().skip(1);
    let mut app = None;
    let mut cli = None;
    let mut out = PathBuf::from("target/bench-app");
    let mut runs = 5;
    let mut datasets = vec![
        Dataset::Demo,
        Dataset::Generated(2_000),
        Dataset::Generated(20_000),
    ];
    let mut idle = Duration::from_secs(5);
    let mut opens = 3;
    let mut fresh = false;
    let mut app_env = Vec::new();
    let mut build_label = None;
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .with_context(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--app" => app = Some(PathBuf::from(value()?)),
            "--cli" => cli = Some(PathBuf::from(value()?)),
            "--out" => out = PathBuf::from(value()?),
            "--runs" => runs = value()?.parse().context("--runs")?,
            "--idle" => idle = Duration::from_secs_f64(value()?.parse().context("--idle")?),
            "--opens" => opens = value()?.parse().context("--opens")?,
            "--datasets" => {
                datasets = value()?
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| match s.trim() {
                        "demo" => Ok(Dataset::Demo),
                        n => n
                            .replace('_', "")
                            .parse()
                            .map(Dataset::Generated)
                            .with_context(|| format!("dataset {n:?}: `demo` or a number of sites")),
                    })
                    .collect::<anyhow::Result<_>>()?
            }
            "--fresh" => fresh = true,
            "--build-label" => build_label = Some(value()?),
            "--app-env" => {
                let pair = value()?;
                let (k, v) = pair
                    .split_once('=')
                    .with_context(|| format!("--app-env {pair:?}: KEY=VALUE"))?;
                // The harness takes 'static names; a handful of leaked strings is fine here.
                app_env.push((&*Box::leak(k.to_owned().into_boxed_str()), v.to_owned()));
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unknown argument {other:?}\n{USAGE}"),
        }
    }
    let absolute = |p: PathBuf| std::path::absolute(&p).unwrap_or(p);
    let app = absolute(app.context(format!("--app is required\n{USAGE}"))?);
    let cli = absolute(cli.context(format!("--cli is required\n{USAGE}"))?);
    for bin in [&app, &cli] {
        ensure!(
            bin.is_file(),
            "{} does not exist: build it first",
            bin.display()
        );
    }
    ensure!(runs >= 1, "--runs must be at least 1");
    ensure!(opens >= 1, "--opens must be at least 1");
    Ok(Options {
        app,
        cli,
        out: absolute(out),
        runs,
        datasets,
        idle,
        opens,
        fresh,
        app_env,
        build_label,
    })
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if let Err(err) = run().await {
        eprintln!("bench-app: {err:#}");
        std::process::exit(1);
    }
}

async fn run() -> anyhow::Result<()> {
    let opts = parse_options()?;
    let Some(prereqs) = prerequisites_or_skip("bench-app") else {
        bail!("the WebDriver prerequisites are missing (see above)");
    };
    std::fs::create_dir_all(opts.out.join("logs"))?;
    std::fs::create_dir_all(opts.out.join("db"))?;
    let machine = machine();
    let build = build_info(&opts.app, opts.build_label.as_deref());
    eprintln!("{}", machine_line(&machine));

    let mut results = Vec::new();
    for &dataset in &opts.datasets {
        let prepared = prepare(&opts, dataset)?;
        eprintln!(
            "\n== {}: {} sites, database {} ==",
            dataset.name(),
            prepared["sites"],
            human_bytes(prepared["db_bytes"].as_u64().unwrap_or(0))
        );
        let db = PathBuf::from(prepared["db"].as_str().unwrap_or_default());
        eprintln!("first start (not counted: fills the readiness cache when it is stale)…");
        let first = measure_run(&opts, &prereqs, dataset, &db, "first").await?;
        eprintln!("  {}", run_line(&first));
        let mut runs = Vec::new();
        for i in 1..=opts.runs {
            let run = measure_run(&opts, &prereqs, dataset, &db, &i.to_string()).await?;
            eprintln!("  run {i}/{}: {}", opts.runs, run_line(&run));
            runs.push(run);
        }
        let summary = summarise(dataset, &runs);
        results.push(json!({
            "dataset": dataset.name(),
            "prepared": prepared,
            "first_start": first,
            "runs": runs,
            "summary": summary,
        }));
    }

    let report = json!({
        "when": utc_timestamp(SystemTime::now()),
        "machine": machine,
        "build": build,
        "config": {
            "runs": opts.runs,
            "idle_s": opts.idle.as_secs_f64(),
            "opens_per_run": opts.opens,
            "window": "1280x800 (tauri.conf.json), Xvfb",
            "app_env": opts.app_env.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(),
        },
        "datasets": results,
    });
    let table = render_table(&report);
    println!("{table}");
    let stamp = report["when"].as_str().unwrap_or("now").replace(':', "");
    let json_path = opts.out.join(format!("results-{stamp}.json"));
    let text = serde_json::to_string_pretty(&report)?;
    std::fs::write(&json_path, &text)?;
    std::fs::write(opts.out.join("latest.json"), &text)?;
    std::fs::write(opts.out.join("latest.txt"), &table)?;
    println!("results: {}", json_path.display());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Databases

/// The database of `dataset`, created once: the demo is initialised afresh every time (it is
/// small, and its dates follow today); generated portfolios are cached with a marker file that
/// records how they were made.
fn prepare(opts: &Options, dataset: Dataset) -> anyhow::Result<Value> {
    let dir = opts.out.join("db");
    let db = dir.join(format!("{}.db", dataset.slug()));
    let marker = dir.join(format!("{}.json", dataset.slug()));
    if dataset != Dataset::Demo && !opts.fresh {
        if let Ok(text) = std::fs::read_to_string(&marker) {
            if let Ok(mut prepared) = serde_json::from_str::<Value>(&text) {
                if db.is_file() {
                    prepared["db"] = json!(db);
                    prepared["db_bytes"] = json!(db_bytes(&db));
                    prepared["cached"] = json!(true);
                    return Ok(prepared);
                }
            }
        }
    }
    remove_db(&db)?;
    let _ = std::fs::remove_file(&marker);
    let mut prepared = json!({ "db": db, "cached": false });
    match dataset {
        Dataset::Demo => {
            let t = Instant::now();
            cli(opts, &["--db", path_str(&db)?, "init"])?;
            prepared["init_s"] = json!(t.elapsed().as_secs_f64());
        }
        Dataset::Generated(n) => {
            let plans = opts.out.join(format!("plans-{n}"));
            let _ = std::fs::remove_dir_all(&plans);
            eprintln!("generating {n} sites into {}…", plans.display());
            let t = Instant::now();
            let n_text = n.to_string();
            cli(
                opts,
                &[
                    "generate",
                    "--sites",
                    &n_text,
                    "--seed",
                    "1",
                    "--out",
                    path_str(&plans)?,
                ],
            )?;
            prepared["generate_s"] = json!(t.elapsed().as_secs_f64());
            prepared["plan_files_bytes"] = json!(dir_bytes(&plans));
            prepared["generated_on"] = json!(utc_timestamp(SystemTime::now())[..10]);
            eprintln!(
                "  {:.1} s, {} of plan files; importing…",
                t.elapsed().as_secs_f64(),
                human_bytes(prepared["plan_files_bytes"].as_u64().unwrap_or(0))
            );
            let t = Instant::now();
            cli(opts, &["--db", path_str(&db)?, "import", path_str(&plans)?])?;
            prepared["import_s"] = json!(t.elapsed().as_secs_f64());
            eprintln!("  imported in {:.1} s", t.elapsed().as_secs_f64());
            // The plan files can be generated again from the seed; keep only the database.
            std::fs::remove_dir_all(&plans)?;
        }
    }
    let sites = cli(opts, &["--db", path_str(&db)?, "--json", "sites"])?;
    prepared["sites"] = json!(serde_json::from_str::<Value>(&sites)?
        .as_array()
        .map_or(0, Vec::len));
    prepared["db_bytes"] = json!(db_bytes(&db));
    if dataset != Dataset::Demo {
        std::fs::write(&marker, serde_json::to_string_pretty(&prepared)?)?;
    }
    Ok(prepared)
}

fn cli(opts: &Options, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new(&opts.cli)
        .args(args)
        .env_remove("CONTINUUM_DB")
        .output()
        .with_context(|| format!("run {}", opts.cli.display()))?;
    ensure!(
        output.status.success(),
        "continuum {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn path_str(path: &Path) -> anyhow::Result<&str> {
    path.to_str().context("a path that is not UTF-8")
}

fn remove_db(db: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("remove {}", db.display())),
        }
    }
    Ok(())
}

fn db_bytes(db: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .map(|suffix| {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            std::fs::metadata(name).map_or(0, |m| m.len())
        })
        .sum()
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

// ---------------------------------------------------------------------------------------------
// One run

/// Starts the app once in a fresh sandbox on `db` and takes every figure of a run.
async fn measure_run(
    opts: &Options,
    prereqs: &Prerequisites,
    dataset: Dataset,
    db: &Path,
    label: &str,
) -> anyhow::Result<Value> {
    let sandbox = AppSandbox::new()?;
    let mut env: Vec<(&'static str, OsString)> = sandbox
        .env()
        .into_iter()
        .filter(|(k, _)| *k != "CONTINUUM_DB")
        .collect();
    env.push(("CONTINUUM_DB", db.as_os_str().to_owned()));
    for (k, v) in &opts.app_env {
        env.retain(|(name, _)| name != k);
        env.push((k, v.into()));
    }
    let home = sandbox.path().join("home");
    let log = opts
        .out
        .join("logs")
        .join(format!("{}-{label}.log", dataset.slug()));
    let driver = TauriDriver::start(prereqs, &env, &log)?;
    let outcome = tokio::time::timeout(RUN_TIMEOUT, drive(opts, &driver, &home)).await;
    let app_pid = find_app(&opts.app, &home);
    drop(driver); // SIGTERM: tauri-driver stops WebKitWebDriver, which closes the app.
    if let Some(pid) = app_pid {
        wait_gone(pid, Duration::from_secs(10));
    }
    match outcome {
        Ok(Ok(run)) => Ok(run),
        Ok(Err(err)) => Err(err.context(format!(
            "{} run {label}; log: {}",
            dataset.name(),
            log.display()
        ))),
        Err(_) => bail!(
            "{} run {label} did not finish within {RUN_TIMEOUT:?}; log: {}",
            dataset.name(),
            log.display()
        ),
    }
}

/// Opens the session (launching the app), measures, and always ends the session.
async fn drive(opts: &Options, driver: &TauriDriver, home: &Path) -> anyhow::Result<Value> {
    let request_epoch_ms = epoch_ms(SystemTime::now());
    let request_boot_ms = boottime_ms();
    let request = Instant::now();
    let client = connect(driver, &opts.app).await?;
    let session_ms = ms(request.elapsed());
    let outcome = measure(
        opts,
        &client,
        home,
        request_epoch_ms,
        request_boot_ms,
        session_ms,
    )
    .await;
    match tokio::time::timeout(Duration::from_secs(15), client.close()).await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => eprintln!("ending the WebDriver session failed: {err}"),
        Err(_) => eprintln!("ending the WebDriver session timed out"),
    }
    outcome
}

async fn measure(
    opts: &Options,
    client: &Client,
    home: &Path,
    request_epoch_ms: f64,
    request_boot_ms: f64,
    session_ms: f64,
) -> anyhow::Result<Value> {
    client
        .update_timeouts(TimeoutConfiguration::new(Some(SCRIPT_TIMEOUT), None, None))
        .await
        .context("set the script timeout")?;

    // (a) Cold start: wait inside the page for the dashboard; the script may first run before
    // the app's document is there (it is then lost with the navigation): try again.
    let deadline = Instant::now() + SCRIPT_TIMEOUT;
    let start = loop {
        let answer = client.execute_async(PROBE_START, vec![]).await;
        match answer {
            Ok(v) if v.get("retry").is_none() => break v,
            _ if Instant::now() > deadline => {
                bail!("the dashboard never became interactive: {answer:?}")
            }
            _ => tokio::time::sleep(Duration::from_millis(5)).await,
        }
    };
    if let Some(err) = start.get("error") {
        bail!("the dashboard did not load: {err}");
    }
    let origin = start["origin"].as_f64().context("no timeOrigin")?;
    let interactive_ms = start["interactive"]
        .as_f64()
        .context("no interactive time")?;
    let app_pid = find_app(&opts.app, home)
        .context("the app process was not found under the sandbox's HOME")?;
    let process_start_ms = process_start_boot_ms(app_pid).map(|t| t - request_boot_ms);
    let cold_start_ms = origin + interactive_ms - request_epoch_ms;
    let mut run = json!({
        "session_ms": session_ms,
        "cold_start_ms": cold_start_ms,
        "navigation_start_ms": origin - request_epoch_ms,
        "in_page_interactive_ms": interactive_ms,
        "in_page_dom_ms": start["dom"],
        "in_page_layout_ms": start["layout"],
        "process_start_ms": process_start_ms,
        "process_to_interactive_ms": process_start_ms.map(|p| cold_start_ms - p),
        "already_interactive_when_probed": start["already"],
        "outlook_shown_ms": start["outlook"].as_f64().map(|t| origin + t - request_epoch_ms),
        "rows": start["rows"],
        "markers": start["markers"],
        "dom_elements": start["elements"],
        "navigation": start["navigation"],
    });

    // (c) Idle memory of the whole app on the dashboard.
    tokio::time::sleep(opts.idle).await;
    run["memory"] = memory(app_pid)?;
    run["loadavg"] = json!(std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .and_then(|l| l.parse::<f64>().ok()));

    // What a frame costs when nothing changes: the floor under every "painted" figure.
    run["idle_frame_ms"] = client
        .execute_async(PROBE_FRAME, vec![])
        .await
        .context("time an idle frame")?;

    // The dashboard's own commands, alone.
    let ipc = client
        .execute_async(PROBE_DASHBOARD_IPC, vec![])
        .await
        .context("time the dashboard command")?;
    ensure!(ipc.get("error").is_none(), "dashboard command: {ipc}");
    run["ipc"] = ipc;

    // (b) Opening sites: the first `opens` rows of the list (most urgent first).
    let ids = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=site-row]')].slice(0, arguments[0]).map(r => r.dataset.site);",
            vec![json!(opts.opens)],
        )
        .await?;
    let ids: Vec<String> = serde_json::from_value(ids)?;
    ensure!(!ids.is_empty(), "no site rows to open");
    let mut opens = Vec::new();
    for id in &ids {
        let open = client
            .execute_async(PROBE_OPEN_SITE, vec![json!(id)])
            .await
            .with_context(|| format!("open site {id}"))?;
        ensure!(open.get("error").is_none(), "open site {id}: {open}");
        opens.push(open);
    }
    run["site_opens"] = Value::Array(opens);
    Ok(run)
}

/// Resolves when the dashboard is interactive: `main` shows the dashboard with its data, the
/// site rows are in the DOM, the map's canvas has drawn its markers, and a frame has been
/// painted since. Answers
/// `{ retry }` when the app's document is not loaded yet.
const PROBE_START: &str = r#"
const done = arguments[arguments.length - 1];
if (!document.getElementById('app') || !window.continuumApi) { done({ retry: true }); return; }
const ready = 'main[data-view=dashboard][data-state=ready]';
// The markers are drawn on one canvas, which says how many it drew once it has (data-drawn).
const drawn = () => { const c = document.querySelector(ready + ' [data-testid=map-markers]');
  return c && Number(c.dataset.drawn) > 0; };
const usable = () => document.querySelector(ready + ' [data-testid=site-row]') && drawn();
const failed = () => document.querySelector('main[data-state=error]');
const outlookShown = () => {
  const o = document.querySelector('[data-testid=outlook]');
  return o && (o.querySelector('.changes') || o.querySelector('.empty'));
};
const navigation = () => {
  const n = performance.getEntriesByType('navigation')[0];
  const paints = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));
  return n ? { response_end: n.responseEnd, dom_content_loaded: n.domContentLoadedEventEnd,
               load_end: n.loadEventEnd, ...paints } : paints;
};
const origin = performance.timeOrigin || (Date.now() - performance.now());
const already = !!usable();
let result = null;
let observer = null;
const finish = (extra) => { if (observer) observer.disconnect(); done({ ...result, ...extra, navigation: navigation() }); };
const waitOutlook = () => {
  const t0 = performance.now();
  const check = () => {
    if (outlookShown()) finish({ outlook: performance.now() });
    else if (performance.now() - t0 > 60000) finish({ outlook: null });
    else setTimeout(check, 5);
  };
  check();
};
const interactive = () => {
  const dom = performance.now();
  document.documentElement.getBoundingClientRect(); // style and layout, now
  const layout = performance.now();
  requestAnimationFrame(() => setTimeout(() => {
    result = { origin, dom, layout, interactive: performance.now(), already,
      rows: document.querySelectorAll('[data-testid=site-row]').length,
      markers: Number(document.querySelector('[data-testid=map-markers]').dataset.drawn),
      elements: document.getElementsByTagName('*').length };
    waitOutlook();
  }, 0));
};
if (already) interactive();
else if (failed()) done({ error: document.querySelector('main').innerText });
else {
  observer = new MutationObserver(() => {
    if (result === null && usable()) { observer.disconnect(); observer = null; interactive(); }
    else if (failed()) { observer.disconnect(); done({ error: document.querySelector('main').innerText }); }
  });
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true,
    attributeFilter: ['data-state', 'data-view', 'data-drawn'] });
}
"#;

/// The median time from now to just after the next frame, with nothing to lay out or paint.
const PROBE_FRAME: &str = r#"
const done = arguments[arguments.length - 1];
const times = [];
const once = () => {
  const t0 = performance.now();
  requestAnimationFrame(() => setTimeout(() => {
    times.push(performance.now() - t0);
    if (times.length < 9) setTimeout(once, 20);
    else done(times.sort((a, b) => a - b)[4]);
  }, 0));
};
once();
"#;

/// Times the `dashboard` and `outlook` commands alone, and the size of their JSON.
const PROBE_DASHBOARD_IPC: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  const api = window.continuumApi;
  let t = performance.now();
  const d = await api.dashboard(null);
  const dashboard_ms = performance.now() - t;
  const text = JSON.stringify(d);
  t = performance.now();
  JSON.parse(text);
  const dashboard_parse_ms = performance.now() - t;
  t = performance.now();
  const o = await api.outlook(null, 90);
  const outlook_ms = performance.now() - t;
  done({ dashboard_ms, dashboard_bytes: text.length, dashboard_parse_ms,
         dashboard_sites: d.sites.length,
         dashboard_sites_bytes: JSON.stringify(d.sites).length,
         outlook_ms, outlook_bytes: JSON.stringify(o).length, outlook_drops: o.drops.length });
})().catch(e => done({ error: String(e && (e.message || e)) }));
"#;

/// Clicks the row of site `arguments[0]` and resolves when that site's page shows its readiness
/// components (painted); then times the `site_page` command alone and the way back to the
/// dashboard.
const PROBE_OPEN_SITE: &str = r#"
const [site, done] = arguments;
const row = [...document.querySelectorAll('[data-testid=site-row]')].find(r => r.dataset.site === site);
if (!row) { done({ error: 'no row for ' + site }); return; }
const pageReady = () => {
  const main = document.querySelector('main[data-view=site][data-state=ready]');
  const page = main && main.querySelector('[data-testid=site-page]');
  return page && page.dataset.site === site && page.querySelector('[data-testid=component]');
};
const dashboardReady = () => document.querySelector('main[data-view=dashboard][data-state=ready] [data-testid=site-row]');
const until = (ready, t0) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timed out')); }, 60000);
  const hit = () => {
    const dom = performance.now() - t0;
    document.documentElement.getBoundingClientRect(); // style and layout, now
    const layout = performance.now() - t0;
    requestAnimationFrame(() => setTimeout(() => resolve({ dom, layout, painted: performance.now() - t0 }), 0));
  };
  const observer = new MutationObserver(() => {
    if (ready()) { observer.disconnect(); clearTimeout(timer); hit(); }
  });
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
});
(async () => {
  const t0 = performance.now();
  const opened = until(pageReady, t0);
  row.click();
  const open = await opened;
  const components = document.querySelectorAll('[data-testid=component]').length;
  const elements = document.getElementsByTagName('*').length;
  let t = performance.now();
  const page = await window.continuumApi.sitePage(site, null);
  const ipc_ms = performance.now() - t;
  const bytes = JSON.stringify(page).length;
  await new Promise(r => setTimeout(r, 200));
  const t1 = performance.now();
  const back = until(dashboardReady, t1);
  location.hash = '#/';
  const backTime = await back;
  await new Promise(r => setTimeout(r, 200));
  done({ site, open_dom_ms: open.dom, open_layout_ms: open.layout, open_ms: open.painted,
         components, elements, site_page_ms: ipc_ms, site_page_bytes: bytes,
         back_dom_ms: backTime.dom, back_layout_ms: backTime.layout, back_ms: backTime.painted });
})().catch(e => done({ error: String(e && (e.message || e)) }));
"#;

// ---------------------------------------------------------------------------------------------
// Processes and memory

/// One process as /proc shows it.
struct Proc {
    pid: u32,
    ppid: u32,
}

fn processes() -> Vec<Proc> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let ppid = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some(Proc { pid, ppid })
        })
        .collect()
}

/// The process running `app` whose environment has this sandbox's HOME.
fn find_app(app: &Path, home: &Path) -> Option<u32> {
    let app = std::fs::canonicalize(app).ok()?;
    let want = format!("HOME={}", home.display());
    processes()
        .into_iter()
        .filter(|p| std::fs::read_link(format!("/proc/{}/exe", p.pid)).is_ok_and(|exe| exe == app))
        .find(|p| {
            std::fs::read(format!("/proc/{}/environ", p.pid))
                .is_ok_and(|env| env.split(|&b| b == 0).any(|kv| kv == want.as_bytes()))
        })
        .map(|p| p.pid)
}

/// The process's start, in ms of CLOCK_BOOTTIME (field 22 of /proc/PID/stat, in clock ticks).
fn process_start_boot_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let ticks: f64 = stat
        .rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(19)?
        .parse()
        .ok()?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (hz > 0).then(|| ticks * 1000.0 / hz as f64)
}

fn boottime_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) };
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

/// PSS and RSS (smaps_rollup) of `root` and all its descendants, summed and per process.
fn memory(root: u32) -> anyhow::Result<Value> {
    let procs = processes();
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(procs.iter().filter(|p| p.ppid == parent).map(|p| p.pid));
        i += 1;
    }
    let mut list = Vec::new();
    let (mut pss, mut rss, mut anon) = (0u64, 0u64, 0u64);
    for pid in tree {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue; // gone meanwhile
        };
        let field = |name: &str| -> u64 {
            text.lines()
                .find_map(|l| {
                    l.strip_prefix(name)?
                        .trim()
                        .strip_suffix("kB")?
                        .trim()
                        .parse()
                        .ok()
                })
                .unwrap_or(0)
        };
        let name = process_name(pid);
        let entry = json!({
            "pid": pid,
            "name": name,
            "pss_kb": field("Pss:"),
            "rss_kb": field("Rss:"),
            "pss_anon_kb": field("Pss_Anon:"),
            "pss_file_kb": field("Pss_File:"),
            "pss_shmem_kb": field("Pss_Shmem:"),
        });
        pss += field("Pss:");
        rss += field("Rss:");
        anon += field("Pss_Anon:");
        list.push(entry);
    }
    ensure!(
        !list.is_empty(),
        "no smaps_rollup readable for the app ({root})"
    );
    Ok(json!({ "pss_kb": pss, "rss_kb": rss, "pss_anon_kb": anon, "processes": list }))
}

/// The program's file name (the comm in /proc/PID/stat is cut at 15 bytes).
fn process_name(pid: u32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .ok()
        .and_then(|c| {
            let first = c.split(|&b| b == 0).next()?.to_vec();
            let first = String::from_utf8(first).ok()?;
            Some(first.rsplit('/').next()?.to_owned())
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .map(|c| c.trim().to_owned())
                .unwrap_or_default()
        })
}

/// Waits for the app to exit after the driver stopped; a straggler gets SIGTERM, so it cannot
/// weigh on the next run.
fn wait_gone(pid: u32, timeout: Duration) {
    let alive = || Path::new(&format!("/proc/{pid}")).exists() && find_zombie(pid) != Some(true);
    let deadline = Instant::now() + timeout;
    while alive() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    if alive() {
        eprintln!("the app ({pid}) outlived its WebDriver session; sending it SIGTERM");
        if let Ok(pid) = libc::pid_t::try_from(pid) {
            // SAFETY: plain kill(2) of the app this run started.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
    }
}

fn find_zombie(pid: u32) -> Option<bool> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    Some(stat.rsplit_once(')')?.1.split_whitespace().next()? == "Z")
}

// ---------------------------------------------------------------------------------------------
// Figures

/// One figure of the table: where its samples are in a run, its unit (after `scale`).
struct Figure {
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    at: At,
    scale: f64,
}

/// Where a figure's samples are in a run's JSON (paths are JSON pointers).
enum At {
    Run(&'static str),
    /// In the first site opened in the run.
    FirstOpen(&'static str),
    /// In the sites opened after the first.
    LaterOpens(&'static str),
    /// In every site opened.
    Opens(&'static str),
}

impl Figure {
    fn samples(&self, run: &Value) -> Vec<f64> {
        let opens = run["site_opens"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        let values: Vec<&Value> = match self.at {
            At::Run(path) => run.pointer(path).into_iter().collect(),
            At::FirstOpen(path) => opens
                .iter()
                .take(1)
                .filter_map(|o| o.pointer(path))
                .collect(),
            At::LaterOpens(path) => opens
                .iter()
                .skip(1)
                .filter_map(|o| o.pointer(path))
                .collect(),
            At::Opens(path) => opens.iter().filter_map(|o| o.pointer(path)).collect(),
        };
        values
            .into_iter()
            .filter_map(Value::as_f64)
            .map(|x| x * self.scale)
            .collect()
    }
}

const fn fig(key: &'static str, label: &'static str, unit: &'static str, at: At) -> Figure {
    Figure {
        key,
        label,
        unit,
        at,
        scale: 1.0,
    }
}

const fn scaled(
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    at: At,
    scale: f64,
) -> Figure {
    Figure {
        key,
        label,
        unit,
        at,
        scale,
    }
}

#[rustfmt::skip]
const FIGURES: &[Figure] = &[
    fig("cold_start_ms", "cold start: session request → dashboard usable", "ms", At::Run("/cold_start_ms")),
    fig("process_to_interactive_ms", "  app process start → dashboard usable", "ms", At::Run("/process_to_interactive_ms")),
    fig("in_page_interactive_ms", "  web view navigation start → usable", "ms", At::Run("/in_page_interactive_ms")),
    fig("in_page_dom_ms", "    navigation start → rows and markers in the DOM", "ms", At::Run("/in_page_dom_ms")),
    fig("in_page_layout_ms", "    … and laid out (forced style + layout)", "ms", At::Run("/in_page_layout_ms")),
    fig("process_start_ms", "  session request → app process start", "ms", At::Run("/process_start_ms")),
    fig("navigation_start_ms", "  session request → navigation start", "ms", At::Run("/navigation_start_ms")),
    fig("session_ms", "  WebDriver new session returned", "ms", At::Run("/session_ms")),
    fig("outlook_shown_ms", "  session request → forecast shown", "ms", At::Run("/outlook_shown_ms")),
    fig("open_first_ms", "open a site (first of the run): click → painted", "ms", At::FirstOpen("/open_ms")),
    fig("open_later_ms", "open a site (later ones)", "ms", At::LaterOpens("/open_ms")),
    fig("open_dom_ms", "  click → components in the DOM", "ms", At::Opens("/open_dom_ms")),
    fig("open_layout_ms", "  … and laid out (forced style + layout)", "ms", At::Opens("/open_layout_ms")),
    fig("site_page_ipc_ms", "  site_page command alone", "ms", At::Opens("/site_page_ms")),
    scaled("site_page_kb", "    its JSON", "KB", At::Opens("/site_page_bytes"), 1e-3),
    fig("back_ms", "back to the dashboard (re-render)", "ms", At::Opens("/back_ms")),
    fig("back_dom_ms", "  … in the DOM", "ms", At::Opens("/back_dom_ms")),
    fig("idle_frame_ms", "an idle frame (rAF + setTimeout 0, nothing changed)", "ms", At::Run("/idle_frame_ms")),
    fig("dashboard_ipc_ms", "dashboard command alone", "ms", At::Run("/ipc/dashboard_ms")),
    scaled("dashboard_kb", "  its JSON", "KB", At::Run("/ipc/dashboard_bytes"), 1e-3),
    fig("outlook_ipc_ms", "outlook command alone (90 days)", "ms", At::Run("/ipc/outlook_ms")),
    scaled("pss_mb", "idle memory, PSS (app + WebKit processes)", "MB", At::Run("/memory/pss_kb"), 1.0 / 1024.0),
    scaled("pss_anon_mb", "  of which anonymous (heaps)", "MB", At::Run("/memory/pss_anon_kb"), 1.0 / 1024.0),
    scaled("rss_mb", "idle memory, RSS (sum)", "MB", At::Run("/memory/rss_kb"), 1.0 / 1024.0),
    fig("loadavg", "machine load (1-min average) while idle", "", At::Run("/loadavg")),
];

fn target(key: &str, dataset: Dataset) -> Option<f64> {
    match key {
        "process_to_interactive_ms" => Some(dataset.start_target_ms()),
        "open_first_ms" | "open_later_ms" => Some(100.0),
        "pss_mb" => Some(200.0),
        _ => None,
    }
}

fn summarise(dataset: Dataset, runs: &[Value]) -> Value {
    let mut out = serde_json::Map::new();
    for fig in FIGURES {
        let samples: Vec<f64> = runs.iter().flat_map(|r| fig.samples(r)).collect();
        if samples.is_empty() {
            continue;
        }
        let (min, median, max) = spread(&samples);
        out.insert(
            fig.key.into(),
            json!({ "min": min, "median": median, "max": max, "n": samples.len(),
                    "unit": fig.unit, "target": target(fig.key, dataset) }),
        );
    }
    // Memory per kind of process (median over runs of each kind's sum).
    let mut kinds: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for r in runs {
        let mut per_run: BTreeMap<String, f64> = BTreeMap::new();
        for p in r["memory"]["processes"].as_array().into_iter().flatten() {
            *per_run
                .entry(p["name"].as_str().unwrap_or("?").to_owned())
                .or_default() += p["pss_kb"].as_f64().unwrap_or(0.0) / 1024.0;
        }
        for (k, v) in per_run {
            kinds.entry(k).or_default().push(v);
        }
    }
    out.insert(
        "pss_mb_by_process".into(),
        kinds
            .into_iter()
            .map(|(k, v)| (k, json!(spread(&v).1)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    );
    out.into()
}

fn spread(samples: &[f64]) -> (f64, f64, f64) {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    let median = if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    };
    (s[0], median, s[n - 1])
}

fn run_line(run: &Value) -> String {
    let num = |v: &Value| v.as_f64().map_or("?".into(), |x| format!("{x:.0}"));
    let opens: Vec<String> = run["site_opens"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| num(&o["open_ms"]))
        .collect();
    format!(
        "start {} ms (process → usable {} ms, in page {} ms{}), PSS {:.0} MB, opens [{}] ms, dashboard IPC {} ms",
        num(&run["cold_start_ms"]),
        num(&run["process_to_interactive_ms"]),
        num(&run["in_page_interactive_ms"]),
        if run["already_interactive_when_probed"] == true { ", already usable when first probed: an upper bound" } else { "" },
        run["memory"]["pss_kb"].as_f64().unwrap_or(0.0) / 1024.0,
        opens.join(", "),
        num(&run["ipc"]["dashboard_ms"]),
    )
}

fn render_table(report: &Value) -> String {
    let mut t = String::new();
    let m = &report["machine"];
    let b = &report["build"];
    let _ = writeln!(t, "\n{}", machine_line(m));
    let _ = writeln!(
        t,
        "App: {} ({}), {}; {} runs per dataset after one uncounted start; idle {} s; window 1280x800 under Xvfb",
        b["app"].as_str().unwrap_or("?"),
        human_bytes(b["app_bytes"].as_u64().unwrap_or(0)),
        b["built_from"].as_str().unwrap_or("?"),
        report["config"]["runs"],
        report["config"]["idle_s"],
    );
    if let Some(env) = report["config"]["app_env"]
        .as_array()
        .filter(|e| !e.is_empty())
    {
        let env: Vec<&str> = env.iter().filter_map(Value::as_str).collect();
        let _ = writeln!(t, "App environment: {}", env.join(" "));
    }
    for d in report["datasets"].as_array().into_iter().flatten() {
        let s = &d["summary"];
        let p = &d["prepared"];
        let _ = writeln!(
            t,
            "\n{} — {} sites, database {}{}",
            d["dataset"].as_str().unwrap_or("?"),
            p["sites"],
            human_bytes(p["db_bytes"].as_u64().unwrap_or(0)),
            d["first_start"]["process_to_interactive_ms"]
                .as_f64()
                .map(|x| format!(
                    "; first start, not counted (scores every site if the cache is stale): {x:.0} ms process → usable"
                ))
                .unwrap_or_default(),
        );
        let _ = writeln!(
            t,
            "{:<50} {:>9} {:>9} {:>9}   target",
            "figure", "min", "median", "max"
        );
        for fig in FIGURES {
            let Some(v) = s.get(fig.key) else { continue };
            let num = |x: &Value| {
                x.as_f64()
                    .map_or("?".into(), |x| format!("{x:.0} {}", fig.unit))
            };
            let verdict = match v["target"].as_f64() {
                Some(goal) => format!(
                    "< {goal:.0} {} {}",
                    fig.unit,
                    if v["median"].as_f64().is_some_and(|m| m < goal) {
                        "met"
                    } else {
                        "MISSED"
                    }
                ),
                None => String::new(),
            };
            let _ = writeln!(
                t,
                "{:<50} {:>9} {:>9} {:>9}   {}",
                fig.label,
                num(&v["min"]),
                num(&v["median"]),
                num(&v["max"]),
                verdict
            );
        }
        let kinds: Vec<String> = s["pss_mb_by_process"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| format!("{k} {:.0} MB", v.as_f64().unwrap_or(0.0)))
            .collect();
        let _ = writeln!(t, "  PSS by process (medians): {}", kinds.join(", "));
    }
    t
}

// ---------------------------------------------------------------------------------------------
// Machine and build

fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    let mem_kb: u64 = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("MemTotal:")?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0);
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let os = std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("PRETTY_NAME=")
                .map(|v| v.trim_matches('"').to_owned())
        })
        .unwrap_or_default();
    json!({
        "cpu": cpu,
        "nproc": nproc,
        "mem_gib": mem_kb as f64 / 1024.0 / 1024.0,
        "kernel": kernel,
        "os": os,
        "webkitgtk": command_out("dpkg-query", &["-W", "-f", "${Version}", "libwebkit2gtk-4.1-0"]),
    })
}

fn machine_line(m: &Value) -> String {
    format!(
        "Machine: {}, {} cores (nproc), {:.1} GiB RAM, {}, Linux {}, WebKitGTK {}",
        m["cpu"].as_str().unwrap_or("?"),
        m["nproc"],
        m["mem_gib"].as_f64().unwrap_or(0.0),
        m["os"].as_str().unwrap_or("?"),
        m["kernel"].as_str().unwrap_or("?"),
        m["webkitgtk"].as_str().unwrap_or("?"),
    )
}

/// The app binary, and what it was built from: `label` when given, else the repository's HEAD
/// (and whether the working tree had changes, which `cargo build` would have included).
fn build_info(app: &Path, label: Option<&str>) -> Value {
    let built_from = label.map(str::to_owned).unwrap_or_else(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let repo = repo.to_str().unwrap_or(".");
        let commit = command_out("git", &["-C", repo, "rev-parse", "--short", "HEAD"]);
        let dirty = command_out(
            "git",
            &["-C", repo, "status", "--porcelain", "--untracked-files=no"],
        )
        .is_some_and(|s| !s.is_empty());
        format!(
            "commit {}{}",
            commit.as_deref().unwrap_or("?"),
            if dirty { " + uncommitted changes" } else { "" }
        )
    });
    json!({
        "app": app,
        "app_bytes": std::fs::metadata(app).map_or(0, |m| m.len()),
        "built_from": built_from,
    })
}

fn command_out(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

// ---------------------------------------------------------------------------------------------
// Small helpers

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn epoch_ms(t: SystemTime) -> f64 {
    t.duration_since(UNIX_EPOCH).map_or(0.0, ms)
}

fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GB", n as f64 / 1e9),
        n if n >= 1 << 20 => format!("{:.0} MB", n as f64 / 1e6),
        n => format!("{:.0} KB", n as f64 / 1e3),
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` (UTC), without a date crate.
fn utc_timestamp(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
