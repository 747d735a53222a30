//! Language identification. (Placeholder API until the language work lands: it reports only
//! what it knows, `und`.)

use crate::message::LanguageResult;
use crate::settings::LanguageSettings;

/// Built once at start-up and shared by all workers.
pub struct Detector {
    _min_confidence: f64,
}

impl Detector {
    pub fn new(settings: &LanguageSettings) -> Detector {
        Detector {
            _min_confidence: settings.min_confidence,
        }
    }

    /// Identifies the language of `text`; `hint` (ISO 639-1) only breaks a near tie.
    pub fn detect(&self, text: &str, _hint: Option<&str>) -> LanguageResult {
        let _ = text;
        LanguageResult {
            code: "und".into(),
            name: "Undetermined".into(),
            script: "Zyyy".into(),
            confidence: 0.0,
            alternatives: vec![],
            segments: vec![],
        }
    }
}
