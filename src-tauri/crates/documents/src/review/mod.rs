//! The readiness-review report of the whole portfolio: the input to a management review
//! (ISO 22301 §9.3). The model is built from the readiness engine (scores, bands, reasons,
//! roll-ups, trend, 90-day forecast) and the store's three portfolio-wide lists (corrective
//! actions, exercise results, plan revisions), so it stays fast at 2,000 sites.

//!
//! In three parts, as the other documents: [`model`] builds the plain-data [`ReviewModel`]
//! from the store, [`render`] lays it out, and [`world`] gives the land the world map is drawn
//! on: the app's own Natural Earth countries, read by the small [`topojson`] decoder.

mod model;
mod render;
mod topojson;
mod world;

pub use model::*;
pub(crate) use render::render;
