//! The Verbund register server. Layers, each using only those below it (see ARCHITECTURE.md):
//! `http` (the HTTP surface) → `graphql` (the API) → `register` (every rule, transaction and
//! statement) → `entities` (the tables); `auth` (who asks, what they may see) beside the
//! register; `sheet` (the files an export writes and an import reads) below the register and
//! `http`; configuration, database connection, seed and command line around them.
//! `main.rs` only parses the command line and calls into this library, so tests can build
//! the whole app in-process.

// `paged_object!` steps once per field and per argument of a GraphQL object, and `Contract`,
// the largest, nests its expansion about 100 deep: past 96 today, near the default of 128.
#![recursion_limit = "256"]

pub mod auth;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod entities;
pub mod error;
pub mod graphql;
pub mod http;
pub mod register;
pub mod report;
pub mod scheduler;
pub mod seed;
pub mod sheet;
pub mod sync;
pub mod telemetry;
pub mod timing;

#[cfg(test)]
mod layers {
    //! The layers use only those below them: a test reads the sources, so an arrow pointing
    //! the wrong way fails the build's tests, not a review.

    use std::path::{Path, PathBuf};

    /// The files below `dir`, recursively.
    fn sources(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                found.extend(sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
        found
    }

    /// The places in the layer `dir` that name one of `forbidden`.
    fn uses(dir: &str, forbidden: &[&str]) -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
        let mut found = Vec::new();
        for file in sources(&root) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for name in forbidden {
                    if code.contains(name) {
                        found.push(format!("{}:{}: {name}", file.display(), n + 1));
                    }
                }
            }
        }
        found
    }

    #[test]
    fn each_layer_uses_only_the_layers_below_it() {
        let rules: [(&str, &[&str]); 5] = [
            (
                "sheet",
                &[
                    "crate::register",
                    "crate::graphql",
                    "crate::http",
                    "crate::entities",
                ],
            ),
            (
                "entities",
                &[
                    "crate::register",
                    "crate::graphql",
                    "crate::http",
                    "crate::auth",
                ],
            ),
            (
                "auth",
                &["crate::register", "crate::graphql", "crate::http"],
            ),
            (
                "register",
                &["crate::graphql", "crate::http", "async_graphql", "axum"],
            ),
            ("graphql", &["crate::entities", "sea_orm", "crate::http"]),
        ];
        for (layer, forbidden) in rules {
            let found = uses(layer, forbidden);
            assert!(found.is_empty(), "{layer} reaches up or around: {found:#?}");
        }
    }
}
