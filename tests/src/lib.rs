//! Harness for end-to-end tests of the real Continuum window.
//!
//! The tests drive the built app (`target/debug/continuum-app`) through WebDriver:
//! `tauri-driver` (from `cargo install tauri-driver --locked --version ^2`) proxies to
//! `WebKitWebDriver` (Debian `webkit2gtk-driver`), which launches the app in an X display
//! (`xvfb-run -a` on a headless machine). The harness
//!
//! - finds the drivers and the display, and decides to skip or fail when one is missing
//!   (skip by default, fail when `CONTINUUM_E2E=1`, which CI sets);
//! - gives the app its own temporary `HOME`, XDG dirs and `CONTINUUM_DB`, so a test never
//!   touches a real user's database;
//! - starts `tauri-driver` on free ports and stops it with SIGTERM in `Drop` (never SIGKILL:
//!   a killed driver leaves `WebKitWebDriver` running and the next run hangs on its port).
//!
//! It builds nothing: the app must have been built with `cargo build -p continuum-app` after
//! the UI (`npm run build` in `ui/`).

use std::ffi::OsString;
use std::fs::File;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use tempfile::TempDir;

/// `CONTINUUM_E2E=1` turns a missing prerequisite from a skip into a failure.
pub const REQUIRE_ENV: &str = "CONTINUUM_E2E";

/// The name the app's changes are recorded under in the end-to-end tests.
pub const E2E_USER: &str = "Mina Okafor (e2e)";

/// Overrides the path of the app binary under test.
pub const APP_BIN_ENV: &str = "CONTINUUM_APP_BIN";

/// What the tests need from the machine.
#[derive(Debug, Clone)]
pub struct Prerequisites {
    pub tauri_driver: PathBuf,
    pub webkit_driver: PathBuf,
}

/// Finds tauri-driver, WebKitWebDriver and an X display; `None` means the test should return.
///
/// When something is missing this prints a loud SKIP and returns `None`, unless
/// `CONTINUUM_E2E=1`, in which case it panics: CI must not pass by skipping.
pub fn prerequisites_or_skip(test: &str) -> Option<Prerequisites> {
    match find_prerequisites() {
        Ok(found) => Some(found),
        Err(missing) => {
            let list = missing.join("\n  - ");
            if std::env::var(REQUIRE_ENV).as_deref() == Ok("1") {
                panic!("{test}: {REQUIRE_ENV}=1 but the end-to-end prerequisites are missing:\n  - {list}");
            }
            let bar = "=".repeat(78);
            eprintln!(
                "\n{bar}\nSKIP {test}: end-to-end prerequisites missing:\n  - {list}\n\
                 Install them and run under `xvfb-run -a`, or set {REQUIRE_ENV}=1 to make this a failure.\n{bar}\n"
            );
            None
        }
    }
}

fn find_prerequisites() -> Result<Prerequisites, Vec<String>> {
    let mut missing = Vec::new();
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|dir| dir.join("bin"));
    let tauri_driver = find_executable("tauri-driver", cargo_bin.as_deref());
    if tauri_driver.is_none() {
        missing.push(
            "tauri-driver (not in PATH nor ~/.cargo/bin): cargo install tauri-driver --locked --version ^2"
                .to_string(),
        );
    }
    let webkit_driver = find_executable("WebKitWebDriver", None);
    if webkit_driver.is_none() {
        missing
            .push("WebKitWebDriver (not in PATH): apt-get install webkit2gtk-driver".to_string());
    }
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        missing.push("DISPLAY is not set: run under `xvfb-run -a`".to_string());
    }
    match (tauri_driver, webkit_driver) {
        (Some(tauri_driver), Some(webkit_driver)) if missing.is_empty() => Ok(Prerequisites {
            tauri_driver,
            webkit_driver,
        }),
        _ => Err(missing),
    }
}

fn find_executable(name: &str, extra_dir: Option<&Path>) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(extra_dir.map(Path::to_path_buf))
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The cargo target directory this test binary was built into (`target/` or `$CARGO_TARGET_DIR`).
///
/// Test binaries live in `<target>/<profile>/deps/`.
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("path of the running test binary");
    exe.ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// Where tests write screenshots and logs: `<target>/e2e/`.
pub fn artifacts_dir() -> PathBuf {
    let dir = target_dir().join("e2e");
    std::fs::create_dir_all(&dir).expect("create the e2e artifacts directory");
    dir
}

/// The absolute path of the already-built app; panics with the command to build it if missing.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os(APP_BIN_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join("continuum-app"));
    let path = std::path::absolute(&path).unwrap_or(path);
    assert!(
        is_executable(&path),
        "the app binary {} does not exist (or is not executable). The end-to-end tests build \
         nothing: build the UI and the app first:\n  (cd ui && npm ci && npm run build) && cargo build -p continuum-app\n\
         or point {APP_BIN_ENV} at a built binary.",
        path.display()
    );
    path
}

/// A throwaway home for the app: its own HOME, XDG dirs and database file.
pub struct AppSandbox {
    dir: TempDir,
}

impl AppSandbox {
    pub fn new() -> anyhow::Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("continuum-e2e-")
            .tempdir()
            .context("create a temporary directory for the app")?;
        for sub in ["home", "data", "config", "cache", "runtime"] {
            std::fs::create_dir_all(dir.path().join(sub))?;
        }
        // XDG_RUNTIME_DIR must be private to its owner or GLib complains.
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(
            dir.path().join("runtime"),
            std::fs::Permissions::from_mode(0o700),
        )?;
        Ok(AppSandbox { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The database the app is told to use through `CONTINUUM_DB`.
    pub fn db_path(&self) -> PathBuf {
        self.path().join("continuum.db")
    }

    /// Environment for tauri-driver; WebKitWebDriver and then the app inherit it.
    pub fn env(&self) -> Vec<(&'static str, OsString)> {
        let p = |sub: &str| self.path().join(sub).into_os_string();
        vec![
            ("HOME", p("home")),
            ("XDG_DATA_HOME", p("data")),
            ("XDG_CONFIG_HOME", p("config")),
            ("XDG_CACHE_HOME", p("cache")),
            ("XDG_RUNTIME_DIR", p("runtime")),
            ("CONTINUUM_DB", self.db_path().into_os_string()),
            // Who the audit trail records the window's changes as.
            ("CONTINUUM_USER", E2E_USER.into()),
            // WebKitGTK can paint a blank window on virtual GPUs (Xvfb, VMs) with DMA-BUF on.
            ("WEBKIT_DISABLE_DMABUF_RENDERER", "1".into()),
        ]
    }
}

/// A running tauri-driver; dropped, it is stopped with SIGTERM (which also stops WebKitWebDriver).
pub struct TauriDriver {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl TauriDriver {
    /// Starts tauri-driver on free ports with `env` added to its environment and waits until it
    /// and WebKitWebDriver accept connections. Their output goes to `log`.
    pub fn start(
        prereqs: &Prerequisites,
        env: &[(&'static str, OsString)],
        log: &Path,
    ) -> anyhow::Result<Self> {
        let port = free_port()?;
        let native_port = free_port()?;
        let log_file = File::create(log).with_context(|| format!("create {}", log.display()))?;
        let child = Command::new(&prereqs.tauri_driver)
            .arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .arg("--native-driver")
            .arg(&prereqs.webkit_driver)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .spawn()
            .with_context(|| format!("start {}", prereqs.tauri_driver.display()))?;
        let mut driver = TauriDriver {
            child,
            port,
            log: log.to_path_buf(),
        };
        driver.wait_until_listening(&[port, native_port], Duration::from_secs(15))?;
        Ok(driver)
    }

    /// The WebDriver URL to connect to.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The driver's (and the app's) output so far, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn log_path(&self) -> &Path {
        &self.log
    }

    fn wait_until_listening(&mut self, ports: &[u16], timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        for &port in ports {
            loop {
                if let Some(status) = self.child.try_wait()? {
                    bail!("tauri-driver exited early ({status}):\n{}", self.log());
                }
                if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
                    break;
                }
                if Instant::now() > deadline {
                    bail!(
                        "tauri-driver did not listen on port {port} within {timeout:?}:\n{}",
                        self.log()
                    );
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Ok(())
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let Ok(pid) = libc::pid_t::try_from(self.child.id()) else {
            return;
        };
        // SAFETY: plain kill(2) on our own child's pid, which we have not reaped yet.
        if unsafe { libc::kill(pid, libc::SIGTERM) } != 0 {
            eprintln!(
                "could not send SIGTERM to tauri-driver ({pid}): {}",
                std::io::Error::last_os_error()
            );
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        eprintln!(
            "tauri-driver ({pid}) ignored SIGTERM for 10 s; killing it. WebKitWebDriver may be left \
             running: look for it with `pgrep -a WebKitWebDriver`."
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).context("find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Opens a WebDriver session that launches `app` (only `tauri:options.application` is sent:
/// a `browserName` such as `wry` would fail to match WebKitWebDriver).
pub async fn connect(driver: &TauriDriver, app: &Path) -> anyhow::Result<fantoccini::Client> {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": app }),
    );
    fantoccini::ClientBuilder::rustls()
        .context("set up the WebDriver HTTP client")?
        .capabilities(caps)
        .connect(&driver.url())
        .await
        .with_context(|| format!("start a WebDriver session for {}", app.display()))
}

/// Saves what the app's window shows as a PNG at `path`, captured from the X display with
/// ImageMagick's `import`, cropped to the window.
///
/// Not with WebKitWebDriver's screenshot command: it never answers when the document does not
/// overflow the viewport, and under load it also hung after DOM updates on pages that do (an
/// error notice appearing, an animated zoom); either way the session stays stuck after it. The
/// X capture shows the visible part of the page, so a test scrolls what it wants to show first.
pub async fn save_screenshot(client: &fantoccini::Client, path: &Path) -> anyhow::Result<()> {
    let png = capture_window(client).await?;
    std::fs::write(path, png).with_context(|| format!("write {}", path.display()))?;
    eprintln!("screenshot: {}", path.display());
    Ok(())
}

async fn capture_window(client: &fantoccini::Client) -> anyhow::Result<Vec<u8>> {
    {
        let (x, y, width, height) = client.get_window_rect().await?;
        let display = std::env::var("DISPLAY").unwrap_or_default();
        let import = find_executable("import", None).context(
            "ImageMagick's `import` is needed to capture a window whose page does not scroll",
        )?;
        let output = Command::new(import)
            .args(["-display", &display, "-window", "root", "-crop"])
            .arg(format!("{width}x{height}+{x}+{y}"))
            .arg("png:-")
            .stdin(Stdio::null())
            .output()
            .context("run ImageMagick's import")?;
        if !output.status.success() {
            bail!("import failed: {}", String::from_utf8_lossy(&output.stderr));
        }
        Ok(output.stdout)
    }
}
