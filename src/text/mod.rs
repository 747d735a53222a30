//! Text helpers shared by every stage: normalisation for matching (Unicode and Arabic-script
//! letter forms, digits, marks), script detection and word counts.

pub mod normalize;
pub mod script;
pub mod stats;
