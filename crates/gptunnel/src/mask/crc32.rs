//! CRC-32 (ISO-HDLC, the one PNG chunks carry), for the PNG reader and writer.
//!
//! Written here rather than with crc32fast: its 16 KiB of slice-by-16 tables were the largest
//! data in the mask's wasm (issue 12), and a mask's few chunks need no such speed. The
//! 1 KiB table is computed at compile time.

/// CRC-32 of one byte value: the reflected polynomial 0xEDB88320, eight shifts.
const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut crc = n as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[n] = crc;
        n += 1;
    }
    table
};

/// CRC-32 of `parts` one after the other (a chunk's type, then its data).
pub(crate) fn crc32(parts: &[&[u8]]) -> u32 {
    let mut crc = !0u32;
    for &byte in parts.iter().flat_map(|part| part.iter()) {
        crc = TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn matches_the_published_check_values() {
        // The standard check value of CRC-32/ISO-HDLC, and the CRC of an empty IEND chunk
        // as every PNG file ends with it (AE 42 60 82).
        assert_eq!(crc32(&[b"123456789"]), 0xcbf4_3926);
        assert_eq!(crc32(&[b"IEND", b""]), 0xae42_6082);
        assert_eq!(crc32(&[b"1234", b"56789"]), 0xcbf4_3926);
    }
}
