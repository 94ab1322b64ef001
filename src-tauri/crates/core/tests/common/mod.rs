//! What the core's integration tests share: the demo in an in-memory store, a blank person.
#![allow(dead_code)] // each test file uses its own part of this

use continuum_core::{demo, Person, Store};

/// A fresh in-memory store holding the demo portfolio as written (dates not moved).
pub fn demo_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    let day = demo::written_for().unwrap();
    demo::load_demo(&mut store, day).unwrap();
    store
}

/// A person with only an id and a name, active.
pub fn person(id: &str) -> Person {
    Person {
        id: id.into(),
        name: "Kai Test".into(),
        title: String::new(),
        email: String::new(),
        phones: vec![],
        active: true,
    }
}
