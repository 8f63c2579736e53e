//! Runs inside the crate generated from `tests/fixtures/dereferenced.yaml` (see
//! `tests/fixture_behaviour.rs`): the copies of a titled schema are one type, so what one
//! operation reads another can send back as it is.

#[macro_use]
mod support;

use fixture_dereferenced::Client;
use fixture_dereferenced::models::{BasicError, Plan, Repository, SimpleUser};
use fixture_dereferenced::runtime::Error;

fn answer(status: u16, body: &str) -> String {
    format!(
        "HTTP/1.1 {status} Answer\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         connection: close\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test]
async fn a_user_read_inside_a_repository_is_sent_back_as_read() {
    // The owner carries a property the spec does not declare: it is kept and sent back.
    let owner = r#"{"login":"octocat","id":1,"plan":"pro","site_admin":false}"#;
    let (base_url, received) = support::serve_answers(vec![
        answer(
            200,
            &format!(r#"{{"id": 7, "owner": {owner}, "reviewer": null}}"#),
        ),
        answer(200, r#"{"key": "mit"}"#),
    ]);
    let client = client!(base_url);
    let repository: Repository = client
        .get_repo(7)
        .await
        .expect("the repository is read")
        .into_body();
    // The copy that may be `null` is the same type, in an `Option`.
    let reviewer: Option<SimpleUser> = repository.reviewer;
    assert_eq!(reviewer, None);
    let owner_read: SimpleUser = repository.owner;
    assert_eq!(owner_read.login, "octocat");
    assert_eq!(owner_read.plan, Some(Plan::Pro));

    let license = client
        .add_collaborator(7, &owner_read)
        .await
        .expect("the collaborator is added")
        .into_body();
    assert_eq!(license.key.as_deref(), Some("mit"));

    let _ = received.recv().expect("the server got the first request");
    let request = received.recv().expect("the server got the second request");
    assert_eq!(request.request_line(), "PUT /repos/7/collaborators HTTP/1.1");
    assert_eq!(request.text(), owner);
}

#[tokio::test]
async fn the_shared_error_type_decodes_each_operations_error() {
    for path in ["users", "repos"] {
        let (base_url, _received) =
            support::serve_answers(vec![answer(404, r#"{"message": "Not Found"}"#)]);
        let client = client!(base_url);
        let error = match path {
            "users" => client.get_user("nobody").await.map(|_| ()),
            _ => client.get_repo(0).await.map(|_| ()),
        };
        match error {
            Err(Error::Api(error)) => {
                let body: BasicError = error.body.expect("the error's body is decoded");
                assert_eq!(body.message.as_deref(), Some("Not Found"));
            }
            other => panic!("a 404 from `{path}` should be an API error, got {other:?}"),
        }
    }
}
