//! Standard base64 (RFC 4648 section 4) for masks: the mask's PNG written as text, mask text
//! read back (padding optional), and mask text checked strictly before an inpaint is sent.
//!
//! Written here rather than with the base64 crate: its general-purpose engine and error
//! formatting were 4.7 KB gzip of the client entry and 4.0 KB of the mask entry (issue 12), for
//! a few loops. The tests hold every function to that crate's engines.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why text is not base64; positions count from the start of the text given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base64Error {
    /// A character outside the alphabet (or `=` before the end), at this position.
    Byte(usize, u8),
    /// This many symbols leave one lone symbol at the end: a byte needs two.
    Length(usize),
    /// The last symbol, at this position, has bits set that no byte uses.
    LastSymbol(usize, u8),
    /// More `=` than the length allows.
    Padding,
}

/// `bytes` as base64 with `=` padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let byte = |i: usize| u32::from(group.get(i).copied().unwrap_or(0));
        let bits = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        for k in 0..4 {
            out.push(if k <= group.len() {
                char::from(ALPHABET[(bits >> (18 - 6 * k)) as usize & 63])
            } else {
                '='
            });
        }
    }
    out
}

/// The 6-bit value of a base64 symbol.
fn symbol_value(symbol: u8) -> Option<u32> {
    let value = match symbol {
        b'A'..=b'Z' => symbol - b'A',
        b'a'..=b'z' => symbol - b'a' + 26,
        b'0'..=b'9' => symbol - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// The bytes of base64 `text` (no whitespace); the `=` padding may be left out.
pub(crate) fn decode(text: &[u8]) -> Result<Vec<u8>, Base64Error> {
    let symbols = text
        .iter()
        .rposition(|&c| c != b'=')
        .map_or(0, |last| last + 1);
    let padding = text.len() - symbols;
    if symbols % 4 == 1 {
        if let Some(at) = text[..symbols]
            .iter()
            .position(|&c| symbol_value(c).is_none())
        {
            return Err(Base64Error::Byte(at, text[at]));
        }
        return Err(Base64Error::Length(symbols));
    }
    // Canonical padding fills the last group of four; less (or none) is fine, more is not.
    if padding > (4 - symbols % 4) % 4 {
        return Err(Base64Error::Padding);
    }
    let mut out = Vec::with_capacity(symbols / 4 * 3 + 2);
    for (group_index, group) in text[..symbols].chunks(4).enumerate() {
        let mut bits = 0;
        for (k, &symbol) in group.iter().enumerate() {
            let at = group_index * 4 + k;
            let value = symbol_value(symbol).ok_or(Base64Error::Byte(at, symbol))?;
            bits |= value << (18 - 6 * k);
        }
        let bytes = group.len() - 1;
        out.extend_from_slice(&bits.to_be_bytes()[1..1 + bytes]);
        // The bits of a short last group past its last byte must be zero.
        if bits & ((1 << (8 * (3 - bytes))) - 1) != 0 {
            let at = group_index * 4 + bytes;
            return Err(Base64Error::LastSymbol(at, text[at]));
        }
    }
    Ok(out)
}

/// How many bytes `text` decodes to, when it is what the standard engine accepts: groups of
/// four alphabet characters, one or two `=` only at the very end, and zero bits where the
/// padding cuts the last character. Otherwise why not.
pub(crate) fn decoded_len(text: &str) -> Result<usize, &'static str> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return Err("its length is not a multiple of 4");
    }
    let padding = bytes.iter().rev().take_while(|&&b| b == b'=').count();
    let data = bytes.get(..bytes.len() - padding).unwrap_or_default();
    if padding > 2 {
        return Err("too much = padding");
    }
    let mut last = 0;
    for &b in data {
        last = symbol_value(b)
            .ok_or("it has a character outside the base64 alphabet (or = inside)")?;
    }
    // The bits a padded group does not use must be zero, or the text is not canonical.
    let unused = match padding {
        1 => last & 0b11,
        2 => last & 0b1111,
        _ => 0,
    };
    if unused != 0 {
        return Err("its last character has bits set that the padding drops");
    }
    Ok(bytes.len() / 4 * 3 - padding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::{alphabet, Engine as _};

    /// The crate, configured as the mask read base64 before: standard, padding optional.
    const CRATE: GeneralPurpose = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );

    /// A small deterministic generator (xorshift).
    fn numbers(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    #[test]
    fn encodes_as_the_base64_crate_does() {
        let mut next = numbers(3);
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            assert_eq!(
                encode(&bytes),
                base64::engine::general_purpose::STANDARD.encode(&bytes)
            );
        }
        assert_eq!(encode(b"Man"), "TWFu");
        assert_eq!(encode(b"Ma"), "TWE=");
    }

    #[test]
    fn accepts_and_refuses_what_the_base64_crate_does() {
        let mut next = numbers(11);
        let alphabet = b"AQgw+/z09=a=\x00 .";
        for round in 0..20_000 {
            let text: Vec<u8> = if round % 2 == 0 {
                // Valid base64, then damaged in a place or two, cut, or its padding dropped.
                let len = (next() % 40) as usize;
                let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                let mut text = CRATE.encode(&bytes).into_bytes();
                for _ in 0..next() % 3 {
                    if !text.is_empty() {
                        let at = (next() % text.len() as u64) as usize;
                        text[at] = alphabet[(next() % alphabet.len() as u64) as usize];
                    }
                }
                match next() % 4 {
                    0 => text.truncate((next() % (text.len() as u64 + 1)) as usize),
                    1 => text.retain(|&c| c != b'='),
                    _ => {}
                }
                text
            } else {
                let len = (next() % 12) as usize;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            };
            let ours = decode(&text);
            let theirs = CRATE.decode(&text);
            assert_eq!(
                ours.is_ok(),
                theirs.is_ok(),
                "{:?}: {ours:?} vs {theirs:?}",
                String::from_utf8_lossy(&text)
            );
            if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
                assert_eq!(ours, theirs);
            }
        }
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(decode(b"TW!u"), Err(Base64Error::Byte(2, b'!')));
        assert_eq!(decode(b"TWFuT"), Err(Base64Error::Length(5)));
        assert_eq!(decode(b"TWF="), Err(Base64Error::LastSymbol(2, b'F')));
        assert_eq!(decode(b"TQ==="), Err(Base64Error::Padding));
        assert_eq!(decode(b"TQ"), Ok(b"M".to_vec()));
        assert_eq!(decode(b"TQ="), Ok(b"M".to_vec()));
    }

    #[test]
    fn encodes_every_byte_value_as_the_base64_crate_does() {
        // Every length around the group size, with every byte value.
        for len in 0..=70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(
                encode(&bytes),
                base64::engine::general_purpose::STANDARD.encode(&bytes),
                "{len} bytes"
            );
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(
            encode(&all),
            base64::engine::general_purpose::STANDARD.encode(&all)
        );
    }

    #[test]
    fn the_strict_check_accepts_exactly_what_the_standard_engine_decodes() {
        let cases = [
            "",
            "QQ==",
            "QUI=",
            "QUJD",
            "QUJDRA==",
            "iVBORw0KGgo=",
            "QR==",
            "QUJ=",
            "QQ",
            "QQ=",
            "QQ===",
            "Q===",
            "====",
            "=QQQ",
            "QU=D",
            "QUJD\n",
            " QUJD",
            "QUJD ",
            "QU JD",
            "iVBORw0KGgo$$$",
            "-_-_",
            "QUJDé===",
            "data:image/png;base64,QUJD",
            "+/+/",
            "////",
            "AAAA====",
        ];
        for text in cases {
            let ours = decoded_len(text).ok();
            let crates = base64::engine::general_purpose::STANDARD
                .decode(text)
                .ok()
                .map(|bytes| bytes.len());
            assert_eq!(ours, crates, "{text:?}");
        }
    }
}
