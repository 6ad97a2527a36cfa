//! The bytes of an evidence file.

use sea_orm::entity::prelude::*;

/// An evidence file's bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_contents")]
pub struct Model {
    /// The evidence file.
    #[sea_orm(primary_key, auto_increment = false)]
    pub evidence_file_id: i32,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
