//! Text helpers shared by every stage: normalisation for matching (Unicode and Arabic-script
//! letter forms, digits, marks) and script detection.

pub mod normalize;
pub mod script;
