//! A data struct's JSON object: `Object` writes it (every struct's `Serialize`), `Fields` reads
//! it (every struct's `Deserialize`), a line per field each.

use super::Patch;

/// The JSON object of a struct being serialized: the struct writes its properties by
/// wire name, leaving out what is absent, then its `additional_properties`. (One small
/// writer for every struct: a derived `Serialize` with `skip_serializing_if` and
/// `#[serde(flatten)]` is ~55 lines of expanded code per struct, a sixth of this crate's
/// compile time.)
pub struct Object<S: ::serde::Serializer> {
    map: S::SerializeMap,
}

impl<S: ::serde::Serializer> Object<S> {
    /// Starts the object.
    pub fn begin(serializer: S) -> ::core::result::Result<Self, S::Error> {
        ::core::result::Result::Ok(Self {
            map: ::serde::Serializer::serialize_map(serializer, ::core::option::Option::None)?,
        })
    }

    /// A property that may be absent: written unless `None`.
    pub fn optional<T: ::serde::Serialize>(
        &mut self,
        key: &str,
        value: &::core::option::Option<T>,
    ) -> ::core::result::Result<(), S::Error> {
        match value {
            ::core::option::Option::Some(value) => {
                ::serde::ser::SerializeMap::serialize_entry(&mut self.map, key, value)
            }
            ::core::option::Option::None => ::core::result::Result::Ok(()),
        }
    }

    /// A collection: written unless empty.
    pub fn collection<T: ::serde::Serialize>(
        &mut self,
        key: &str,
        value: &[T],
    ) -> ::core::result::Result<(), S::Error> {
        if value.is_empty() {
            ::core::result::Result::Ok(())
        } else {
            ::serde::ser::SerializeMap::serialize_entry(&mut self.map, key, value)
        }
    }

    /// A property of an update body: absent when `Unchanged`, `null` when `Clear`.
    pub fn patch<T: ::serde::Serialize>(
        &mut self,
        key: &str,
        value: &Patch<T>,
    ) -> ::core::result::Result<(), S::Error> {
        if value.is_unchanged() {
            ::core::result::Result::Ok(())
        } else {
            ::serde::ser::SerializeMap::serialize_entry(&mut self.map, key, value)
        }
    }

    /// Writes the properties the docs do not list and ends the object.
    pub fn end(
        mut self,
        rest: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        for (key, value) in rest {
            ::serde::ser::SerializeMap::serialize_entry(&mut self.map, key, value)?;
        }
        ::serde::ser::SerializeMap::end(self.map)
    }
}

/// The JSON object of a struct being deserialized: the struct takes its properties out
/// by wire name and keeps the rest as `additional_properties`. (One small reader for
/// every struct: a derived `Deserialize` with `#[serde(flatten)]` is ~400 lines of
/// expanded code per struct, which was most of this crate's compile time.)
///
/// A property that does not parse is remembered, not returned: the struct is built with
/// a default in its place and `finish` returns the first such error. A struct literal of
/// `fields.take(..)?` calls costs rustc memory quadratic in the number of fields (each
/// `?` drops every field built before it): a 5,000-property type needed over 24 GB.
pub struct Fields<E> {
    map: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    first_error: ::core::option::Option<E>,
}

impl<E: ::serde::de::Error> Fields<E> {
    /// Reads the object.
    pub fn read<'de, D: ::serde::Deserializer<'de, Error = E>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, E> {
        let map = ::serde::Deserialize::deserialize(deserializer)?;
        ::core::result::Result::Ok(Self {
            map,
            first_error: ::core::option::Option::None,
        })
    }

    /// A property; absent or `null` reads as the default (`None`, an empty collection),
    /// as Graph sends both.
    pub fn take<T: ::serde::de::DeserializeOwned + ::core::default::Default>(
        &mut self,
        key: &str,
    ) -> T {
        let value = match self.map.remove(key) {
            ::core::option::Option::None
            | ::core::option::Option::Some(::serde_json::Value::Null) => {
                ::core::result::Result::Ok(T::default())
            }
            ::core::option::Option::Some(value) => {
                T::deserialize(value).map_err(|error| field_error(key, &error))
            }
        };
        self.remember(value)
    }

    /// A property of an update body: absent is `Unchanged`, `null` is `Clear`.
    pub fn take_patch<T: ::serde::de::DeserializeOwned>(&mut self, key: &str) -> Patch<T> {
        let value = match self.map.remove(key) {
            ::core::option::Option::None => ::core::result::Result::Ok(Patch::Unchanged),
            ::core::option::Option::Some(::serde_json::Value::Null) => {
                ::core::result::Result::Ok(Patch::Clear)
            }
            ::core::option::Option::Some(value) => T::deserialize(value)
                .map(Patch::Set)
                .map_err(|error| field_error(key, &error)),
        };
        self.remember(value)
    }

    /// The properties no field took.
    pub fn rest(
        &mut self,
    ) -> ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
        ::core::mem::take(&mut self.map).into_iter().collect()
    }

    /// The struct built from the fields, or the first property that did not parse.
    pub fn finish<T>(self, value: T) -> ::core::result::Result<T, E> {
        match self.first_error {
            ::core::option::Option::Some(error) => ::core::result::Result::Err(error),
            ::core::option::Option::None => ::core::result::Result::Ok(value),
        }
    }

    /// The value, or its default with the error kept (the first one wins).
    fn remember<T: ::core::default::Default>(&mut self, value: ::core::result::Result<T, E>) -> T {
        match value {
            ::core::result::Result::Ok(value) => value,
            ::core::result::Result::Err(error) => {
                self.first_error.get_or_insert(error);
                T::default()
            }
        }
    }
}

fn field_error<E: ::serde::de::Error>(key: &str, error: &::serde_json::Error) -> E {
    E::custom(::core::format_args!("property `{key}`: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields_of(text: &str) -> Fields<::serde_json::Error> {
        Fields::read(&mut ::serde_json::Deserializer::from_str(text))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn fields_take_known_properties_and_keep_the_rest() {
        let mut fields =
            fields_of(r#"{"n": 1, "list": null, "gone": null, "patch": null, "x": {"y": true}}"#);
        assert_eq!(fields.take::<::core::option::Option<i32>>("n"), Some(1));
        assert_eq!(
            fields.take::<::std::vec::Vec<i32>>("list"),
            Vec::<i32>::new()
        );
        assert_eq!(fields.take::<::core::option::Option<i32>>("absent"), None);
        assert_eq!(fields.take::<::core::option::Option<i32>>("gone"), None);
        assert_eq!(fields.take_patch::<i32>("patch"), Patch::Clear);
        assert_eq!(fields.take_patch::<i32>("absent"), Patch::Unchanged);
        let rest = ::serde_json::Value::Object(fields.rest().into_iter().collect());
        assert_eq!(rest, ::serde_json::json!({"x": {"y": true}}));
        assert_eq!(fields.finish("built").ok(), Some("built"));
    }

    #[test]
    fn the_first_property_that_does_not_parse_is_the_error() {
        let mut fields = fields_of(r#"{"n": "one", "m": "two", "k": 3}"#);
        assert_eq!(fields.take::<::core::option::Option<i32>>("n"), None);
        assert_eq!(fields.take_patch::<i32>("m"), Patch::Unchanged);
        assert_eq!(fields.take::<::core::option::Option<i32>>("k"), Some(3));
        let error = fields.finish(()).err().map(|e| e.to_string());
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.starts_with("property `n`: invalid type")),
            "{error:?}"
        );
    }

    #[test]
    fn objects_leave_out_what_is_absent_and_keep_the_rest() {
        struct Body {
            a: ::core::option::Option<i32>,
            b: ::core::option::Option<i32>,
            c: ::std::vec::Vec<i32>,
            d: ::std::vec::Vec<i32>,
            e: Patch<i32>,
            f: Patch<i32>,
            g: Patch<i32>,
            rest: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }
        impl ::serde::Serialize for Body {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let mut object = Object::begin(serializer)?;
                object.optional("a", &self.a)?;
                object.optional("b", &self.b)?;
                object.collection("c", &self.c)?;
                object.collection("d", &self.d)?;
                object.patch("e", &self.e)?;
                object.patch("f", &self.f)?;
                object.patch("g", &self.g)?;
                object.end(&self.rest)
            }
        }
        let body = Body {
            a: Some(1),
            b: None,
            c: vec![2],
            d: vec![],
            e: Patch::Unchanged,
            f: Patch::Clear,
            g: Patch::Set(3),
            rest: [("z".to_string(), ::serde_json::json!(true))]
                .into_iter()
                .collect(),
        };
        let json = ::serde_json::to_string(&body).unwrap_or_default();
        assert_eq!(json, r#"{"a":1,"c":[2],"f":null,"g":3,"z":true}"#);
    }
}
