//! Paragraphs and segments: where an article is split to find the parts written in another
//! language, and how per-paragraph answers become the contract's segments (code-point
//! offsets, covering the whole text, neighbours in the same language merged).

use crate::message::LanguageSegment;

/// One paragraph (a line) of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph<'a> {
    pub text: &'a str,
    /// Code-point offset of the paragraph's first character in the whole text.
    pub start: usize,
    /// Code-point offset one past its last character (the newline excluded).
    pub end: usize,
}

/// The lines of `text` with their code-point offsets; empty lines included, so that offsets
/// can be followed from one to the next.
pub fn paragraphs(text: &str) -> Vec<Paragraph<'_>> {
    // Room for lines of 256 bytes (news paragraphs are about that long): the vector is grown
    // seldom, where it started empty and grew five or six times an article.
    let mut out = Vec::with_capacity(text.len() / 256 + 1);
    let mut start = 0;
    let mut line_start = 0;
    // The lines found with the `memchr` crate, faster than `str::split` on long text.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for line_end in ends {
        let line = &text[line_start..line_end];
        line_start = line_end + 1;
        let len = line.chars().count();
        out.push(Paragraph {
            text: line,
            start,
            end: start + len,
        });
        start += len + 1;
    }
    out
}

/// Turns per-paragraph languages into segments covering `0..total`: a paragraph with `None`
/// (too short to tell) joins the segment before it (or after it, at the start), the space
/// between paragraphs belongs to the segment before, and neighbours with one code are merged.
pub fn merge(
    labels: &[(usize, usize, Option<&str>)],
    total: usize,
    main: &str,
) -> Vec<LanguageSegment> {
    let mut segments: Vec<LanguageSegment> = Vec::new();
    let first_known = labels.iter().find_map(|&(_, _, c)| c);
    for &(start, _end, code) in labels {
        let code = match code {
            Some(code) => code,
            // Too short to tell: part of the segment before it.
            None if !segments.is_empty() => continue,
            None => first_known.unwrap_or(main),
        };
        match segments.last_mut() {
            Some(last) if last.code == code => {}
            Some(last) => {
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
    fn paragraph_offsets_count_code_points() {
        let p = paragraphs("سلام\nhi\n\nend");
        let spans: Vec<(usize, usize)> = p.iter().map(|p| (p.start, p.end)).collect();
        assert_eq!(spans, [(0, 4), (5, 7), (8, 8), (9, 12)]);
    }

    #[test]
    fn segments_cover_the_text_and_merge_neighbours() {
        let labels = vec![
            (0, 10, Some("ar")),
            (11, 20, None),
            (21, 30, Some("en")),
            (31, 40, Some("en")),
            (41, 50, Some("ar")),
        ];
        let s = merge(&labels, 50, "ar");
        let got: Vec<(usize, usize, &str)> = s
            .iter()
            .map(|s| (s.start, s.end, s.code.as_str()))
            .collect();
        assert_eq!(got, [(0, 21, "ar"), (21, 41, "en"), (41, 50, "ar")]);
    }

    #[test]
    fn no_labels_is_one_segment_in_the_main_language() {
        let s = merge(&[], 7, "fa");
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
        let labels = vec![(0, 3, None), (4, 9, Some("en"))];
        let s = merge(&labels, 9, "ar");
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
