//! Role assignments: a user holds a role in an organisation, a team role possibly bounded to one round.

use sea_orm::entity::prelude::*;

/// A role assignment row.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_assignments")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Who holds the role.
    pub user_id: i32,
    /// Which role.
    pub role: crate::Role,
    /// In which organisation.
    pub organization_id: i32,
    /// For team roles: the one round the assignment is bounded to, if any.
    pub round_id: Option<i32>,
    /// For a unit leader: whether they are the unit's principal leader (主要负责人), who alone of
    /// the unit reads the feedback given to the principal leader.
    pub is_principal: bool,
    /// When the role was assigned.
    pub created_at: DateTimeUtc,
}

/// Relations of this table.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The holder.
    #[sea_orm(belongs_to = "super::user::Entity", from = "Column::UserId", to = "super::user::Column::Id")]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
