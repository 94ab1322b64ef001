//! A small TopoJSON reader: enough of the format to turn the app's world map (world-atlas,
//! Natural Earth 1:110m countries) into polygons of (longitude, latitude) rings.
//!
//! TopoJSON stores every boundary once, as an *arc*; a polygon's ring is a list of arc indexes,
//! where a negative index `i` means arc `!i` (that is `-i - 1`) walked backwards. With a
//! `transform` the arcs are quantized: integer positions, each one a delta from the previous,
//! scaled and translated back to coordinates. Only `Polygon` and `MultiPolygon` geometries are
//! kept (inside `GeometryCollection`s too); points and lines are skipped.
//!
//! Why our own reader rather than the `topojson` crate: that crate's last release is of 2022, it
//! converts through `geojson` value trees (pinned below geojson 0.24), and all the report needs is
//! rings of points — about 150 lines over `serde_json`.
//!
//! Because boundaries are shared, [`Topology::simplify`] simplifies arcs, not rings: two
//! neighbours keep the same border and no gap opens between them.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// (longitude, latitude) in degrees, or whatever units the topology is in.
pub type Point = (f64, f64);
/// A closed ring: the last point repeats the first.
pub type Ring = Vec<Point>;
/// An exterior ring followed by its holes.
pub type Polygon = Vec<Ring>;

/// A decoded geometry: a country of the world map.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The geometry's `id` (ISO 3166 numeric in world-atlas, e.g. "036"); a few have none.
    pub id: Option<String>,
    /// `properties.name`, when there is one.
    pub name: Option<String>,
    pub polygons: Vec<Polygon>,
}

/// Why a TopoJSON text could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TopoError {
    #[error("not TopoJSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("not a TopoJSON topology (type {0:?})")]
    NotTopology(String),
    #[error("the topology has no object {0:?}")]
    NoObject(String),
    #[error("arc {arc} has a position with fewer than two coordinates")]
    ShortPosition { arc: usize },
    #[error("a ring refers to arc {reference}, but there are {arcs} arcs")]
    NoArc { reference: i64, arcs: usize },
}

/// The arcs of a topology and the polygons of one of its objects, as arc references.
#[derive(Debug, Clone)]
pub struct Topology {
    /// Decoded (absolute, untransformed) positions of each arc.
    arcs: Vec<Vec<Point>>,
    features: Vec<Feature>,
}

#[derive(Debug, Clone)]
struct Feature {
    id: Option<String>,
    name: Option<String>,
    /// Polygons → rings → arc references.
    polygons: Vec<Vec<Vec<i64>>>,
}

#[derive(Deserialize)]
struct RawTopology {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    transform: Option<Transform>,
    arcs: Vec<Vec<Vec<f64>>>,
    objects: BTreeMap<String, RawGeometry>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize, Default)]
struct Properties {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum RawGeometry {
    GeometryCollection {
        geometries: Vec<RawGeometry>,
    },
    Polygon {
        arcs: Vec<Vec<i64>>,
        #[serde(default)]
        id: Option<Value>,
        #[serde(default)]
        properties: Option<Properties>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
        #[serde(default)]
        id: Option<Value>,
        #[serde(default)]
        properties: Option<Properties>,
    },
    /// Points, lines and null geometries: nothing to fill.
    #[serde(other)]
    Other,
}

fn id_string(id: Option<Value>) -> Option<String> {
    match id? {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn collect(geometry: RawGeometry, out: &mut Vec<Feature>) {
    match geometry {
        RawGeometry::GeometryCollection { geometries } => {
            for g in geometries {
                collect(g, out);
            }
        }
        RawGeometry::Polygon {
            arcs,
            id,
            properties,
        } => out.push(Feature {
            id: id_string(id),
            name: properties.and_then(|p| p.name),
            polygons: vec![arcs],
        }),
        RawGeometry::MultiPolygon {
            arcs,
            id,
            properties,
        } => out.push(Feature {
            id: id_string(id),
            name: properties.and_then(|p| p.name),
            polygons: arcs,
        }),
        RawGeometry::Other => {}
    }
}

/// The arc a reference names, and whether it is walked backwards.
fn arc_index(reference: i64) -> (usize, bool) {
    if reference >= 0 {
        (reference as usize, false)
    } else {
        ((!reference) as usize, true)
    }
}

impl Topology {
    /// Reads a TopoJSON text and keeps the polygons of its object `object` (e.g. "countries").
    pub fn parse(json: &str, object: &str) -> Result<Topology, TopoError> {
        let mut raw: RawTopology = serde_json::from_str(json)?;
        if raw.kind != "Topology" {
            return Err(TopoError::NotTopology(raw.kind));
        }
        let mut arcs = Vec::with_capacity(raw.arcs.len());
        for (i, positions) in raw.arcs.iter().enumerate() {
            let mut arc = Vec::with_capacity(positions.len());
            let (mut x, mut y) = (0.0, 0.0);
            for p in positions {
                // Extra coordinates (elevation, time…) are not drawn.
                let &[px, py, ..] = &p[..] else {
                    return Err(TopoError::ShortPosition { arc: i });
                };
                arc.push(match &raw.transform {
                    Some(t) => {
                        x += px;
                        y += py;
                        (
                            x * t.scale[0] + t.translate[0],
                            y * t.scale[1] + t.translate[1],
                        )
                    }
                    None => (px, py),
                });
            }
            arcs.push(arc);
        }
        let geometry = raw
            .objects
            .remove(object)
            .ok_or_else(|| TopoError::NoObject(object.to_owned()))?;
        let mut features = Vec::new();
        collect(geometry, &mut features);
        for reference in features
            .iter()
            .flat_map(|f| f.polygons.iter().flatten().flatten())
        {
            if arc_index(*reference).0 >= arcs.len() {
                return Err(TopoError::NoArc {
                    reference: *reference,
                    arcs: arcs.len(),
                });
            }
        }
        Ok(Topology { arcs, features })
    }

    /// Number of polygon geometries kept.
    #[cfg(test)]
    pub fn shape_count(&self) -> usize {
        self.features.len()
    }

    /// Total number of positions in the arcs.
    #[cfg(test)]
    pub fn positions(&self) -> usize {
        self.arcs.iter().map(Vec::len).sum()
    }

    /// Simplifies every arc (Douglas–Peucker, ends kept): a position closer than `tolerance` to
    /// the line through its neighbours that stay is dropped. Shared borders stay shared.
    pub fn simplify(&mut self, tolerance: f64) {
        for arc in &mut self.arcs {
            *arc = simplify_line(arc, tolerance);
        }
    }

    /// The ring that a list of arc references walks: arcs joined end to start, each joint
    /// position taken once.
    fn ring(&self, references: &[i64]) -> Ring {
        let mut ring: Ring = Vec::new();
        for &reference in references {
            let (index, reversed) = arc_index(reference);
            let arc = &self.arcs[index];
            // The first position of an arc is the last of the previous one.
            let skip = usize::from(!ring.is_empty());
            if reversed {
                ring.extend(arc.iter().rev().skip(skip));
            } else {
                ring.extend(arc.iter().skip(skip));
            }
        }
        ring
    }

    /// The geometries as rings of points, in the order of the file.
    pub fn shapes(&self) -> Vec<Shape> {
        self.features
            .iter()
            .map(|f| Shape {
                id: f.id.clone(),
                name: f.name.clone(),
                polygons: f
                    .polygons
                    .iter()
                    .map(|rings| rings.iter().map(|r| self.ring(r)).collect())
                    .collect(),
            })
            .collect()
    }
}

/// Distance from `p` to the segment `a`–`b`.
fn segment_distance(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

/// Douglas–Peucker without recursion: keeps both ends and every position that lies farther
/// than `tolerance` from the simplified line.
fn simplify_line(line: &[Point], tolerance: f64) -> Vec<Point> {
    if line.len() < 3 {
        return line.to_vec();
    }
    let mut keep = vec![false; line.len()];
    keep[0] = true;
    keep[line.len() - 1] = true;
    let mut spans = vec![(0, line.len() - 1)];
    while let Some((first, last)) = spans.pop() {
        let mut farthest = (0.0, first);
        for (i, p) in line.iter().enumerate().take(last).skip(first + 1) {
            let d = segment_distance(*p, line[first], line[last]);
            if d > farthest.0 {
                farthest = (d, i);
            }
        }
        if farthest.0 > tolerance {
            keep[farthest.1] = true;
            spans.push((first, farthest.1));
            spans.push((farthest.1, last));
        }
    }
    line.iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1 × 1 square (west) and a 2 × 1 one (east) sharing the border x = 1, quantized: x is
    /// halved and y shifted by 10.
    const SQUARES: &str = r#"{
        "type": "Topology",
        "transform": {"scale": [0.5, 1], "translate": [0, 10]},
        "arcs": [
            [[2, 0], [0, 1]],
            [[2, 1], [-2, 0], [0, -1], [2, 0]],
            [[2, 0], [4, 0], [0, 1], [-4, 0]]
        ],
        "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "001", "properties": {"name": "West"}, "arcs": [[0, 1]]},
            {"type": "MultiPolygon", "id": 2, "arcs": [[[-1, 2]]]},
            {"type": "Point", "coordinates": [0, 0]},
            {"type": "LineString", "arcs": [0]}
        ]}}
    }"#;

    #[test]
    fn decodes_quantized_arcs_and_reversed_references() {
        let topology = Topology::parse(SQUARES, "shapes").unwrap();
        assert_eq!(topology.shape_count(), 2, "points and lines are skipped");
        let shapes = topology.shapes();
        assert_eq!(shapes[0].id.as_deref(), Some("001"));
        assert_eq!(shapes[0].name.as_deref(), Some("West"));
        // Arc 0 runs up the border (quantized x 2 → 1); arc 1 goes round the west square.
        assert_eq!(
            shapes[0].polygons,
            vec![vec![vec![
                (1.0, 10.0),
                (1.0, 11.0),
                (0.0, 11.0),
                (0.0, 10.0),
                (1.0, 10.0)
            ]]]
        );
        // The east square walks the shared arc backwards (~0 = -1), then arc 2.
        assert_eq!(shapes[1].id.as_deref(), Some("2"));
        assert_eq!(shapes[1].name, None);
        assert_eq!(
            shapes[1].polygons,
            vec![vec![vec![
                (1.0, 11.0),
                (1.0, 10.0),
                (3.0, 10.0),
                (3.0, 11.0),
                (1.0, 11.0)
            ]]]
        );
    }

    #[test]
    fn without_a_transform_positions_are_absolute() {
        let json = r#"{"type": "Topology",
            "arcs": [[[5, 5, 100], [6, 5], [6, 6], [5, 5]]],
            "objects": {"one": {"type": "Polygon", "arcs": [[0]]}}}"#;
        let shapes = Topology::parse(json, "one").unwrap().shapes();
        assert_eq!(
            shapes[0].polygons[0][0],
            vec![(5.0, 5.0), (6.0, 5.0), (6.0, 6.0), (5.0, 5.0)]
        );
        // A whole ring walked backwards.
        let json = json.replace("[[0]]", "[[-1]]");
        let shapes = Topology::parse(&json, "one").unwrap().shapes();
        assert_eq!(
            shapes[0].polygons[0][0],
            vec![(5.0, 5.0), (6.0, 6.0), (6.0, 5.0), (5.0, 5.0)]
        );
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let no_arc = r#"{"type": "Topology", "arcs": [[[0, 0], [1, 1]]],
            "objects": {"x": {"type": "Polygon", "arcs": [[0, -3]]}}}"#;
        assert!(matches!(
            Topology::parse(no_arc, "x"),
            Err(TopoError::NoArc {
                reference: -3,
                arcs: 1
            })
        ));
        assert!(matches!(
            Topology::parse(no_arc, "y"),
            Err(TopoError::NoObject(_))
        ));
        let geojson = r#"{"type": "FeatureCollection", "arcs": [], "objects": {}}"#;
        assert!(matches!(
            Topology::parse(geojson, "x"),
            Err(TopoError::NotTopology(_))
        ));
        let short = r#"{"type": "Topology", "arcs": [[[0]]], "objects": {}}"#;
        assert!(matches!(
            Topology::parse(short, "x"),
            Err(TopoError::ShortPosition { arc: 0 })
        ));
        assert!(matches!(Topology::parse("[", "x"), Err(TopoError::Json(_))));
    }

    #[test]
    fn simplification_keeps_ends_and_corners() {
        let line = [
            (0.0, 0.0),
            (1.0, 0.01),
            (2.0, -0.01),
            (3.0, 0.0),
            (3.01, 1.0),
            (3.0, 2.0),
        ];
        assert_eq!(
            simplify_line(&line, 0.1),
            vec![(0.0, 0.0), (3.0, 0.0), (3.0, 2.0)]
        );
        assert_eq!(simplify_line(&line, 0.0), line.to_vec());
        // A closed arc (an island) keeps its far side.
        let island = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)];
        assert_eq!(simplify_line(&island, 0.1), island.to_vec());
    }
}
