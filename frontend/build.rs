//! Writes the app's GraphQL documents without comments and needless blanks into `OUT_DIR`:
//! the wasm carries them as text, and the server reads them the same either way.

use std::{env, fs, io, path::Path};

fn main() -> io::Result<()> {
    let out = env::var_os("OUT_DIR").ok_or_else(|| io::Error::other("OUT_DIR is not set"))?;
    println!("cargo::rerun-if-changed=queries");
    for entry in fs::read_dir("queries")? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "graphql") {
            let text = fs::read_to_string(&path)?;
            let name = path
                .file_name()
                .ok_or_else(|| io::Error::other("no file name"))?;
            fs::write(Path::new(&out).join(name), compact(&text))?;
        }
    }
    Ok(())
}

/// `document` without `#` comments, with one space at most between tokens and none next to
/// punctuation. The app's documents hold no string literals, so a `#` always starts a comment.
fn compact(document: &str) -> String {
    let words: Vec<&str> = document
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .flat_map(str::split_whitespace)
        .collect();
    let mut out = String::new();
    for word in words {
        let glued = |c: Option<char>| c.is_some_and(|c| "{}():,!=[]".contains(c));
        if !out.is_empty() && !glued(out.chars().last()) && !glued(word.chars().next()) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
