//! Tests of the naming rules, the reserved-name lists (against the runtime and `lib.rs`)
//! and namespaces.

use super::components::name_parts;
use super::namespace::CRATE_ROOT_TYPES;
use super::*;

#[test]
fn makes_valid_identifiers() {
    assert_eq!(type_name("apiWidgetJob"), "ApiWidgetJob");
    assert_eq!(type_name("BATCH_JOB_PHASE_UNKNOWN"), "BatchJobPhaseUnknown");
    assert_eq!(type_name("1-click"), "_1Click");
    assert_eq!(type_name("self"), "Self_");
    assert_eq!(type_name("café"), "CafUe9");
    assert_eq!(type_name("-1"), "Minus1");
    assert_eq!(type_name("$"), "Value");
    assert_eq!(snake_name("type"), "r#type");
    assert_eq!(snake_name("self"), "self_");
    assert_eq!(snake_name("ratelimit-limit"), "ratelimit_limit");
    assert_eq!(snake_name("@odata.count"), "odata_count");
    assert_eq!(snake_name("2fa"), "_2fa");
    assert_eq!(snake_name("X-Request ID"), "x_request_id");
    assert_eq!(const_name("bearer_auth"), "BEARER_AUTH");
}

#[test]
fn remembered_names_stay_right() {
    // Asked again, and asked in the other cases: each case remembers its own.
    for _ in 0..2 {
        assert_eq!(snake_name("createdAt"), "created_at");
        assert_eq!(type_name("createdAt"), "CreatedAt");
        assert_eq!(snake_name("type"), "r#type");
        assert_eq!(identifiers::snake_words("type"), "type");
        assert_eq!(identifiers::snake_words("-1é"), "minus_1_ue9");
    }
    // Past what a thread remembers, it starts afresh.
    for index in 0..(1 << 16) + 1 {
        snake_name(&format!("field{index}"));
    }
    assert_eq!(snake_name("field70000x"), "field70000x");
    assert_eq!(snake_name("createdAt"), "created_at");
}

#[test]
fn makes_valid_crate_names() {
    assert_eq!(crate_name("1Password Connect"), "api-1password-connect");
    assert_eq!(crate_name("digitalocean"), "digitalocean");
    assert_eq!(crate_name("DigitalOcean API"), "digitalocean-api");
    assert_eq!(crate_name("my_client"), "my-client");
    assert_eq!(crate_name("type"), "type-api");
    assert_eq!(crate_name("-- ?"), "client");
    assert_eq!(crate_name_problem("my_client"), None);
    assert_eq!(crate_name_problem("digitalocean"), None);
    assert_eq!(crate_name_problem("DigitalOcean-api"), None);
    assert!(crate_name_problem("1password").is_some());
    assert!(crate_name_problem("my client").is_some());
    assert!(crate_name_problem("fn").is_some());
}

#[test]
fn client_methods_are_reserved() {
    let (_, source) = crate::emit::RUNTIME_FILES
        .iter()
        .find(|(name, _)| *name == "client.rs")
        // A test: a failed expectation is the test failing (both hold for the
        // runtime as shipped).
        .expect("the runtime has client.rs");
    let file = syn::parse_file(source).expect("the runtime parses");
    for item in file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let syn::Type::Path(path) = &*block.self_ty else {
            continue;
        };
        if block.trait_.is_some() || !path.path.is_ident("Client") {
            continue;
        }
        for item in block.items {
            if let syn::ImplItem::Fn(method) = item {
                let name = method.sig.ident.to_string();
                assert!(
                    CLIENT_METHODS.contains(&name.as_str()),
                    "`Client::{name}` is not in CLIENT_METHODS"
                );
            }
        }
    }
}

#[test]
fn builder_methods_are_reserved() {
    let (_, source) = crate::emit::RUNTIME_FILES
        .iter()
        .find(|(name, _)| *name == "client.rs")
        .expect("the runtime has client.rs");
    let file = syn::parse_file(source).expect("the runtime parses");
    let mut found = 0;
    for item in file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let syn::Type::Path(path) = &*block.self_ty else {
            continue;
        };
        if !path.path.is_ident("ClientBuilder") {
            continue;
        }
        for item in block.items {
            if let syn::ImplItem::Fn(method) = item {
                let name = method.sig.ident.to_string();
                found += 1;
                assert!(
                    BUILDER_METHODS.contains(&name.as_str()),
                    "`ClientBuilder::{name}` is not in BUILDER_METHODS"
                );
            }
        }
    }
    assert!(found > 10, "ClientBuilder's methods were found");
    assert_eq!(scheme_setter("token"), "token_credential");
    assert_eq!(scheme_setter("bearer_auth"), "bearer_auth");
    assert_eq!(scheme_setter("type"), "r#type");
    assert_eq!(
        scheme_env("DIGITALOCEAN_TOKEN", "inference_bearer_auth"),
        "DIGITALOCEAN_INFERENCE_BEARER_AUTH"
    );
}

#[test]
fn fixed_names_are_identifiers() {
    for name in [
        fixed::params_struct(),
        fixed::params_argument(),
        fixed::body_argument(),
        fixed::success_enum(),
        fixed::error_body_enum(),
        fixed::catch_all_variant(),
        fixed::additional_field(),
        fixed::request_fn(),
        fixed::response_fn(),
        fixed::request_stream_fn(),
        fixed::response_stream_fn(),
        fixed::events_fn(),
        fixed::items_fn(),
        fixed::paging_const(),
    ] {
        assert!(
            syn::parse_str::<syn::Ident>(name.as_str()).is_ok(),
            "{name}"
        );
    }
}

#[test]
fn enum_variants_drop_what_repeats_the_enum_name() {
    let owner = type_name("apiBatchJobPhase");
    assert_eq!(enum_variant(&owner, "BATCH_JOB_PHASE_PENDING"), "Pending");
    assert_eq!(enum_variant(&owner, "BATCH_JOB_PHASE_UNKNOWN"), "Unknown");
    assert_eq!(enum_variant(&owner, "PENDING"), "Pending");
    // Only the end of the enum's name counts, and the longest run of it.
    assert_eq!(enum_variant(&owner, "JOB_PHASE_DONE"), "Done");
    assert_eq!(enum_variant(&owner, "API_DONE"), "ApiDone");
    assert_eq!(enum_variant(&type_name("Status"), "status_ok"), "Ok");
    // Nothing, or only a number, would be left: the whole value names it.
    assert_eq!(enum_variant(&type_name("Status"), "STATUS"), "Status");
    assert_eq!(enum_variant(&type_name("Phase"), "PHASE_1"), "Phase1");
    assert_eq!(enum_variant(&type_name("Kind"), "1-click"), "_1Click");
}

#[test]
fn models_do_not_take_the_crate_root_names() {
    let mut names = Namespace::types();
    assert_eq!(names.claim(&type_name("Error")), "ErrorModel");
    assert_eq!(names.claim(&type_name("ErrorModel")), "ErrorModel2");
    assert_eq!(names.claim(&type_name("Client")), "ClientModel");
    assert_eq!(names.claim(&type_name("Droplet")), "Droplet");
}

#[test]
fn an_exact_claim_takes_a_free_name_or_nothing() {
    let mut names = Namespace::types();
    assert_eq!(
        names.claim_exact(&type_name("Simple User")),
        Some(RustName("SimpleUser".to_owned()))
    );
    assert_eq!(names.claim_exact(&type_name("Simple User")), None);
    // The crate root's names are suffixed as `claim` suffixes them, and only once.
    assert_eq!(
        names.claim_exact(&type_name("Error")),
        Some(RustName("ErrorModel".to_owned()))
    );
    assert_eq!(names.claim_exact(&type_name("Error")), None);
    assert_eq!(names.claim(&type_name("Simple User")), "SimpleUser2");
}

#[test]
fn an_unsuffixed_claim_leaves_the_crate_roots_names_alone() {
    let mut names = Namespace::types();
    assert_eq!(names.claim_unsuffixed(&type_name("error")), None);
    assert_eq!(
        names.claim_unsuffixed(&type_name("page_info")),
        Some(RustName("PageInfo".to_owned()))
    );
    assert_eq!(names.claim_unsuffixed(&type_name("page_info")), None);
    // Left alone, the suffixed name is still free for an exact claim.
    assert_eq!(
        names.claim_exact(&type_name("Error")),
        Some(RustName("ErrorModel".to_owned()))
    );
}

#[test]
fn crate_root_types_are_reserved() {
    let api = crate::ir::Api {
        title: "t".into(),
        version: "1".into(),
        docs: Vec::new(),
        license: None,
        spec_file: "spec.yaml".into(),
        default_base_url: String::new(),
        token_env: "T".into(),
        types: Vec::new(),
        operations: Vec::new(),
        security_schemes: Vec::new(),
        primary_scheme: None,
        common_error: None,
        error_sets: Vec::new(),
        features: Vec::new(),
        webhooks: Vec::new(),
    };
    // A test: a failed expectation is the test failing.
    let file = syn::parse_file(&crate::emit::crate_files::lib_rs(&api)).expect("lib.rs parses");
    let mut exported = Vec::new();
    fn collect(tree: &syn::UseTree, out: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(path) => collect(&path.tree, out),
            syn::UseTree::Name(name) => out.push(name.ident.to_string()),
            syn::UseTree::Rename(rename) => out.push(rename.rename.to_string()),
            syn::UseTree::Group(group) => group.items.iter().for_each(|t| collect(t, out)),
            syn::UseTree::Glob(_) => {}
        }
    }
    for item in file.items {
        if let syn::Item::Use(item) = item {
            collect(&item.tree, &mut exported);
        }
    }
    let types = exported
        .iter()
        .filter(|name| name.chars().any(|c| c.is_ascii_lowercase()));
    for name in types {
        assert!(
            CRATE_ROOT_TYPES.contains(&name.as_str()),
            "`{name}` is exported by lib.rs but not in CRATE_ROOT_TYPES"
        );
    }
}

#[test]
fn composes_names() {
    assert_eq!(operation_name("new"), "new_operation");
    assert_eq!(
        error_set_const(&["404".into(), "4XX".into(), "default".into()]),
        "ERRORS_404_4XX_DEFAULT"
    );
    assert_eq!(scheme_const("errors_401"), "SCHEME_ERRORS_401");
    assert_eq!(field_local(3, &snake_name("_id")), "f3_id");
    let bytes = snake_name("bytes");
    assert_eq!(
        alternative_names(&snake_name("upload"), &bytes).0,
        "upload_bytes"
    );
    // A keyword's escape is not doubled (`crate__bytes` is not snake case).
    assert_eq!(
        alternative_names(&snake_name("crate"), &bytes).0,
        "crate_bytes"
    );
    assert_eq!(
        alternative_names(&snake_name("type"), &bytes).0,
        "type_bytes"
    );
}

#[test]
fn name_parts_of_keys() {
    assert_eq!(name_parts("Thing"), ("Thing".to_owned(), vec![]));
    assert_eq!(
        name_parts("api.yaml#/components/parameters/state/schema"),
        ("state".to_owned(), vec!["api".into()])
    );
    assert_eq!(
        name_parts("api.yaml#/components/schemas/Pet/properties/owner/items"),
        ("Pet_owner_Item".to_owned(), vec!["api".into()])
    );
    assert_eq!(
        name_parts(
            "api.yaml#/components/responses/Things/content/application~1json/schema/oneOf/0"
        ),
        ("Things_Variant1".to_owned(), vec!["api".into()])
    );
    assert_eq!(schema_name("a/b.yml#/apiJob"), "apiJob");
    assert_eq!(schema_name("a/b.yml#"), "b");
    assert_eq!(
        name_parts("resources/gen-ai/definitions.yml#/apiJob"),
        (
            "apiJob".to_owned(),
            vec!["definitions".into(), "gen-ai".into(), "resources".into()]
        )
    );
    assert_eq!(
        name_parts("../shared/models/error.yml#"),
        ("error".to_owned(), vec!["models".into(), "shared".into()])
    );
}

#[test]
fn claims_unique_names() {
    let mut names = Namespace::default();
    let mut names = |raw: &str| {
        let name = match raw.strip_prefix("r#") {
            Some(keyword) => snake_name(keyword),
            None => RustName(raw.to_owned()),
        };
        names.claim(&name)
    };
    assert_eq!(names("Thing"), "Thing");
    assert_eq!(names("Thing"), "Thing2");
    assert_eq!(names("Thing"), "Thing3");
    assert_eq!(names("a_field"), "a_field");
    assert_eq!(names("a_field"), "a_field_2");
    assert_eq!(names("r#type"), "r#type");
    assert_eq!(names("r#type"), "type_2");
    assert_eq!(names("Self_"), "Self_");
    assert_eq!(names("Self_"), "Self2");
    assert_eq!(names("self_"), "self_");
    assert_eq!(names("self_"), "self_2");
    assert_eq!(names("A"), "A");
    assert_eq!(names("A"), "A2");
    assert_eq!(names("_1Thing"), "_1Thing");
    assert_eq!(names("_1Thing"), "_1Thing2");
    assert_eq!(names("BEARER_AUTH"), "BEARER_AUTH");
    assert_eq!(names("BEARER_AUTH"), "BEARER_AUTH_2");
}

#[test]
fn tags_become_feature_names() {
    let tags = [
        "Droplet Actions",
        "dropletActions",
        "Floating IPs",
        "VPCs",
        "Reserved IPv6",
        "1-Click Applications",
        "GradientAI Platform",
        "OAuth2Clients",
        "Full",
        "Ünïcode",
        "",
    ];
    assert_eq!(
        feature_names(&tags),
        [
            "droplet-actions",
            "droplet-actions-2",
            "floating-ips",
            "vpcs",
            "reserved-ipv6",
            "1-click-applications",
            "gradient-ai-platform",
            "oauth2-clients",
            "full-2",
            "n-code",
            "tag",
        ]
    );
}

#[test]
fn features_get_module_names_no_operation_or_type_has() {
    let mut modules = Namespace::with_reserved(&["droplets", "Droplet"]);
    let mut module = |feature: &str| feature_module(feature, &mut modules).as_str().to_owned();
    assert_eq!(module("floating-ips"), "floating_ips");
    assert_eq!(module("1-click-applications"), "_1_click_applications");
    assert_eq!(module("type"), "r#type");
    assert_eq!(module("self"), "self_");
    // An operation's module `droplets` is taken: the feature's gets a number.
    assert_eq!(module("droplets"), "droplets_2");
    assert_eq!(module("droplets"), "droplets_3");
}
