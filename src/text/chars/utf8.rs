//! Decoding UTF-8 at a character boundary, for the loops that walk a text's bytes rather than
//! its `char`s. The texts are `str`, so the bytes are valid UTF-8: a lead byte's continuation
//! bytes are there and nothing is checked again. Most letters the stages read (accented
//! Latin, Greek, Cyrillic, Hebrew, Arabic script) take two bytes, so the loops test for a
//! two-byte lead and call [`decode_two`] inline, leaving the rest to [`decode_at`].

/// The code point of the two-byte sequence `lead`, `next` (110xxxxx 10yyyyyy): U+0080 to
/// U+07FF. For a lead of three or four bytes the result is meaningless, so callers test the
/// lead first.
#[inline(always)]
pub const fn decode_two(lead: u8, next: u8) -> u32 {
    ((lead & 0x1F) as u32) << 6 | (next & 0x3F) as u32
}

/// The code point of the three-byte sequence `lead`, `b1`, `b2`: U+0800 to U+FFFF.
#[inline(always)]
pub const fn decode_three(lead: u8, b1: u8, b2: u8) -> u32 {
    ((lead & 0x0F) as u32) << 12 | ((b1 & 0x3F) as u32) << 6 | (b2 & 0x3F) as u32
}

/// The code point of the four-byte sequence `lead`, `b1`, `b2`, `b3`: U+10000 and above.
#[inline(always)]
pub const fn decode_four(lead: u8, b1: u8, b2: u8, b3: u8) -> u32 {
    ((lead & 0x07) as u32) << 18
        | ((b1 & 0x3F) as u32) << 12
        | ((b2 & 0x3F) as u32) << 6
        | (b3 & 0x3F) as u32
}

/// The code point starting at byte `i` of `bytes` (valid UTF-8; `i` a character boundary
/// before its end).
#[inline(always)]
pub fn decode_at(bytes: &[u8], i: usize) -> u32 {
    let b = bytes[i];
    if b < 0x80 {
        u32::from(b)
    } else if b < 0xE0 {
        decode_two(b, bytes[i + 1])
    } else if b < 0xF0 {
        decode_three(b, bytes[i + 1], bytes[i + 2])
    } else {
        decode_four(b, bytes[i + 1], bytes[i + 2], bytes[i + 3])
    }
}

/// The character starting at byte `i` of `text` (a character boundary before its end),
/// decoded from the bytes without the checks of `str::chars`.
#[inline(always)]
pub fn char_at(text: &str, i: usize) -> char {
    char::from_u32(decode_at(text.as_bytes(), i)).unwrap_or_default()
}

/// The UTF-8 of a code point from U+0080 to U+07FF: two bytes, the lead first.
#[inline(always)]
pub const fn encode_two(u: u32) -> [u8; 2] {
    [0xC0 | (u >> 6) as u8, 0x80 | (u & 0x3F) as u8]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_agrees_with_str_for_every_code_point() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(char_at(s, 0), c);
        }
    }

    #[test]
    fn two_byte_encoding_agrees_with_str() {
        for c in (0x80..0x800u32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            assert_eq!(
                &encode_two(u32::from(c)),
                c.encode_utf8(&mut buf).as_bytes()
            );
            assert_eq!(decode_two(buf[0], buf[1]), u32::from(c));
        }
    }
}
