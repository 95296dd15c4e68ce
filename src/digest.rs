//! Checksums: the hex sha256 every manifest and record description names files by.

use sha2::{Digest, Sha256};

/// Hex sha256 of bytes.
pub fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
