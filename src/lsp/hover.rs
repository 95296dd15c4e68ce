//! Hovers: the template's guidance for the key under the cursor.

use super::Server;

/// The hover at a position.
pub fn hover(_server: &mut Server, _p: lsp_types::HoverParams) -> Option<lsp_types::Hover> {
    None
}
