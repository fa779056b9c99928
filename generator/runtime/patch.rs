//! `Patch<T>`: a property of an update (`PATCH`) body, which may be left out, cleared or set.

/// A property in an update (`PATCH`) body: left as it is, cleared, or set.
///
/// Graph changes only the properties a `PATCH` body holds, and clears a value only on an
/// explicit `null`; `Option` cannot say both "absent" and "null", this can.
#[derive(
    ::core::clone::Clone, ::core::fmt::Debug, ::core::default::Default, ::core::cmp::PartialEq,
)]
pub enum Patch<T> {
    /// Not sent: the service keeps the value.
    #[default]
    Unchanged,
    /// Sent as `null`: the service clears the value.
    Clear,
    /// Sent: the service stores this value.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the property is left out of the body.
    pub fn is_unchanged(&self) -> bool {
        ::core::matches!(self, Self::Unchanged)
    }
}

impl<T> ::core::convert::From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Self::Set(value)
    }
}

impl<T: ::serde::Serialize> ::serde::Serialize for Patch<T> {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        match self {
            Self::Set(value) => ::serde::Serialize::serialize(value, serializer),
            Self::Unchanged | Self::Clear => serializer.serialize_none(),
        }
    }
}

impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Patch<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        let value: ::core::option::Option<T> = ::serde::Deserialize::deserialize(deserializer)?;
        ::core::result::Result::Ok(match value {
            ::core::option::Option::Some(value) => Self::Set(value),
            ::core::option::Option::None => Self::Clear,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_says_unchanged_clear_or_set() {
        #[derive(::serde::Serialize, ::serde::Deserialize, ::core::default::Default)]
        struct Body {
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            a: Patch<i32>,
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            b: Patch<i32>,
            #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
            c: Patch<i32>,
        }
        let body = Body {
            a: Patch::Unchanged,
            b: Patch::Clear,
            c: Patch::Set(1),
        };
        let text = ::serde_json::to_string(&body).unwrap_or_default();
        assert_eq!(text, r#"{"b":null,"c":1}"#);
        let back: Body = ::serde_json::from_str(&text).unwrap_or_default();
        assert!(back.a.is_unchanged());
        assert_eq!(back.b, Patch::Clear);
        assert_eq!(back.c, Patch::Set(1));
        assert_eq!(Patch::from(2), Patch::Set(2));
    }
}
