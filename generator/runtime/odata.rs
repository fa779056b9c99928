//! `GraphType`, `Derives` and `downcast`: typed access to the derived type a value of a base
//! type really is (its `@odata.type`), whose extra properties the base type keeps in
//! `additional_properties`.

use super::Error;

/// A resource or complex type of the API (every struct of [`crate::types`] but the update
/// bodies): its OData name, the names of the types derived from it, and the properties
/// the docs do not list.
pub trait GraphType: ::serde::Serialize + ::serde::de::DeserializeOwned {
    /// The namespace-qualified OData name, as `@odata.type` writes it:
    /// `#microsoft.graph.user`.
    const ODATA_TYPE: &'static str;

    /// The OData names of every type derived from this one, directly or not.
    const DERIVED_TYPES: &'static [&'static str] = &[];

    /// Properties the docs do not list (the derived type's among them).
    fn additional_properties(
        &self,
    ) -> &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>;

    /// The value's `@odata.type`, when the service sent one: the type it really is.
    fn odata_type(&self) -> ::core::option::Option<&str> {
        self.additional_properties()
            .get("@odata.type")
            .and_then(::serde_json::Value::as_str)
    }

    /// Whether `name` (an `@odata.type`, with or without `#`, in any case) names this
    /// type or one derived from it.
    fn is_named_by(name: &str) -> bool {
        let name = name.trim_start_matches('#');
        let same = |known: &&str| known.trim_start_matches('#').eq_ignore_ascii_case(name);
        same(&Self::ODATA_TYPE) || Self::DERIVED_TYPES.iter().any(same)
    }

    /// The value read as the derived type `T`, when its `@odata.type` says it is a `T`
    /// (or a type derived from `T`): `None` when it says otherwise or nothing. The
    /// derived properties kept in `additional_properties` land in `T`'s typed fields;
    /// nothing is lost. `Some(Err(_))` when a property does not fit `T`. For example
    /// `member.downcast::<User>()` for a `DirectoryObject` member of a group.
    fn downcast<T: Derives<Self>>(&self) -> ::core::option::Option<::core::result::Result<T, Error>>
    where
        Self: ::core::marker::Sized,
    {
        downcast(self)
    }
}

/// `Self` derives from `Base` (directly or through other types), so a `Base` value may
/// be a `Self`: what [`GraphType::downcast`] requires.
pub trait Derives<Base: GraphType>: GraphType {}

/// [`GraphType::downcast`] as a function: `value` read as `T` when its `@odata.type`
/// names `T` or a type derived from `T`.
pub fn downcast<Base: GraphType, T: Derives<Base>>(
    value: &Base,
) -> ::core::option::Option<::core::result::Result<T, Error>> {
    if !T::is_named_by(value.odata_type()?) {
        return ::core::option::Option::None;
    }
    let read = ::serde_json::to_value(value).and_then(::serde_json::from_value);
    ::core::option::Option::Some(read.map_err(Error::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Rest = ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>;

    #[derive(::serde::Serialize, ::serde::Deserialize, ::core::fmt::Debug)]
    struct Animal {
        name: ::core::option::Option<::std::string::String>,
        #[serde(flatten)]
        rest: Rest,
    }

    #[derive(::serde::Serialize, ::serde::Deserialize, ::core::fmt::Debug)]
    struct Dog {
        name: ::core::option::Option<::std::string::String>,
        barks: ::core::option::Option<i32>,
        #[serde(flatten)]
        rest: Rest,
    }

    impl GraphType for Animal {
        const ODATA_TYPE: &'static str = "#microsoft.graph.animal";
        const DERIVED_TYPES: &'static [&'static str] =
            &["#microsoft.graph.dog", "#microsoft.graph.puppy"];
        fn additional_properties(&self) -> &Rest {
            &self.rest
        }
    }

    impl GraphType for Dog {
        const ODATA_TYPE: &'static str = "#microsoft.graph.dog";
        const DERIVED_TYPES: &'static [&'static str] = &["#microsoft.graph.puppy"];
        fn additional_properties(&self) -> &Rest {
            &self.rest
        }
    }

    impl Derives<Animal> for Dog {}

    fn animal(json: ::serde_json::Value) -> Animal {
        ::serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_base_value_reads_as_the_derived_type_its_odata_type_names() {
        let value = animal(::serde_json::json!({
            "@odata.type": "#microsoft.graph.dog", "name": "Rex", "barks": 3, "collar": "red"
        }));
        assert_eq!(value.odata_type(), Some("#microsoft.graph.dog"));
        let dog = value.downcast::<Dog>().and_then(Result::ok);
        assert_eq!(dog.as_ref().and_then(|d| d.barks), Some(3));
        assert_eq!(dog.as_ref().and_then(|d| d.name.as_deref()), Some("Rex"));
        assert_eq!(
            dog.as_ref().and_then(GraphType::odata_type),
            Some("#microsoft.graph.dog")
        );
        let collar = dog.as_ref().and_then(|d| d.rest.get("collar"));
        assert_eq!(collar, Some(&::serde_json::json!("red")));
        assert!(dog.as_ref().is_some_and(|d| !d.rest.contains_key("barks")));
    }

    #[test]
    fn names_match_with_or_without_hash_in_any_case_and_for_further_derived_types() {
        for name in [
            "microsoft.graph.dog",
            "#Microsoft.Graph.DOG",
            "#microsoft.graph.puppy",
        ] {
            let value = animal(::serde_json::json!({"@odata.type": name, "barks": 1}));
            let dog = downcast::<Animal, Dog>(&value).and_then(Result::ok);
            assert_eq!(dog.and_then(|d| d.barks), Some(1), "{name}");
        }
        for name in [
            "#microsoft.graph.animal",
            "#microsoft.graph.cat",
            "dog",
            "#other.dog",
        ] {
            let value = animal(::serde_json::json!({"@odata.type": name}));
            assert!(value.downcast::<Dog>().is_none(), "{name}");
        }
        assert!(animal(::serde_json::json!({"barks": 1}))
            .downcast::<Dog>()
            .is_none());
        assert!(animal(::serde_json::json!({"@odata.type": 1}))
            .downcast::<Dog>()
            .is_none());
    }

    #[test]
    fn a_derived_property_that_does_not_fit_is_an_error() {
        let value =
            animal(::serde_json::json!({"@odata.type": "#microsoft.graph.dog", "barks": "loud"}));
        assert!(::core::matches!(
            value.downcast::<Dog>(),
            Some(Err(Error::Json(_)))
        ));
    }
}
