//! Where the cursor is in a YAML file.
