//! Script detection (ISO 15924). (Owned by the language work; placeholder until it lands.)
