//! Login attempts in the current window, by throttle key (an account and address, an account, an
//! address).

use sea_orm::entity::prelude::*;

/// A throttle counter.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_attempts")]
pub struct Model {
    /// What is counted: `pair:<user name>|<address>`, `account:<user name>`, `address:<address>`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Attempts since the window started.
    pub attempts: i32,
    /// When the current window started.
    pub window_started_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
