//! The land the review's world map is drawn on: the app's own Natural Earth countries
//! (world-atlas, 1:110m), read from the one copy in the repository,
//! `ui/src/map/countries-110m.json`, embedded in the binary at build time so the PDF and the
//! app's map can never disagree.
//!
//! The data is decoded once per process ([`countries`]) and projected per map ([`View`]). Rings
//! in world-atlas are spherical: Fiji, Chukotka and Antarctica cross the antimeridian (a step of
//! ±360° in longitude between two positions), so each ring is first unwrapped to continuous
//! longitudes and drawn once more shifted by 360° where it runs past ±180°, then clipped to the
//! map's frame. Nothing is drawn as a streak across the map.

use std::sync::OnceLock;

use super::topojson::{Point, Shape, TopoError, Topology};
use crate::{Error, Result};

/// The one copy of the map data, shared with the app (`ui/src/map/world.ts`).
const COUNTRIES_110M: &str = include_str!("../../../../../ui/src/map/countries-110m.json");

/// Arcs are simplified to 0.2° (about a quarter of a point on the A4 map): 38% fewer positions
/// and no visible change.
const TOLERANCE: f64 = 0.3;

/// Rings smaller than this on the page (square points) are not drawn: specks of islands, and
/// the slivers a cut can leave along the frame.
const MIN_AREA: f32 = 0.4;

/// The countries of the world map, decoded and simplified once per process.
pub(super) fn countries() -> Result<&'static [Shape]> {
    static WORLD: OnceLock<Result<Vec<Shape>, TopoError>> = OnceLock::new();
    WORLD
        .get_or_init(|| {
            let mut topology = Topology::parse(COUNTRIES_110M, "countries")?;
            topology.simplify(TOLERANCE);
            Ok(topology.shapes())
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(|e| Error::Invalid(format!("the embedded world map: {e}")))
}

/// Where a map sits on the page and which latitudes it shows: an equirectangular projection of
/// longitudes −180…180 onto `x0…x0 + w` and latitudes `lat_top…lat_bottom` onto `y0…y0 + h`.
#[derive(Debug, Clone, Copy)]
pub(super) struct View {
    pub x0: f32,
    pub y0: f32,
    pub w: f32,
    pub h: f32,
    pub lat_top: f64,
    pub lat_bottom: f64,
}

impl View {
    pub fn x(&self, lon: f64) -> f32 {
        self.x0 + ((lon + 180.0) / 360.0 * f64::from(self.w)) as f32
    }

    /// Latitudes outside the view land on its edge.
    pub fn y(&self, lat: f64) -> f32 {
        let lat = lat.clamp(self.lat_bottom, self.lat_top);
        self.y0
            + ((self.lat_top - lat) / (self.lat_top - self.lat_bottom) * f64::from(self.h)) as f32
    }

    /// The rings to draw for a shape, on the page: cut at the antimeridian, clipped to the
    /// view, the ones too small to see left out. Each ring is closed (its first point repeated).
    pub fn rings(&self, shape: &Shape) -> Vec<Vec<(f32, f32)>> {
        let mut out = Vec::new();
        for ring in shape.polygons.iter().flatten() {
            let ring = unwrap_antimeridian(ring);
            let (min, max) = ring.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
                (lo.min(p.0), hi.max(p.0))
            });
            // Every whole turn that brings part of the ring inside −180…180 (not just onto it).
            let first = ((-180.0 - max) / 360.0).floor() as i32 + 1;
            let last = ((180.0 - min) / 360.0).ceil() as i32 - 1;
            for turn in first..=last {
                let offset = f64::from(turn) * 360.0;
                let shifted = ring.iter().map(|&(lon, lat)| (lon + offset, lat)).collect();
                let clipped = clip(
                    clip(
                        clip(
                            clip(shifted, Axis::Lon, -180.0, true),
                            Axis::Lon,
                            180.0,
                            false,
                        ),
                        Axis::Lat,
                        self.lat_bottom,
                        true,
                    ),
                    Axis::Lat,
                    self.lat_top,
                    false,
                );
                if clipped.len() < 3 {
                    continue;
                }
                let mut points: Vec<(f32, f32)> = clipped
                    .iter()
                    .map(|&(lon, lat)| (self.x(lon), self.y(lat)))
                    .collect();
                points.push(points[0]);
                if area(&points) < MIN_AREA {
                    continue;
                }
                out.push(points);
            }
        }
        out
    }
}

/// The ring with continuous longitudes: a step of more than 180° between two positions is a
/// crossing of the antimeridian, so the rest of the ring is shifted by 360° to follow on. A
/// ring round a pole (Antarctica) ends a whole turn from where it started; it is closed along
/// that pole. The result is open (the first point is not repeated).
fn unwrap_antimeridian(ring: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(ring.len() + 2);
    let mut shift = 0.0;
    let mut previous: Option<f64> = None;
    for &(lon, lat) in ring {
        if let Some(p) = previous {
            if lon - p > 180.0 {
                shift -= 360.0;
            } else if lon - p < -180.0 {
                shift += 360.0;
            }
        }
        previous = Some(lon);
        out.push((lon + shift, lat));
    }
    if shift != 0.0 {
        // Round a pole: go down (or up) to it and back along it to the start.
        let mean = out.iter().map(|p| p.1).sum::<f64>() / out.len() as f64;
        let pole = if mean < 0.0 { -90.0 } else { 90.0 };
        let (start, end) = (out[0].0, out[out.len() - 1].0);
        out.push((end, pole));
        out.push((start, pole));
    } else if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// The area inside a closed ring (shoelace formula), whichever way it turns.
fn area(ring: &[(f32, f32)]) -> f32 {
    let twice: f32 = ring
        .windows(2)
        .map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1)
        .sum();
    twice.abs() / 2.0
}

#[derive(Clone, Copy)]
enum Axis {
    Lon,
    Lat,
}

impl Axis {
    fn of(self, p: Point) -> f64 {
        match self {
            Axis::Lon => p.0,
            Axis::Lat => p.1,
        }
    }
}

/// One step of Sutherland–Hodgman: the part of the (open) ring on one side of the line
/// `axis = bound` (`above`: the side of greater values). Edges along the cut follow the line.
fn clip(ring: Vec<Point>, axis: Axis, bound: f64, above: bool) -> Vec<Point> {
    let inside = |p: Point| {
        if above {
            axis.of(p) >= bound
        } else {
            axis.of(p) <= bound
        }
    };
    if ring.iter().all(|p| inside(*p)) {
        return ring;
    }
    let cross = |a: Point, b: Point| {
        let t = (bound - axis.of(a)) / (axis.of(b) - axis.of(a));
        match axis {
            Axis::Lon => (bound, a.1 + t * (b.1 - a.1)),
            Axis::Lat => (a.0 + t * (b.0 - a.0), bound),
        }
    };
    let mut out = Vec::with_capacity(ring.len());
    for (i, &current) in ring.iter().enumerate() {
        let previous = ring[(i + ring.len() - 1) % ring.len()];
        match (inside(previous), inside(current)) {
            (true, true) => out.push(current),
            (true, false) => out.push(cross(previous, current)),
            (false, true) => {
                out.push(cross(previous, current));
                out.push(current);
            }
            (false, false) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(id: &str) -> &'static Shape {
        countries()
            .unwrap()
            .iter()
            .find(|s| s.id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("no country {id}"))
    }

    fn bounds(points: impl IntoIterator<Item = Point>) -> (f64, f64, f64, f64) {
        points.into_iter().fold(
            (f64::MAX, f64::MIN, f64::MAX, f64::MIN),
            |(a, b, c, d), (x, y)| (a.min(x), b.max(x), c.min(y), d.max(y)),
        )
    }

    #[test]
    fn the_embedded_atlas_has_the_natural_earth_countries() {
        let topology = Topology::parse(COUNTRIES_110M, "countries").unwrap();
        assert_eq!(topology.shape_count(), 177);
        let shapes = topology.shapes();
        assert_eq!(
            shapes.iter().filter(|s| s.id.is_none()).count(),
            3,
            "N. Cyprus, Somaliland and Kosovo have no ISO code"
        );
        let australia = shapes
            .iter()
            .find(|s| s.id.as_deref() == Some("036"))
            .unwrap();
        assert_eq!(australia.name.as_deref(), Some("Australia"));
        let (w, e, s, n) = bounds(australia.polygons.iter().flatten().flatten().copied());
        assert!(
            (113.0..114.5).contains(&w) && (153.0..154.0).contains(&e),
            "lon {w}…{e}"
        );
        assert!(
            (-44.0..-43.0).contains(&s) && (-11.0..-10.0).contains(&n),
            "lat {s}…{n}"
        );
        // Every ring is closed, and the country ids are the app's (ISO numeric strings).
        for ring in shapes.iter().flat_map(|s| s.polygons.iter().flatten()) {
            assert!(ring.len() >= 4 && ring.first() == ring.last());
        }
        assert_eq!(
            find("392").name.as_deref(),
            Some("Japan"),
            "the simplified copy keeps ids too"
        );
    }

    #[test]
    fn shared_borders_survive_simplification_and_enclaves_are_holes() {
        // Lesotho (426) is a hole in South Africa (710): the same positions, once each way.
        let south_africa = find("710");
        let lesotho = find("426");
        let hole = &south_africa.polygons[0][1];
        let island = &lesotho.polygons[0][0];
        let mut a: Vec<_> = hole
            .iter()
            .map(|p| (p.0.to_bits(), p.1.to_bits()))
            .collect();
        let mut b: Vec<_> = island
            .iter()
            .map(|p| (p.0.to_bits(), p.1.to_bits()))
            .collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        // At the map's tolerance about half the positions go.
        let full = Topology::parse(COUNTRIES_110M, "countries").unwrap();
        let mut simple = full.clone();
        simple.simplify(TOLERANCE);
        let (before, after) = (full.positions(), simple.positions());
        assert!(
            before > 8000 && after * 10 < before * 6,
            "{before} → {after}"
        );
    }

    fn view() -> View {
        View {
            x0: 0.0,
            y0: 0.0,
            w: 360.0,
            h: 144.0,
            lat_top: 84.0,
            lat_bottom: -60.0,
        }
    }

    #[test]
    fn rings_across_the_antimeridian_are_cut_not_streaked() {
        let v = view();
        // The atlas's rings do cross: Fiji and Russia step from −180 to +179.
        let crosses = |s: &Shape| {
            s.polygons
                .iter()
                .flatten()
                .any(|r| r.windows(2).any(|w| (w[0].0 - w[1].0).abs() > 180.0))
        };
        assert!(crosses(find("242")) && crosses(find("643")));
        for shape in countries().unwrap() {
            for ring in v.rings(shape) {
                for w in ring.windows(2) {
                    let (dx, dy) = (w[0].0 - w[1].0, w[0].1 - w[1].1);
                    // No edge runs across the map, unless along its top or bottom (a cut).
                    let on_frame = dy.abs() < 1e-3 && (w[0].1 < 1e-3 || w[0].1 > 144.0 - 1e-3);
                    assert!(dx.abs() < 60.0 || on_frame, "{:?}: {w:?}", shape.name);
                    assert!((-1e-3..=360.001).contains(&w[0].0), "{:?}", shape.name);
                    assert!((-1e-3..=144.001).contains(&w[0].1), "{:?}", shape.name);
                }
            }
        }
        // Chukotka (Russia) shows on both edges of the map; Fiji is cut at the right-hand edge
        // (its sliver past 180° is too small to draw).
        let extent = |id| {
            let rings = v.rings(find(id));
            bounds(
                rings
                    .iter()
                    .flatten()
                    .map(|&(x, y)| (f64::from(x), f64::from(y))),
            )
        };
        let russia = extent("643");
        assert!(russia.0 < 1.0 && russia.1 > 359.9, "{russia:?}");
        let fiji = extent("242");
        assert!(fiji.0 > 355.0 && fiji.1 > 359.9, "{fiji:?}");
        // Antarctica lies below the view's −60°: nothing of it is drawn.
        assert!(v.rings(find("010")).is_empty());
    }

    #[test]
    fn a_polar_ring_is_closed_along_its_pole() {
        // Round the south pole at −70°, crossing the antimeridian once.
        let ring = [
            (-180.0, -70.0),
            (-60.0, -70.0),
            (60.0, -70.0),
            (180.0, -70.0),
            (-180.0, -70.0),
        ];
        let open = unwrap_antimeridian(&ring);
        assert_eq!(
            open,
            vec![
                (-180.0, -70.0),
                (-60.0, -70.0),
                (60.0, -70.0),
                (180.0, -70.0),
                (180.0, -70.0),
                (180.0, -90.0),
                (-180.0, -90.0),
            ]
        );
        let v = View {
            lat_bottom: -80.0,
            ..view()
        };
        let shape = Shape {
            id: None,
            name: None,
            polygons: vec![vec![ring.to_vec()]],
        };
        let rings = v.rings(&shape);
        assert_eq!(rings.len(), 1);
        // The band −70…−80 across the whole width.
        let b = bounds(rings[0].iter().map(|&(x, y)| (f64::from(x), f64::from(y))));
        let expected = [0.0, 360.0, 154.0 * 144.0 / 164.0, 144.0];
        for (got, want) in [b.0, b.1, b.2, b.3].into_iter().zip(expected) {
            assert!((got - want).abs() < 1e-3, "{b:?}");
        }
    }

    #[test]
    fn clipping_keeps_the_inside_and_follows_the_cut() {
        let square = vec![(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)];
        assert_eq!(
            clip(square.clone(), Axis::Lon, 0.0, true),
            vec![(0.0, -10.0), (10.0, -10.0), (10.0, 10.0), (0.0, 10.0)]
        );
        assert_eq!(clip(square.clone(), Axis::Lat, 20.0, true), vec![]);
        assert_eq!(clip(square.clone(), Axis::Lat, 20.0, false), square);
    }
}
