//! Script detection (ISO 15924): which writing system a letter belongs to, and letter counts per
//! script over a text. Shared by every stage; the language stage uses it to pick the candidate
//! languages and to find paragraphs written in another script.

/// A writing system, as far as the stages need to tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Bengali,
    Han,
    Hiragana,
    Katakana,
    Hangul,
    Thai,
    Georgian,
    Armenian,
    Ethiopic,
    Thaana,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
    Lao,
    Tibetan,
    Myanmar,
    Khmer,
    Javanese,
    Sundanese,
    Balinese,
    Mongolian,
    Syriac,
    Nko,
    Tifinagh,
    Cherokee,
    OlChiki,
    Yi,
    Vai,
    Adlam,
    /// Japanese: Han with kana. Never the script of a letter, only of a text.
    Japanese,
    /// A letter of a script not listed above.
    Other,
}

/// Every [`Script`], in the order of [`ScriptCounts`].
pub const ALL: [Script; 42] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Arabic,
    Script::Hebrew,
    Script::Devanagari,
    Script::Bengali,
    Script::Han,
    Script::Hiragana,
    Script::Katakana,
    Script::Hangul,
    Script::Thai,
    Script::Georgian,
    Script::Armenian,
    Script::Ethiopic,
    Script::Thaana,
    Script::Gurmukhi,
    Script::Gujarati,
    Script::Oriya,
    Script::Tamil,
    Script::Telugu,
    Script::Kannada,
    Script::Malayalam,
    Script::Sinhala,
    Script::Lao,
    Script::Tibetan,
    Script::Myanmar,
    Script::Khmer,
    Script::Javanese,
    Script::Sundanese,
    Script::Balinese,
    Script::Mongolian,
    Script::Syriac,
    Script::Nko,
    Script::Tifinagh,
    Script::Cherokee,
    Script::OlChiki,
    Script::Yi,
    Script::Vai,
    Script::Adlam,
    Script::Japanese,
    Script::Other,
];

/// ISO 15924 code of text whose script cannot be told (no letters).
pub const UNDETERMINED: &str = "Zyyy";

impl Script {
    /// The ISO 15924 code.
    pub fn code(self) -> &'static str {
        match self {
            Script::Latin => "Latn",
            Script::Cyrillic => "Cyrl",
            Script::Greek => "Grek",
            Script::Arabic => "Arab",
            Script::Hebrew => "Hebr",
            Script::Devanagari => "Deva",
            Script::Bengali => "Beng",
            Script::Han => "Hani",
            Script::Hiragana => "Hira",
            Script::Katakana => "Kana",
            Script::Hangul => "Hang",
            Script::Thai => "Thai",
            Script::Georgian => "Geor",
            Script::Armenian => "Armn",
            Script::Ethiopic => "Ethi",
            Script::Thaana => "Thaa",
            Script::Gurmukhi => "Guru",
            Script::Gujarati => "Gujr",
            Script::Oriya => "Orya",
            Script::Tamil => "Taml",
            Script::Telugu => "Telu",
            Script::Kannada => "Knda",
            Script::Malayalam => "Mlym",
            Script::Sinhala => "Sinh",
            Script::Lao => "Laoo",
            Script::Tibetan => "Tibt",
            Script::Myanmar => "Mymr",
            Script::Khmer => "Khmr",
            Script::Javanese => "Java",
            Script::Sundanese => "Sund",
            Script::Balinese => "Bali",
            Script::Mongolian => "Mong",
            Script::Syriac => "Syrc",
            Script::Nko => "Nkoo",
            Script::Tifinagh => "Tfng",
            Script::Cherokee => "Cher",
            Script::OlChiki => "Olck",
            Script::Yi => "Yiii",
            Script::Vai => "Vaii",
            Script::Adlam => "Adlm",
            Script::Japanese => "Jpan",
            Script::Other => "Zzzz",
        }
    }

    /// Whether letters of this script have an upper and a lower case; checked before the
    /// (slower) Unicode case look-ups.
    pub fn is_cased(self) -> bool {
        matches!(
            self,
            Script::Latin
                | Script::Cyrillic
                | Script::Greek
                | Script::Armenian
                | Script::Georgian
                | Script::Cherokee
                | Script::Adlam
                | Script::Other
        )
    }

    /// The script of a letter; `None` for anything that is not a letter (digits, punctuation,
    /// spaces, marks, symbols), which belongs to no one script.
    pub fn of(c: char) -> Option<Script> {
        Scripts::get().of(c)
    }

    /// [`Script::of`] without the table: Unicode's alphabetic property looked up per call.
    fn classify(c: char) -> Option<Script> {
        let u = c as u32;
        if u < 0x80 {
            return c.is_ascii_alphabetic().then_some(Script::Latin);
        }
        let script = match u {
            0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
            0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
                Script::Cyrillic
            }
            0x0530..=0x058F => Script::Armenian,
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Script::Arabic,
            0x0900..=0x097F | 0xA8E0..=0xA8FF => Script::Devanagari,
            0x0980..=0x09FF => Script::Bengali,
            0x0E00..=0x0E7F => Script::Thai,
            0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
            0x1200..=0x139F | 0x2D80..=0x2DDF => Script::Ethiopic,
            0x0780..=0x07BF => Script::Thaana,
            0x0A00..=0x0A7F => Script::Gurmukhi,
            0x0A80..=0x0AFF => Script::Gujarati,
            0x0B00..=0x0B7F => Script::Oriya,
            0x0B80..=0x0BFF => Script::Tamil,
            0x0C00..=0x0C7F => Script::Telugu,
            0x0C80..=0x0CFF => Script::Kannada,
            0x0D00..=0x0D7F => Script::Malayalam,
            0x0D80..=0x0DFF => Script::Sinhala,
            0x0E80..=0x0EFF => Script::Lao,
            0x0F00..=0x0FFF => Script::Tibetan,
            0x1000..=0x109F | 0xA9E0..=0xA9FF | 0xAA60..=0xAA7F => Script::Myanmar,
            0x1780..=0x17FF | 0x19E0..=0x19FF => Script::Khmer,
            0xA980..=0xA9DF => Script::Javanese,
            0x1B80..=0x1BBF | 0x1CC0..=0x1CCF => Script::Sundanese,
            0x1B00..=0x1B7F => Script::Balinese,
            0x1800..=0x18AF => Script::Mongolian,
            0x0700..=0x074F | 0x0860..=0x086F => Script::Syriac,
            0x07C0..=0x07FF => Script::Nko,
            0x2D30..=0x2D7F => Script::Tifinagh,
            0x13A0..=0x13FF | 0xAB70..=0xABBF => Script::Cherokee,
            0x1C50..=0x1C7F => Script::OlChiki,
            0xA000..=0xA4CF => Script::Yi,
            0xA500..=0xA63F => Script::Vai,
            0x1E900..=0x1E95F => Script::Adlam,
            0x3040..=0x309F => Script::Hiragana,
            0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D => Script::Katakana,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Script::Han,
            _ if c.is_alphabetic() => Script::Other,
            _ => return None,
        };
        // Inside the blocks above, only letters count: digits, punctuation and marks are common
        // to every language that writes the script (Arabic-Indic digits, ، ؛ ؟, harakat).
        (c.is_alphabetic() && !is_mark(c)).then_some(script)
    }
}

/// Appends the lower case of the letter `c` of `script` to `out`, skipping Unicode's case
/// tables for ASCII and for scripts without case.
pub fn push_lowercase(c: char, script: Script, out: &mut impl Extend<char>) {
    if c.is_ascii() {
        out.extend(std::iter::once(c.to_ascii_lowercase()));
    } else if script.is_cased() {
        out.extend(c.to_lowercase());
    } else {
        out.extend(std::iter::once(c));
    }
}

/// Whether the letter `c` of `script` is upper case, with the same shortcuts.
pub fn is_uppercase(c: char, script: Script) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        script.is_cased() && c.is_uppercase()
    }
}

/// [`Script::of`] for every code point of the Basic Multilingual Plane, computed once: Unicode
/// property look-ups are slow, and every stage asks for every character. The answers are stored
/// as they are returned (an `Option<Script>` is one byte), so a look-up is one load.
fn bmp_table() -> &'static [Option<Script>] {
    static TABLE: std::sync::OnceLock<Box<[Option<Script>]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x1_0000u32)
            .map(|u| char::from_u32(u).and_then(Script::classify))
            .collect()
    })
}

/// The script table, fetched once by a loop over many characters: [`Script::of`] without the
/// one-time initialisation check per character.
#[derive(Clone, Copy)]
pub struct Scripts(&'static [Option<Script>]);

impl Scripts {
    pub fn get() -> Scripts {
        Scripts(bmp_table())
    }

    /// [`Script::of`].
    #[inline]
    pub fn of(self, c: char) -> Option<Script> {
        match self.0.get(c as usize) {
            Some(&script) => script,
            None => Script::classify(c),
        }
    }
}

/// Whether `c` is a letter of some script (marks, digits and punctuation are not).
pub fn is_letter(c: char) -> bool {
    Script::of(c).is_some()
}

/// Combining marks and Arabic harakat, which Rust counts as alphabetic but which say nothing
/// about the language.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0591..=0x05C7)
}

/// Letters per script over a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptCounts {
    counts: [usize; ALL.len()],
}

// Written out: `derive(Default)` stops at arrays of 32.
impl Default for ScriptCounts {
    fn default() -> ScriptCounts {
        ScriptCounts {
            counts: [0; ALL.len()],
        }
    }
}

impl ScriptCounts {
    /// Counts the letters of `text`.
    pub fn of(text: &str) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        let scripts = Scripts::get();
        for c in text.chars() {
            if let Some(s) = scripts.of(c) {
                counts.counts[s as usize] += 1;
            }
        }
        counts
    }

    /// Counts one character (nothing if it is not a letter).
    pub fn add(&mut self, c: char) {
        if let Some(s) = Script::of(c) {
            self.add_letter(s);
        }
    }

    /// Counts one letter of `script`.
    pub fn add_letter(&mut self, script: Script) {
        self.counts[script as usize] += 1;
    }

    /// Counts `n` letters of `script`.
    pub fn add_letters(&mut self, script: Script, n: usize) {
        self.counts[script as usize] += n;
    }

    /// Adds the counts of another text.
    pub fn merge(&mut self, other: &ScriptCounts) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }

    pub fn get(&self, script: Script) -> usize {
        self.counts[script as usize]
    }

    pub fn letters(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The script with most letters, `None` when there are none. Han, Hiragana and Katakana
    /// are one writing system for this purpose only when kana are present: see
    /// [`ScriptCounts::has_kana`].
    pub fn dominant(&self) -> Option<Script> {
        // The first script with the highest count: ties go to the script listed first.
        let mut best: Option<(usize, usize)> = None;
        for (i, &n) in self.counts.iter().enumerate() {
            if n > 0 && best.is_none_or(|(_, most)| n > most) {
                best = Some((i, n));
            }
        }
        best.map(|(i, _)| ALL[i])
    }

    pub fn has_kana(&self) -> bool {
        self.get(Script::Hiragana) + self.get(Script::Katakana) > 0
    }
}

/// The ISO 15924 code of the script most of the letters of `text` are written in, or
/// [`UNDETERMINED`].
pub fn dominant_code(text: &str) -> &'static str {
    ScriptCounts::of(text)
        .dominant()
        .map_or(UNDETERMINED, Script::code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_table_agrees_with_classify_on_every_char() {
        let scripts = Scripts::get();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(scripts.of(c), Script::classify(c), "{c:?}");
        }
    }

    #[test]
    fn all_is_in_the_order_of_the_enum() {
        for (i, s) in ALL.iter().enumerate() {
            assert_eq!(*s as usize, i);
        }
    }

    #[test]
    fn counts_match_the_script_of_each_letter() {
        let text = "Hello Wörld قال الرئيس 中文 ש ж ۴ 1 !";
        let mut one_by_one = ScriptCounts::default();
        text.chars().for_each(|c| one_by_one.add(c));
        assert_eq!(ScriptCounts::of(text), one_by_one);
    }

    #[test]
    fn letters_have_their_script() {
        assert_eq!(Script::of('a'), Some(Script::Latin));
        assert_eq!(Script::of('ş'), Some(Script::Latin));
        assert_eq!(Script::of('ж'), Some(Script::Cyrillic));
        assert_eq!(Script::of('ښ'), Some(Script::Arabic));
        assert_eq!(Script::of('ە'), Some(Script::Arabic));
        assert_eq!(Script::of('ש'), Some(Script::Hebrew));
        assert_eq!(Script::of('क'), Some(Script::Devanagari));
        assert_eq!(Script::of('中'), Some(Script::Han));
        assert_eq!(Script::of('ア'), Some(Script::Katakana));
    }

    #[test]
    fn digits_punctuation_and_harakat_have_no_script() {
        for c in ['1', '٣', '۴', '،', '؟', ' ', '-', '\u{064E}', '«'] {
            assert_eq!(Script::of(c), None, "{c:?}");
        }
    }

    #[test]
    fn dominant_script_is_the_one_with_most_letters() {
        assert_eq!(dominant_code("قال الرئيس Trump اليوم"), "Arab");
        assert_eq!(dominant_code("The president said قال"), "Latn");
        assert_eq!(dominant_code("123 !!"), UNDETERMINED);
        assert_eq!(dominant_code(""), UNDETERMINED);
        // A tie goes to the script listed first.
        assert_eq!(
            dominant_code("ab قل"),
            Script::Latin.min(Script::Arabic).code()
        );
        assert_eq!(
            dominant_code("قل ab"),
            Script::Latin.min(Script::Arabic).code()
        );
    }
}
