//! `RecordKind` in the schema: the GraphQL enum of the kinds of record, made from the one list in
//! `entities` (each value is the kind's name in `SCREAMING_SNAKE_CASE`, described by its line in
//! the list), so that a new kind of record needs no change here.

use std::borrow::Cow;

use async_graphql::{
    ContextSelectionSet, InputType, InputValueError, InputValueResult, Name, OutputType, Positioned, ServerResult,
    Value,
    parser::types::Field,
    registry::{MetaEnumValue, MetaType, MetaTypeId, Registry},
};
use entities::RecordKind;

/// A kind of record, as the schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind(pub RecordKind);

const TYPE_NAME: &str = "RecordKind";

impl Kind {
    fn value_name(self) -> String {
        self.0.name().to_uppercase()
    }
}

fn create_type_info(registry: &mut Registry) -> String {
    registry.create_input_type::<Kind, _>(MetaTypeId::Enum, |_| MetaType::Enum {
        name: TYPE_NAME.into(),
        description: Some(
            "A kind of record (the policy and the access log name it in snake_case: `rectification_task`).".into(),
        ),
        enum_values: RecordKind::ALL
            .iter()
            .map(|&k| {
                let name = Kind(k).value_name();
                let value = MetaEnumValue {
                    name: name.clone(),
                    description: Some(k.description().into()),
                    deprecation: Default::default(),
                    visible: None,
                    inaccessible: false,
                    tags: vec![],
                    directive_invocations: vec![],
                };
                (name, value)
            })
            .collect(),
        visible: None,
        inaccessible: false,
        tags: vec![],
        rust_typename: Some(std::any::type_name::<Kind>()),
        directive_invocations: vec![],
        requires_scopes: vec![],
    })
}

impl InputType for Kind {
    type RawValueType = Self;

    fn type_name() -> Cow<'static, str> {
        TYPE_NAME.into()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        create_type_info(registry)
    }

    fn parse(value: Option<Value>) -> InputValueResult<Self> {
        match value {
            Some(Value::Enum(name)) => RecordKind::ALL
                .iter()
                .map(|&k| Kind(k))
                .find(|k| k.value_name() == name.as_str())
                .ok_or_else(|| InputValueError::custom(format!("`{name}` is not a RecordKind"))),
            other => Err(InputValueError::expected_type(other.unwrap_or_default())),
        }
    }

    fn to_value(&self) -> Value {
        Value::Enum(Name::new(self.value_name()))
    }

    fn as_raw_value(&self) -> Option<&Self::RawValueType> {
        Some(self)
    }
}

impl OutputType for Kind {
    fn type_name() -> Cow<'static, str> {
        TYPE_NAME.into()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        create_type_info(registry)
    }

    async fn resolve(&self, _: &ContextSelectionSet<'_>, _: &Positioned<Field>) -> ServerResult<Value> {
        Ok(InputType::to_value(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_parses_back_from_its_value() {
        for &k in RecordKind::ALL {
            let v = InputType::to_value(&Kind(k));
            assert_eq!(<Kind as InputType>::parse(Some(v)).ok(), Some(Kind(k)));
        }
        assert_eq!(Kind(RecordKind::RectificationTask).value_name(), "RECTIFICATION_TASK");
        assert!(<Kind as InputType>::parse(Some(Value::Enum(Name::new("NOPE")))).is_err());
    }
}
