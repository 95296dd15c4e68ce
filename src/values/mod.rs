//! Measured values from a file into a county's indicators (`rakeplan values import`): the
//! file read ([`read`]: a CSV of code, year and value, or a Sotkanet download) and the
//! section files edited ([`write`]: only the bytes of the values that change). What the
//! values are matched to and when the plan may change is decided in
//! [`crate::project`]; nothing here touches the disk.

pub mod read;
pub mod write;
