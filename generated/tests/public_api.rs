//! The crate's public API, locked by a snapshot: every item a user can name (through
//! public modules and re-exports; `#[doc(hidden)]` items and modules are not API), with
//! its signature, fields, variants, derives and the traits it implements — bodies and
//! docs left out. Any change to the API shows in
//! review as a diff of `tests/snapshots/public_api__public_api.snap`.

use std::fs;
use std::path::{Path, PathBuf};

use syn::{Attribute, ImplItem, Item, Visibility};

/// Whether an item carries `#[doc(hidden)]`.
fn hidden(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("doc")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "hidden")
    })
}

/// The attributes that are part of the API (derives, `cfg`s, `non_exhaustive`,
/// `deprecated`, `must_use`): not docs, lints or serde's.
fn api_attrs(attrs: &[Attribute]) -> Vec<Attribute> {
    attrs
        .iter()
        .filter(|attr| {
            [
                "derive",
                "cfg",
                "cfg_attr",
                "non_exhaustive",
                "deprecated",
                "must_use",
            ]
            .iter()
            .any(|name| attr.path().is_ident(name))
        })
        .cloned()
        .collect()
}

fn public(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// `item` as it stands in the API (docs and bodies removed), or `None` if it is not
/// public.
fn api_item(item: &Item) -> Option<Item> {
    let empty = || syn::parse_quote!({});
    Some(match item {
        Item::Fn(f) if public(&f.vis) && !hidden(&f.attrs) => {
            let mut f = f.clone();
            f.attrs = api_attrs(&f.attrs);
            f.block = Box::new(empty());
            Item::Fn(f)
        }
        Item::Struct(s) if public(&s.vis) && !hidden(&s.attrs) => {
            let mut s = s.clone();
            s.attrs = api_attrs(&s.attrs);
            let fields = match &mut s.fields {
                syn::Fields::Named(named) => Some(&mut named.named),
                syn::Fields::Unnamed(unnamed) => Some(&mut unnamed.unnamed),
                syn::Fields::Unit => None,
            };
            if let Some(fields) = fields {
                // Private fields are not API.
                *fields = std::mem::take(fields)
                    .into_iter()
                    .filter(|field| public(&field.vis))
                    .map(|mut field| {
                        field.attrs = api_attrs(&field.attrs);
                        field
                    })
                    .collect();
            }
            Item::Struct(s)
        }
        Item::Enum(e) if public(&e.vis) && !hidden(&e.attrs) => {
            let mut e = e.clone();
            e.attrs = api_attrs(&e.attrs);
            e.variants = e
                .variants
                .into_iter()
                .filter(|v| !hidden(&v.attrs))
                .map(|mut v| {
                    v.attrs = api_attrs(&v.attrs);
                    v
                })
                .collect();
            Item::Enum(e)
        }
        Item::Type(t) if public(&t.vis) && !hidden(&t.attrs) => {
            let mut t = t.clone();
            t.attrs = api_attrs(&t.attrs);
            Item::Type(t)
        }
        Item::Const(c) if public(&c.vis) && !hidden(&c.attrs) => {
            let mut c = c.clone();
            c.attrs = api_attrs(&c.attrs);
            Item::Const(c)
        }
        Item::Trait(t) if public(&t.vis) && !hidden(&t.attrs) => {
            let mut t = t.clone();
            t.attrs = api_attrs(&t.attrs);
            for item in &mut t.items {
                if let syn::TraitItem::Fn(f) = item {
                    f.attrs = api_attrs(&f.attrs);
                    f.default = None;
                }
            }
            Item::Trait(t)
        }
        Item::Use(u) if public(&u.vis) && !hidden(&u.attrs) => Item::Use(u.clone()),
        Item::Impl(i) if !hidden(&i.attrs) => {
            let mut i = i.clone();
            i.attrs = api_attrs(&i.attrs);
            if i.trait_.is_some() {
                // A trait impl is API as a whole: which trait, for which type.
                i.items.clear();
            } else {
                i.items.retain(|item| {
                    matches!(item, ImplItem::Fn(f) if public(&f.vis) && !hidden(&f.attrs))
                        || matches!(item, ImplItem::Const(c) if public(&c.vis) && !hidden(&c.attrs))
                });
                for item in &mut i.items {
                    match item {
                        ImplItem::Fn(f) => {
                            f.attrs = api_attrs(&f.attrs);
                            f.block = empty();
                        }
                        ImplItem::Const(c) => c.attrs = api_attrs(&c.attrs),
                        _ => {}
                    }
                }
                if i.items.is_empty() {
                    return None;
                }
            }
            Item::Impl(i)
        }
        _ => return None,
    })
}

/// The source file of module `name` declared in `dir` (`name.rs` or `name/mod.rs`).
fn module_file(dir: &Path, name: &str) -> PathBuf {
    let flat = dir.join(format!("{name}.rs"));
    if flat.exists() {
        flat
    } else {
        dir.join(name).join("mod.rs")
    }
}

/// The last names of a `use` tree (what it brings in).
fn use_names(tree: &syn::UseTree, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(path) => use_names(&path.tree, out),
        syn::UseTree::Name(name) => out.push(name.ident.to_string()),
        syn::UseTree::Rename(rename) => out.push(rename.ident.to_string()),
        syn::UseTree::Group(group) => group.items.iter().for_each(|t| use_names(t, out)),
        syn::UseTree::Glob(_) => out.push("*".to_owned()),
    }
}

/// The name an item defines (for an impl, the name of the type it is for), if any.
fn item_name(item: &Item) -> Option<String> {
    Some(match item {
        Item::Impl(i) => match &*i.self_ty {
            syn::Type::Path(path) => path.path.segments.last()?.ident.to_string(),
            _ => return None,
        },
        Item::Fn(f) => f.sig.ident.to_string(),
        Item::Struct(s) => s.ident.to_string(),
        Item::Enum(e) => e.ident.to_string(),
        Item::Type(t) => t.ident.to_string(),
        Item::Const(c) => c.ident.to_string(),
        Item::Trait(t) => t.ident.to_string(),
        _ => return None,
    })
}

/// The API of the module in `file` (`path` from the crate root), then of its
/// submodules. A private module adds only the impls of its items and what its parent
/// re-exports (`reexported`).
fn module_api(file: &Path, path: &str, reexported: Option<&[String]>, out: &mut String) {
    // A test: a failed expectation is the test failing.
    let text = fs::read_to_string(file).expect("the crate's sources are readable");
    let parsed = syn::parse_file(&text).expect("the crate's sources parse");
    let dir = if file.ends_with("mod.rs") || file.ends_with("lib.rs") {
        file.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        file.with_extension("")
    };
    items_api(&parsed.items, &dir, path, reexported, out);
}

/// [`module_api`] of a module's `items`, whose submodule files are in `dir`.
fn items_api(
    items: &[Item],
    dir: &Path,
    path: &str,
    reexported: Option<&[String]>,
    out: &mut String,
) {
    let visible = |item: &Item| match (reexported, item_name(item)) {
        (None, _) | (_, None) => true,
        (Some(names), Some(name)) => names.iter().any(|n| *n == name || n == "*"),
    };
    let shown: Vec<Item> = items
        .iter()
        .filter(|item| visible(item))
        .filter_map(api_item)
        .collect();
    if !shown.is_empty() {
        let file = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: shown,
        };
        out.push_str(&format!("// ===== {path} =====\n"));
        out.push_str(&prettyplease::unparse(&file));
    }
    for item in items {
        let Item::Mod(module) = item else {
            continue;
        };
        let name = module.ident.to_string();
        let path = format!("{path}::{name}");
        // A hidden module is like a private one: only what is re-exported is API.
        let reexported = if public(&module.vis) && !hidden(&module.attrs) {
            None
        } else {
            let mut names = Vec::new();
            for item in items {
                if let Item::Use(u) = item
                    && public(&u.vis)
                    && !hidden(&u.attrs)
                    && matches!(&u.tree, syn::UseTree::Path(p) if p.ident == module.ident)
                {
                    use_names(&u.tree, &mut names);
                }
            }
            Some(names)
        };
        match &module.content {
            Some((_, content)) => {
                items_api(content, &dir.join(&name), &path, reexported.as_deref(), out)
            }
            None => module_api(&module_file(dir, &name), &path, reexported.as_deref(), out),
        }
    }
}

#[test]
fn public_api() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs");
    let mut api = String::new();
    module_api(&root, "generated", None, &mut api);
    insta::assert_snapshot!(api);
}
