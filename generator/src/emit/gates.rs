//! Cargo features in the emitted code: the `#[cfg]` of an item's [`Gate`], put on every
//! item that makes up one generated type or operation.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

use crate::ir::Gate;

/// The attribute that compiles an item only with its features (nothing when always).
pub fn cfg(gate: &Gate) -> TokenStream {
    match gate {
        Gate::Always => TokenStream::new(),
        Gate::AnyOf(features) => match features.as_slice() {
            [one] => quote!(#[cfg(feature = #one)]),
            many => quote!(#[cfg(any(#(feature = #many),*))]),
        },
    }
}

/// `items` (a sequence of items) with `cfg` before each of them. An item ends with a
/// `;` or with a `{ … }` body, except a `const`, `static`, `type` or `use` item, which
/// ends only with its `;` (its value may be a struct literal).
pub fn gate_items(cfg: &TokenStream, items: TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    let mut out = TokenStream::new();
    let mut at_start = true;
    let mut ends_with_semicolon = false;
    for token in items {
        if at_start {
            out.extend(cfg.clone());
            ends_with_semicolon = false;
        }
        let ends = match &token {
            TokenTree::Ident(ident) => {
                if matches!(
                    ident.to_string().as_str(),
                    "const" | "static" | "type" | "use"
                ) {
                    ends_with_semicolon = true;
                }
                false
            }
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) => {
                group.delimiter() == Delimiter::Brace && !ends_with_semicolon
            }
            TokenTree::Literal(_) => false,
        };
        // An attribute's `#` and `[…]` belong to the item that follows them.
        out.extend([token]);
        at_start = ends;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_of_a_type_is_gated() {
        let gate = cfg(&Gate::AnyOf(vec!["droplets".into()]));
        let items = quote! {
            #[doc = " A droplet."]
            pub struct Droplet { pub id: i64 }
            impl Droplet { pub fn new() -> Self { Self { id: 0 } } }
            pub const SCHEME: Scheme = Scheme { name: "x" };
            pub type Id = i64;
            struct Unit;
        };
        let mut gated = gate_items(&gate, items).to_string();
        gated.retain(|c| !c.is_whitespace());
        let cfg = "#[cfg(feature=\"droplets\")]";
        assert_eq!(gated.matches(cfg).count(), 5, "{gated}");
        assert!(gated.starts_with(&format!("{cfg}#[doc")), "{gated}");
        assert!(gated.contains(&format!("}}{cfg}implDroplet")), "{gated}");
        assert!(gated.contains(&format!("}};{cfg}pubtypeId")), "{gated}");
    }

    #[test]
    fn several_features_are_any_of_them() {
        let gate = cfg(&Gate::AnyOf(vec!["a".into(), "b".into()]));
        let mut text = gate.to_string();
        text.retain(|c| !c.is_whitespace());
        assert_eq!(text, "#[cfg(any(feature=\"a\",feature=\"b\"))]");
        assert!(cfg(&Gate::Always).is_empty());
    }
}
