//! Types: structs (entity or complex) and enums, their properties and members, and references
//! to types.

use super::text::Description;
use crate::diag::Span;
use serde::{Deserialize, Serialize};

/// The kind of a type, as [`TypeDef::kind`] tells it from the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// Has a key (explicit or inherited): addressable by id.
    Entity,
    /// A structured value without identity.
    Complex,
    Enum,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// *contract*: unique in the model. Bare for `microsoft.graph` types (`identitySet`); qualified
    /// by the sub-namespace for others (`callRecords.session`).
    pub name: String,
    /// Full OData namespace, e.g. `microsoft.graph` or `microsoft.graph.callRecords`.
    pub namespace: String,
    pub description: Description,
    /// The docs' `ms.prod` (or area) of the defining page; used for cargo features.
    pub workload: String,
    /// Where the type is defined.
    pub source: Span,
    /// *contract*: what the type is (`kind`: `entity`, `complex` or `enum`) and holds; its fields
    /// sit beside the ones above in the JSON.
    #[serde(flatten)]
    pub body: TypeBody,
}

/// A structured type (entity or complex) with properties, or an enum with members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeBody {
    /// Has a key (explicit or inherited): addressable by id.
    Entity(StructBody),
    /// A structured value without identity.
    Complex(StructBody),
    Enum(EnumBody),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StructBody {
    /// *contract*: the base types, nearest first (the first is the docs' base). Resolved once, by
    /// the model: a cycle or a chain past the depth limit is cut there (with a diagnostic), so a
    /// type is never its own ancestor and every ancestor is a struct of the model.
    pub ancestors: Vec<String>,
    #[serde(rename = "abstract")]
    pub is_abstract: bool,
    /// Open types accept properties they do not declare.
    pub open: bool,
    /// Name of the key property (own or inherited), for entities.
    pub key: Option<String>,
    /// *contract*: the type's own properties (not those of its base types), in page order.
    pub properties: Vec<Property>,
    /// Names of the types whose base is this type, sorted.
    pub derived: Vec<String>,
    /// Properties a complete example of the type shows (ApiDoctor's rule): the JSON
    /// representation's keys that are properties, minus the annotation's `optionalProperties`.
    /// A response example not marked `truncated` that lacks one is reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub example_properties: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EnumBody {
    /// *contract*: the members in page order.
    pub members: Vec<EnumMember>,
    /// Whether the enum is a flags enum (members combine).
    pub flags: bool,
}

impl TypeDef {
    pub fn kind(&self) -> TypeKind {
        match self.body {
            TypeBody::Entity(_) => TypeKind::Entity,
            TypeBody::Complex(_) => TypeKind::Complex,
            TypeBody::Enum(_) => TypeKind::Enum,
        }
    }

    pub fn is_enum(&self) -> bool {
        matches!(self.body, TypeBody::Enum(_))
    }

    /// The body of a structured type; None for an enum.
    pub fn structure(&self) -> Option<&StructBody> {
        match &self.body {
            TypeBody::Entity(body) | TypeBody::Complex(body) => Some(body),
            TypeBody::Enum(_) => None,
        }
    }

    pub fn structure_mut(&mut self) -> Option<&mut StructBody> {
        match &mut self.body {
            TypeBody::Entity(body) | TypeBody::Complex(body) => Some(body),
            TypeBody::Enum(_) => None,
        }
    }

    /// The own properties of a structured type; none for an enum.
    pub fn properties(&self) -> &[Property] {
        self.structure().map_or(&[], |s| s.properties.as_slice())
    }

    /// The base types, nearest first; none for an enum.
    pub fn ancestors(&self) -> &[String] {
        self.structure().map_or(&[], |s| s.ancestors.as_slice())
    }

    /// The docs' base type: the nearest ancestor.
    pub fn base(&self) -> Option<&str> {
        self.ancestors().first().map(String::as_str)
    }

    /// The types whose base is this type; none for an enum.
    pub fn derived(&self) -> &[String] {
        self.structure().map_or(&[], |s| s.derived.as_slice())
    }

    /// The members of an enum; none for a structured type.
    pub fn members(&self) -> &[EnumMember] {
        match &self.body {
            TypeBody::Enum(body) => &body.members,
            TypeBody::Entity(_) | TypeBody::Complex(_) => &[],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeRefKind {
    /// An Edm primitive (`type` is its name: String, Int32, DateTimeOffset, ...).
    Primitive,
    /// A structured type defined in the model.
    Entity,
    Complex,
    Enum,
    /// Untyped JSON (`Json`, `JSON object`, or a type that could not be read).
    Json,
    /// A named type that no page defines; emitted as untyped JSON.
    Unresolved,
}

impl From<TypeKind> for TypeRefKind {
    /// How a reference to a type of that kind is classified.
    fn from(kind: TypeKind) -> Self {
        match kind {
            TypeKind::Entity => TypeRefKind::Entity,
            TypeKind::Complex => TypeRefKind::Complex,
            TypeKind::Enum => TypeRefKind::Enum,
        }
    }
}

/// What a property, parameter, request body or response holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TypeRef {
    /// *contract*: primitive name, a model type name, `Json`, or (when unresolved) the name as
    /// written.
    pub name: String,
    pub kind: TypeRefKind,
    /// *contract*: a collection of values of that type (a JSON array; `{"value": [...]}` for a
    /// response).
    pub collection: bool,
}

impl TypeRef {
    /// A single value of type `name`.
    pub fn new(name: impl Into<String>, kind: TypeRefKind) -> TypeRef {
        TypeRef {
            name: name.into(),
            kind,
            collection: false,
        }
    }

    /// A named type the model defines (not a primitive, JSON or an unresolved name).
    pub fn is_model_type(&self) -> bool {
        matches!(
            self.kind,
            TypeRefKind::Entity | TypeRefKind::Complex | TypeRefKind::Enum
        )
    }

    /// A structured type the model defines (entity or complex).
    pub fn is_struct(&self) -> bool {
        matches!(self.kind, TypeRefKind::Entity | TypeRefKind::Complex)
    }
}

/// The primitive type names the model uses (canonical Edm spelling, no `Edm.`).
pub const PRIMITIVES: &[&str] = &[
    "Binary",
    "Boolean",
    "Byte",
    "Date",
    "DateTimeOffset",
    "Decimal",
    "Double",
    "Duration",
    "Guid",
    "Int16",
    "Int32",
    "Int64",
    "SByte",
    "Single",
    "Stream",
    "String",
    "TimeOfDay",
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Property {
    /// *contract*: the wire name, as the docs spell it (`errorDeviceCount`, `@odata.type`).
    pub name: String,
    /// *contract*
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    /// *contract*: whether the value may be null or absent.
    pub nullable: bool,
    /// *contract*: set by the service; never sent in create or update bodies.
    pub read_only: bool,
    /// *contract*: a relationship (navigation property).
    pub navigation: bool,
    /// A value of the property's type can hold a value of a type that holds this property,
    /// through single-valued fields: the property must be stored indirectly (boxed). Decided by
    /// the model for the declaring type and every type derived from it alike.
    pub recursive: bool,
    pub description: Description,
    /// Values listed in "Possible values are ..." prose, when the type is a String.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    pub source: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    /// *contract*: the wire value (`notApplicable`).
    pub name: String,
    /// *contract*: the documented integer value, or null.
    pub value: Option<i64>,
    pub description: Description,
    pub source: Span,
}
