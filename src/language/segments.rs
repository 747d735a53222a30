//! Paragraphs and segments: where an article is split to find the parts written in another
//! language, and how per-paragraph answers become the contract's segments (code-point
//! offsets, covering the whole text, neighbours in the same language merged).

use crate::message::LanguageSegment;

/// One paragraph (a line) of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph<'a> {
    pub text: &'a str,
    /// Byte offset of the paragraph's first byte in the whole text. Only the few where a
    /// segment starts are turned into code-point offsets ([`CharOffsets`]), rather than
    /// counting the characters of every line.
    pub start: usize,
}

/// The lines of `text` with their byte offsets; empty lines included.
pub fn paragraphs(text: &str) -> Vec<Paragraph<'_>> {
    // Room for lines of 256 bytes (news paragraphs are about that long): the vector is grown
    // seldom, where it started empty and grew five or six times an article.
    let mut out = Vec::with_capacity(text.len() / 256 + 1);
    let mut line_start = 0;
    // The lines found with the `memchr` crate, faster than `str::split` on long text.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for line_end in ends {
        out.push(Paragraph {
            text: &text[line_start..line_end],
            start: line_start,
        });
        line_start = line_end + 1;
    }
    out
}

/// Code-point offsets of byte offsets (character boundaries) of one text, asked for in
/// increasing order: each answer counts only the characters since the one before, so that the
/// text is counted once however many are asked for.
pub struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte `byte`, at or after the last one asked for.
    pub fn of(&mut self, byte: usize) -> usize {
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }

    /// The code-point length of the whole text.
    pub fn total(&mut self) -> usize {
        self.of(self.text.len())
    }
}

/// Turns per-paragraph languages (by the paragraph's byte offset, see [`Paragraph::start`])
/// into segments covering the whole text (in code points, by `offsets`): a paragraph with
/// `None` (too short to tell) joins the segment before it (or after it, at the start), the
/// space between paragraphs belongs to the segment before, and neighbours with one code are
/// merged.
pub fn merge(
    labels: &[(usize, Option<&str>)],
    offsets: &mut CharOffsets<'_>,
    main: &str,
) -> Vec<LanguageSegment> {
    let mut segments: Vec<LanguageSegment> = Vec::new();
    let first_known = labels.iter().find_map(|&(_, c)| c);
    for &(start, code) in labels {
        let code = match code {
            Some(code) => code,
            // Too short to tell: part of the segment before it.
            None if !segments.is_empty() => continue,
            None => first_known.unwrap_or(main),
        };
        match segments.last_mut() {
            Some(last) if last.code == code => {}
            Some(last) => {
                let start = offsets.of(start);
                last.end = start;
                let code = code.to_owned();
                segments.push(LanguageSegment {
                    start,
                    end: start,
                    code,
                });
            }
            None => segments.push(LanguageSegment {
                start: 0,
                end: 0,
                code: code.to_owned(),
            }),
        }
    }
    let total = offsets.total();
    match segments.last_mut() {
        Some(last) => last.end = total,
        None => segments.push(LanguageSegment {
            start: 0,
            end: total,
            code: main.to_owned(),
        }),
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_offsets_are_bytes_and_turn_into_code_points() {
        let text = "سلام\nhi\n\nend";
        let p = paragraphs(text);
        let starts: Vec<usize> = p.iter().map(|p| p.start).collect();
        assert_eq!(starts, [0, 9, 12, 13]);
        let texts: Vec<&str> = p.iter().map(|p| p.text).collect();
        assert_eq!(texts, ["سلام", "hi", "", "end"]);
        let mut offsets = CharOffsets::new(text);
        let chars: Vec<usize> = starts.iter().map(|&s| offsets.of(s)).collect();
        assert_eq!(chars, [0, 5, 8, 9]);
        assert_eq!(offsets.total(), 12);
    }

    /// Labels at byte offsets of an ASCII text of `total` bytes, where bytes are code points.
    fn merged(labels: &[(usize, Option<&str>)], total: usize, main: &str) -> Vec<LanguageSegment> {
        let text = "x".repeat(total);
        merge(labels, &mut CharOffsets::new(&text), main)
    }

    #[test]
    fn segments_cover_the_text_and_merge_neighbours() {
        let labels = vec![
            (0, Some("ar")),
            (11, None),
            (21, Some("en")),
            (31, Some("en")),
            (41, Some("ar")),
        ];
        let s = merged(&labels, 50, "ar");
        let got: Vec<(usize, usize, &str)> = s
            .iter()
            .map(|s| (s.start, s.end, s.code.as_str()))
            .collect();
        assert_eq!(got, [(0, 21, "ar"), (21, 41, "en"), (41, 50, "ar")]);
    }

    #[test]
    fn segment_offsets_are_code_points() {
        let text = "سلام\nhello world\nسلام";
        let labels: Vec<(usize, Option<&str>)> = paragraphs(text)
            .iter()
            .zip([Some("fa"), Some("en"), Some("fa")])
            .map(|(p, c)| (p.start, c))
            .collect();
        let s = merge(&labels, &mut CharOffsets::new(text), "fa");
        let got: Vec<(usize, usize, &str)> = s
            .iter()
            .map(|s| (s.start, s.end, s.code.as_str()))
            .collect();
        assert_eq!(got, [(0, 5, "fa"), (5, 17, "en"), (17, 21, "fa")]);
    }

    #[test]
    fn no_labels_is_one_segment_in_the_main_language() {
        let s = merged(&[], 7, "fa");
        assert_eq!(
            s,
            [LanguageSegment {
                start: 0,
                end: 7,
                code: "fa".into()
            }]
        );
    }

    #[test]
    fn unknown_leading_paragraphs_join_the_first_known() {
        let labels = vec![(0, None), (4, Some("en"))];
        let s = merged(&labels, 9, "ar");
        assert_eq!(
            s,
            [LanguageSegment {
                start: 0,
                end: 9,
                code: "en".into()
            }]
        );
    }
}
