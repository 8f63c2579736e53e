//! Comparing the words of names: English plurals as keys spell them.

/// Whether `many` is the plural of `one` as English keys spell them (`servers`,
/// `addresses`, `policies`).
pub fn is_plural(many: &str, one: &str) -> bool {
    many.strip_prefix(one)
        .is_some_and(|end| end == "s" || end == "es")
        || one
            .strip_suffix('y')
            .is_some_and(|stem| many.strip_prefix(stem) == Some("ies"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_are_the_ones_keys_spell() {
        assert!(is_plural("servers", "server"));
        assert!(is_plural("addresses", "address"));
        assert!(is_plural("policies", "policy"));
        assert!(!is_plural("server", "server"));
        assert!(!is_plural("serverss", "server"));
        assert!(!is_plural("data", "datum"));
        assert!(!is_plural("keys", "kez"));
    }
}
