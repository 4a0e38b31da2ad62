//! Prepares the app's GraphQL documents (`queries/*.graphql`) in `OUT_DIR`:
//!
//! - each document with the shared fragments it spreads (`queries/fragments/`, transitively)
//!   appended, so a field list several documents ask for is written once;
//! - that document without comments and needless blanks, as the wasm sends it (the server
//!   reads it the same either way);
//! - `checked.rs`: one check per operation for `src/api/ops.rs`, whose tests compare every
//!   document, fragments included, with the schema.
//!
//! It also makes the app's text tables (`texts/*.toml`) into Rust: see [`texts`].

use std::{
    collections::BTreeMap,
    env, fs, io,
    path::{Path, PathBuf},
};

#[path = "build/texts.rs"]
mod texts;

/// The folder of the shared fragments; every other `.graphql` file of `queries/` is a document.
const FRAGMENTS: &str = "queries/fragments";

fn main() -> io::Result<()> {
    let out = PathBuf::from(
        env::var_os("OUT_DIR").ok_or_else(|| io::Error::other("OUT_DIR is not set"))?,
    );
    texts::write(&out)?;
    println!("cargo::rerun-if-changed=queries");
    let shared = shared_fragments()?;
    let readable = out.join("readable");
    fs::create_dir_all(&readable)?;
    let mut checks = String::from("checked! {\n");
    for path in graphql_files(Path::new("queries"))? {
        let name = path
            .file_name()
            .ok_or_else(|| io::Error::other("no file name"))?;
        let document = with_fragments(&fs::read_to_string(&path)?, &shared)
            .map_err(|missing| io::Error::other(format!("{}: {missing}", path.display())))?;
        fs::write(out.join(name), compact(&document))?;
        fs::write(readable.join(name), &document)?;
        let checked = from_manifest(&readable.join(name))?;
        for operation in operations(&document) {
            checks.push_str(&format!("    {operation} = {checked:?};\n"));
        }
    }
    checks.push_str("}\n");
    fs::write(out.join("checked.rs"), checks)
}

/// The `.graphql` files directly in `dir`, by name.
fn graphql_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "graphql") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Every fragment of `queries/fragments/`, by name, with its text.
fn shared_fragments() -> io::Result<BTreeMap<String, String>> {
    let mut fragments = BTreeMap::new();
    for path in graphql_files(Path::new(FRAGMENTS))? {
        for (name, text) in definitions(&fs::read_to_string(&path)?) {
            if fragments.insert(name.clone(), text).is_some() {
                return Err(io::Error::other(format!(
                    "fragment {name} is defined twice"
                )));
            }
        }
    }
    Ok(fragments)
}

/// `document` and, after it, each shared fragment it spreads but does not define, and those
/// these spread in turn; an error names a fragment defined nowhere.
fn with_fragments(document: &str, shared: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = document.trim_end().to_owned();
    loop {
        let defined: Vec<String> = definitions(&out).into_iter().map(|(n, _)| n).collect();
        let Some(missing) = spreads(&out).into_iter().find(|s| !defined.contains(s)) else {
            return Ok(out + "\n");
        };
        let text = shared
            .get(&missing)
            .ok_or_else(|| format!("no fragment {missing} here or in {FRAGMENTS}"))?;
        out.push_str("\n\n");
        out.push_str(text);
    }
}

/// The text of `document` without `#` comments (the app's documents hold no strings).
fn uncommented(document: &str) -> String {
    document
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level definitions of `document` that start with `keyword`, each with where it
/// starts, its name and its whole text (from the keyword to its closing brace).
fn top_level<'a>(document: &'a str, keyword: &str) -> Vec<(usize, String, &'a str)> {
    let bytes = document.as_bytes();
    let mut found = Vec::new();
    let (mut depth, mut start) = (0_usize, None);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                // Skip the comment to the end of its line.
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some((name, from)) = start.take()
                {
                    found.push((from, name, &document[from..=i]));
                }
            }
            _ if depth == 0 && start.is_none() && bytes[i..].starts_with(keyword.as_bytes()) => {
                let before = i.checked_sub(1).map(|b| bytes[b]);
                let rest = &document[i + keyword.len()..];
                if before.is_none_or(|b| !is_name_byte(b)) && rest.starts_with([' ', '\n', '\t']) {
                    start = Some((name_at(rest.trim_start()).to_owned(), i));
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The fragments `document` defines, by name, with their text.
fn definitions(document: &str) -> Vec<(String, String)> {
    top_level(document, "fragment")
        .into_iter()
        .map(|(_, name, text)| (name, text.to_owned()))
        .collect()
}

/// The names of the operations `document` defines.
fn operations(document: &str) -> Vec<String> {
    let mut named: Vec<(usize, String)> = ["query", "mutation", "subscription"]
        .into_iter()
        .flat_map(|keyword| {
            top_level(document, keyword)
                .into_iter()
                .map(|(at, name, _)| (at, name))
        })
        .collect();
    named.sort();
    named.into_iter().map(|(_, name)| name).collect()
}

/// The names of the fragments `document` spreads (`...Name`, not `... on Type`), each once.
fn spreads(document: &str) -> Vec<String> {
    let text = uncommented(document);
    let mut names: Vec<String> = Vec::new();
    for part in text.split("...").skip(1) {
        let name = name_at(part.trim_start());
        if !name.is_empty() && name != "on" && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// The GraphQL name `text` starts with (empty when it starts with something else).
fn name_at(text: &str) -> &str {
    let end = text
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .unwrap_or(text.len());
    &text[..end]
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `path` as the GraphQL derive of the checks wants it: relative to this crate's folder (it
/// joins the two with a `/`), climbing to the root and down to `OUT_DIR`.
fn from_manifest(path: &Path) -> io::Result<String> {
    let manifest = PathBuf::from(
        env::var_os("CARGO_MANIFEST_DIR")
            .ok_or_else(|| io::Error::other("CARGO_MANIFEST_DIR is not set"))?,
    );
    // `..` climbs the real folders, so count those of the folder the links lead to too.
    let depth = manifest
        .components()
        .count()
        .max(fs::canonicalize(&manifest)?.components().count());
    let up = "../".repeat(depth);
    let down = path
        .to_str()
        .ok_or_else(|| io::Error::other("OUT_DIR is not UTF-8"))?
        .trim_start_matches('/');
    Ok(format!("{up}{down}"))
}

/// `document` without `#` comments, with one space at most between tokens and none next to
/// punctuation. The app's documents hold no string literals, so a `#` always starts a comment.
fn compact(document: &str) -> String {
    let text = uncommented(document);
    let mut out = String::new();
    for word in text.split_whitespace() {
        let glued = |c: Option<char>| c.is_some_and(|c| "{}():,!=[]".contains(c));
        if !out.is_empty() && !glued(out.chars().last()) && !glued(word.chars().next()) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
