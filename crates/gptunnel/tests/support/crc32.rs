//! The CRC-32 of PNG chunks, bit by bit from the polynomial: the tests' own reference,
//! independent of the library's table (shared by the mask and bad-input tests).

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
