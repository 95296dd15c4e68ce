//! The plan's pictures as SVG: the vuosikello (annual reporting cycle) and the indicator
//! charts. Pure functions of data, below the document layer: they know no document types
//! and borrow nothing from a renderer.

pub mod chart;
pub mod lines;
pub mod svg;
pub mod wheel;
