//! Completion in template order.

use super::Server;

/// Completions at a position.
pub fn complete(
    _server: &mut Server,
    _p: lsp_types::CompletionParams,
) -> Option<lsp_types::CompletionResponse> {
    None
}
