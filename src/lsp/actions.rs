//! Quick fixes for the slips `check` recognises.

use super::Server;

/// The quick fixes for a range.
pub fn code_actions(
    _server: &mut Server,
    _p: lsp_types::CodeActionParams,
) -> Option<lsp_types::CodeActionResponse> {
    None
}
