//! The readiness-review report of the whole portfolio: the input to a management review
//! (ISO 22301 §9.3). The model is built from the readiness engine (scores, bands, reasons,
//! roll-ups, trend, 90-day forecast) and the store's three portfolio-wide lists (corrective
//! actions, exercise results, plan revisions), so it stays fast at 2,000 sites.

//!
//! In three parts, as the other documents: [`model`] builds the plain-data [`ReviewModel`]
//! from the store, [`render`] lays it out, and [`map_data`] holds the outlines the world map
//! is drawn on.

mod map_data;
mod model;
mod render;

pub use model::*;
pub(crate) use render::render;
