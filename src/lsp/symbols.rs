//! Definitions, references and document symbols.

use super::Server;

/// Where the indicator under the cursor is defined.
pub fn definition(
    _server: &mut Server,
    _p: lsp_types::GotoDefinitionParams,
) -> Option<lsp_types::GotoDefinitionResponse> {
    None
}

/// Where the indicator under the cursor is referred to.
pub fn references(
    _server: &mut Server,
    _p: lsp_types::ReferenceParams,
) -> Option<Vec<lsp_types::Location>> {
    None
}

/// The outline of a file.
pub fn document_symbols(
    _server: &mut Server,
    _p: lsp_types::DocumentSymbolParams,
) -> Option<lsp_types::DocumentSymbolResponse> {
    None
}
