//! Managed state: the one `Store` of the app behind a `Mutex`.
//!
//! If the database cannot be opened, the app still starts and every command answers with the
//! start-up error, so the user sees why in the window instead of a process that vanished.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use continuum_core::Store;

use crate::error::AppError;

pub struct AppState {
    store: Result<Arc<Mutex<Store>>, StartupError>,
    /// The documents written in this session: the only files `open_document` will open.
    written: Mutex<HashSet<PathBuf>>,
}

/// Why the store could not be opened, kept as plain data so each command can report it.
#[derive(Debug, Clone)]
struct StartupError {
    code: &'static str,
    message: String,
}

impl AppState {
    /// Resolves the database path (`CONTINUUM_DB` or the per-user data dir), opens the store and
    /// loads the demo portfolio into it when it is empty.
    pub fn open() -> Self {
        let store = open_store().map(|store| Arc::new(Mutex::new(store)));
        if let Err(err) = &store {
            eprintln!("continuum: cannot open the database: {err}");
        }
        AppState {
            store: store.map_err(|err| StartupError {
                code: err.code(),
                message: err.to_string(),
            }),
            written: Mutex::default(),
        }
    }

    /// A handle to the store that can move to a blocking thread.
    pub fn store(&self) -> Result<Arc<Mutex<Store>>, AppError> {
        self.store.clone().map_err(|err| AppError::Unavailable {
            code: err.code,
            message: err.message,
        })
    }
}

impl AppState {
    /// On exit: leaves the database as a clean close would (see `Store::checkpoint`). Waits for
    /// a command still writing, since it holds the store's lock.
    pub fn close(&self) {
        if let Ok(store) = &self.store {
            if let Ok(store) = store.lock() {
                if let Err(err) = store.checkpoint() {
                    eprintln!("continuum: could not checkpoint the database on exit: {err}");
                }
            }
        }
    }
}

impl AppState {
    /// Notes a document the app wrote at the user's chosen path, so it may be opened later.
    pub fn remember(&self, written: continuum_documents::Written) -> crate::commands::Exported {
        let exported = crate::commands::Exported::from(&written);
        if let Ok(mut set) = self.written.lock() {
            set.insert(written.path);
        }
        exported
    }

    /// A file other than a PDF this session wrote (a CSV export): `pages` counts its rows.
    pub fn remember_file(
        &self,
        path: PathBuf,
        pages: usize,
        bytes: usize,
    ) -> crate::commands::Exported {
        let exported = crate::commands::Exported {
            path: path.to_string_lossy().into_owned(),
            pages,
            bytes,
        };
        if let Ok(mut set) = self.written.lock() {
            set.insert(path);
        }
        exported
    }

    /// `path` if this session wrote it, else a validation error.
    pub fn written(&self, path: &str) -> Result<PathBuf, AppError> {
        let path = PathBuf::from(path);
        let known = self
            .written
            .lock()
            .map_err(|_| AppError::Poisoned)?
            .contains(&path);
        if known {
            Ok(path)
        } else {
            Err(continuum_core::Error::Invalid(format!(
                "{} was not written by Continuum in this session; only its own exports can be opened",
                path.display()
            ))
            .into())
        }
    }
}

fn open_store() -> Result<Store, continuum_core::Error> {
    let path = continuum_core::default_db_path()?;
    let mut store = Store::open(&path)?;
    let today = chrono::Local::now().date_naive();
    if continuum_core::demo::load_demo_if_empty(&mut store, today)? {
        eprintln!(
            "continuum: loaded the demo portfolio into {}",
            path.display()
        );
    }
    Ok(store)
}
