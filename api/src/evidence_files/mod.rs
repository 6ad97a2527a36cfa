//! Evidence files (佐证材料) attached to progress reports: uploaded and downloaded over plain
//! HTTP (`http::files`), described in the schema (`graphql`), ruled here (`service`).

pub mod graphql;
pub mod scope;
pub mod service;
