//! Base64 for inpaint masks (standard alphabet, padded): encoding the PNG bytes a JavaScript
//! caller passes, and checking mask text before it is sent.
//!
//! Written out here instead of with the base64 crate, whose general-purpose engine is 4.7 KB
//! gzip of the JavaScript package (issue 12: 107.4 → 102.6 KB without it). The tests hold
//! both functions to that crate's `STANDARD` engine.

#[allow(
    dead_code,
    reason = "only the JavaScript binding encodes (src/js/requests.rs)"
)]
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `bytes` as padded standard base64.
#[allow(
    dead_code,
    reason = "only the JavaScript binding encodes (src/js/requests.rs)"
)]
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let group = byte(0) << 16 | byte(1) << 8 | byte(2);
        for i in 0..4 {
            if i <= chunk.len() {
                let sextet = (group >> (18 - 6 * i)) & 63;
                text.push(char::from(ALPHABET[sextet as usize]));
            } else {
                text.push('=');
            }
        }
    }
    text
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
        last = sextet(b).ok_or("it has a character outside the base64 alphabet (or = inside)")?;
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

fn sextet(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;

    use super::{decoded_len, encode};

    #[test]
    fn encodes_as_the_base64_crate_does() {
        // Every length around the group size, with every byte value.
        for len in 0..=70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(encode(&bytes), STANDARD.encode(&bytes), "{len} bytes");
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(encode(&all), STANDARD.encode(&all));
    }

    #[test]
    fn accepts_exactly_what_the_base64_crate_decodes() {
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
            let crates = STANDARD.decode(text).ok().map(|bytes| bytes.len());
            assert_eq!(ours, crates, "{text:?}");
        }
    }
}
