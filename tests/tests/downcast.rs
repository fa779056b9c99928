//! Values of a base type read as the derived type their `@odata.type` names, in the crate
//! generated from `tests/fixtures/ir/polymorphism.json` (`directoryObject` members that are
//! `user`s and `group`s, as `GET /groups/{id}/members` returns them).

use snapshot_polymorphism::operations::ListGroupMembers;
use snapshot_polymorphism::runtime::{downcast, Derives, GraphType, Operation};
use snapshot_polymorphism::types::{CallRecordsSession, DirectoryObject, Entity, Group, User};
use std::marker::PhantomData;

const MEMBERS: &str = r##"{"value": [
    {"@odata.type": "#microsoft.graph.user", "id": "u1", "displayName": "Adele", "accountEnabled": true, "unlisted": [1]},
    {"@odata.type": "microsoft.graph.GROUP", "id": "g2", "displayName": "Sales", "mailEnabled": false},
    {"id": "x3", "deletedDateTime": "2021-07-01T00:00:00Z"}
]}"##;

fn members() -> Vec<DirectoryObject> {
    let response = http::Response::builder()
        .status(200)
        .body(MEMBERS.as_bytes().to_vec())
        .expect("response");
    ListGroupMembers::parse_response(response)
        .expect("parses")
        .value
}

#[test]
fn members_read_as_the_types_they_are() {
    let members = members();
    assert_eq!(members.len(), 3);
    let user = members[0]
        .downcast::<User>()
        .expect("a user")
        .expect("reads");
    assert_eq!(user.id.as_deref(), Some("u1"));
    assert_eq!(user.display_name.as_deref(), Some("Adele"));
    assert_eq!(user.account_enabled, Some(true));
    assert_eq!(user.odata_type(), Some("#microsoft.graph.user"));
    assert_eq!(
        user.additional_properties["unlisted"],
        serde_json::json!([1])
    );
    assert!(!user.additional_properties.contains_key("displayName"));
    assert!(members[0].downcast::<Group>().is_none());

    let group = downcast::<DirectoryObject, Group>(&members[1]).expect("a group");
    assert_eq!(group.expect("reads").mail_enabled, Some(false));
    assert!(members[1].downcast::<User>().is_none());

    assert!(members[2].downcast::<User>().is_none(), "no @odata.type");
    assert!(members[2].downcast::<Group>().is_none());
}

#[test]
fn nothing_is_lost_reading_a_member_as_its_type() {
    let members = members();
    let user = members[0]
        .downcast::<User>()
        .expect("a user")
        .expect("reads");
    assert_eq!(
        serde_json::to_value(&user).expect("serializes"),
        serde_json::to_value(&members[0]).expect("serializes")
    );
}

#[test]
fn a_grandchild_reads_as_each_ancestor_and_names_are_namespace_qualified() {
    let value: Entity = serde_json::from_str(
        r##"{"@odata.type": "#microsoft.graph.user", "id": "u1", "deletedDateTime": "x", "accountEnabled": false}"##,
    )
    .expect("parses");
    let object = value
        .downcast::<DirectoryObject>()
        .expect("a directoryObject");
    assert_eq!(
        object.expect("reads").deleted_date_time.as_deref(),
        Some("x")
    );
    let user = value.downcast::<User>().expect("a user");
    assert_eq!(user.expect("reads").account_enabled, Some(false));
    assert!(value.downcast::<CallRecordsSession>().is_none());

    assert_eq!(
        CallRecordsSession::ODATA_TYPE,
        "#microsoft.graph.callRecords.session"
    );
    assert!(Entity::DERIVED_TYPES.contains(&"#microsoft.graph.callRecords.session"));
    assert_eq!(
        DirectoryObject::DERIVED_TYPES,
        ["#microsoft.graph.group", "#microsoft.graph.user"]
    );
    assert!(User::DERIVED_TYPES.is_empty());
    let session: Entity =
        serde_json::from_str(r##"{"@odata.type": "#microsoft.graph.callRecords.session"}"##)
            .expect("parses");
    assert!(session.downcast::<CallRecordsSession>().is_some());
    assert!(session.downcast::<DirectoryObject>().is_none());
}

/// Whether `T: Derives<B>`, decided at compile time (autoref specialization: the method of
/// `Yes` is found first when the bound holds, else that of `No` through one more reference).
struct Probe<B, T>(PhantomData<(B, T)>);
trait Yes {
    fn derives(&self) -> bool {
        true
    }
}
impl<B: GraphType, T: Derives<B>> Yes for Probe<B, T> {}
trait No {
    fn derives(&self) -> bool {
        false
    }
}
impl<B, T> No for &Probe<B, T> {}

macro_rules! derives {
    ($derived:ty, $base:ty) => {
        (&Probe::<$base, $derived>(PhantomData)).derives()
    };
}

#[test]
fn downcasts_compile_only_to_types_derived_from_the_base() {
    assert!(derives!(User, DirectoryObject));
    assert!(derives!(User, Entity));
    assert!(derives!(Group, Entity));
    assert!(derives!(CallRecordsSession, Entity));
    assert!(!derives!(User, User));
    assert!(!derives!(DirectoryObject, User));
    assert!(!derives!(Group, User));
    assert!(!derives!(CallRecordsSession, DirectoryObject));
}
