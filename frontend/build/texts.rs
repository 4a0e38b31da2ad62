//! Makes the app's text tables (`texts/*.toml`) into Rust: `OUT_DIR/texts.rs`, which
//! `src/i18n/mod.rs` includes.
//!
//! `texts/app.toml` is the table `Texts`; every other file is a part of it, named by its file
//! (`account.toml`: the field `account` of type `AccountTexts`). A file's `doc` says what its
//! table holds; each `[name]` below is one text with its German (`de`) and English (`en`)
//! words and an optional `doc`. A text is one string, a list of strings, or a list of pairs
//! (`[["CONTRACT", "Vertrag"], …]`: a code, the same in every language, and its label);
//! `optional = true` lets a language leave it out. Each language is one `static` per table
//! (`ACCOUNT_DE`, `ACCOUNT_EN`; the root's `DE`, `EN`), so the app reads a text as a field, and
//! a text that is missing, misspelt or of another shape in one language fails the build with
//! the file and the text named.
//!
//! For the tests, `EVERY_TEXT` lists each text's place with its German and English words.

use std::{fmt::Write as _, fs, io, path::Path};

use toml::{Table, Value};

/// The folder of the tables.
const FOLDER: &str = "texts";
/// The file of the root table.
const ROOT: &str = "app";
/// The languages: their key in the files and the suffix of their statics.
const LANGS: [(&str, &str); 2] = [("de", "DE"), ("en", "EN")];

/// What a text is, the same in every language.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    Text,
    Optional,
    List(usize),
    Pairs(usize),
}

/// One text of a table.
struct Text {
    name: String,
    doc: Option<String>,
    shape: Shape,
    /// Its value per language, as in [`LANGS`]; `None` only for an optional text.
    values: Vec<Option<Value>>,
}

/// One file of `texts/`.
struct Part {
    stem: String,
    doc: String,
    texts: Vec<Text>,
}

/// Writes `texts.rs` into `out`.
pub fn write(out: &Path) -> io::Result<()> {
    println!("cargo::rerun-if-changed={FOLDER}");
    let mut root = None;
    let mut parts = Vec::new();
    let mut files: Vec<_> = fs::read_dir(FOLDER)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    files.sort();
    for path in files {
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let part = read(&path).map_err(|e| io::Error::other(format!("{}: {e}", path.display())))?;
        if part.stem == ROOT {
            root = Some(part);
        } else {
            parts.push(part);
        }
    }
    let root = root.ok_or_else(|| io::Error::other(format!("{FOLDER}/{ROOT}.toml is missing")))?;
    let mut code = String::new();
    let mut every = String::from(
        "/// Every text by its place, with its German and English words.\n\
         #[cfg(test)]\npub(crate) const EVERY_TEXT: &[(&str, &str, &str)] = &[\n",
    );
    for part in &parts {
        table(&mut code, part, &[]);
        listed(&mut every, part);
    }
    table(&mut code, &root, &parts);
    listed(&mut every, &root);
    every.push_str("];\n");
    fs::write(out.join("texts.rs"), code + &every)
}

/// Reads one file of `texts/`.
fn read(path: &Path) -> Result<Part, String> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| is_name(s))
        .ok_or("the file's name is no lower-case Rust name")?
        .to_owned();
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let file: Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    let mut doc = None;
    let mut texts = Vec::new();
    for (name, value) in file {
        match (name.as_str(), value) {
            ("doc", Value::String(d)) => doc = Some(d),
            (_, Value::Table(entry)) if is_name(&name) => {
                let text = entry_of(&name, entry).map_err(|e| format!("[{name}]: {e}"))?;
                texts.push(text);
            }
            _ => return Err(format!("`{name}` is neither `doc` nor a text `[{name}]`")),
        }
    }
    let doc = doc.ok_or("no `doc` saying what the table holds")?;
    Ok(Part { stem, doc, texts })
}

/// One text `[name]`.
fn entry_of(name: &str, mut entry: Table) -> Result<Text, String> {
    let doc = match entry.remove("doc") {
        None => None,
        Some(Value::String(d)) => Some(d),
        Some(_) => return Err("`doc` is no string".into()),
    };
    let optional = match entry.remove("optional") {
        None => false,
        Some(Value::Boolean(b)) => b,
        Some(_) => return Err("`optional` is neither true nor false".into()),
    };
    let mut values = Vec::new();
    let mut shapes = Vec::new();
    for (lang, _) in LANGS {
        match entry.remove(lang) {
            Some(value) => {
                shapes.push(
                    shape_of(&value)
                        .ok_or_else(|| format!("`{lang}` is of no shape a text has"))?,
                );
                values.push(Some(value));
            }
            None if optional => values.push(None),
            None => return Err(format!("no `{lang}`")),
        }
    }
    if let Some(key) = entry.keys().next() {
        return Err(format!("unknown key `{key}`"));
    }
    let shape = match shapes.first() {
        _ if optional && shapes.iter().all(|s| *s == Shape::Text) => Shape::Optional,
        Some(first) if shapes.iter().all(|s| s == first) && !optional => *first,
        _ => return Err("the languages differ in shape (a text, a list, its length)".into()),
    };
    // A list of pairs maps codes to labels: the codes are the same in every language.
    let codes = |v: &Option<Value>| -> Vec<String> {
        let items = v
            .as_ref()
            .and_then(Value::as_array)
            .map_or(&[][..], |a| a.as_slice());
        items
            .iter()
            .filter_map(pair)
            .map(|(code, _)| code.to_owned())
            .collect()
    };
    if matches!(shape, Shape::Pairs(_)) && values.iter().any(|v| codes(v) != codes(&values[0])) {
        return Err("the languages' pairs differ in their first words (the codes)".into());
    }
    Ok(Text {
        name: name.to_owned(),
        doc,
        shape,
        values,
    })
}

/// The shape of one language's `value`.
fn shape_of(value: &Value) -> Option<Shape> {
    match value {
        Value::String(_) => Some(Shape::Text),
        Value::Array(items) if items.iter().all(Value::is_str) => Some(Shape::List(items.len())),
        Value::Array(items) if items.iter().all(|i| pair(i).is_some()) => {
            Some(Shape::Pairs(items.len()))
        }
        _ => None,
    }
}

/// `value` as a pair of strings.
fn pair(value: &Value) -> Option<(&str, &str)> {
    match value.as_array()?.as_slice() {
        [a, b] => Some((a.as_str()?, b.as_str()?)),
        _ => None,
    }
}

/// Whether `s` can name a field: lower-case letters, digits and `_`, not starting with a digit.
fn is_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The type of `part`'s table: `account` → `AccountTexts`, the root `Texts`.
fn type_name(stem: &str) -> String {
    if stem == ROOT {
        return "Texts".into();
    }
    let mut name = String::new();
    for word in stem.split('_') {
        let mut chars = word.chars();
        name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        name.push_str(chars.as_str());
    }
    name + "Texts"
}

/// The static of `part`'s table in the language with `suffix`.
fn static_name(stem: &str, suffix: &str) -> String {
    if stem == ROOT {
        suffix.into()
    } else {
        format!("{}_{suffix}", stem.to_ascii_uppercase())
    }
}

/// Writes the type of `part` and its statics, with a field per part of `parts`.
fn table(code: &mut String, part: &Part, parts: &[Part]) {
    let ty = type_name(&part.stem);
    let _ = writeln!(
        code,
        "#[doc = {:?}]\n#[derive(Debug)]\npub struct {ty} {{",
        part.doc
    );
    for text in &part.texts {
        if let Some(doc) = &text.doc {
            let _ = writeln!(code, "    #[doc = {doc:?}]");
        }
        let field = match text.shape {
            Shape::Text => "&'static str".into(),
            Shape::Optional => "Option<&'static str>".into(),
            Shape::List(n) => format!("[&'static str; {n}]"),
            Shape::Pairs(n) => format!("[(&'static str, &'static str); {n}]"),
        };
        let _ = writeln!(code, "    pub {}: {field},", text.name);
    }
    for other in parts {
        let _ = writeln!(code, "    #[doc = {:?}]", other.doc);
        let _ = writeln!(
            code,
            "    pub {}: &'static {},",
            other.stem,
            type_name(&other.stem)
        );
    }
    code.push_str("}\n\n");
    for (i, (lang, suffix)) in LANGS.iter().enumerate() {
        let name = static_name(&part.stem, suffix);
        let _ = writeln!(
            code,
            "/// `{ty}` in `{lang}`.\npub static {name}: {ty} = {ty} {{"
        );
        for text in &part.texts {
            let _ = writeln!(
                code,
                "    {}: {},",
                text.name,
                literal(text.shape, text.values[i].as_ref())
            );
        }
        for other in parts {
            let _ = writeln!(
                code,
                "    {}: &{},",
                other.stem,
                static_name(&other.stem, suffix)
            );
        }
        code.push_str("};\n\n");
    }
}

/// The Rust literal of one language's value.
fn literal(shape: Shape, value: Option<&Value>) -> String {
    let strings = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .filter_map(|i| i.as_str())
            .map(|s| format!("{s:?}"))
            .collect()
    };
    match (shape, value) {
        (Shape::Optional, None) => "None".into(),
        (Shape::Optional, Some(v)) => format!("Some({:?})", v.as_str().unwrap_or_default()),
        (Shape::List(_), Some(Value::Array(items))) => format!("[{}]", strings(items).join(", ")),
        (Shape::Pairs(_), Some(Value::Array(items))) => {
            let pairs: Vec<String> = items
                .iter()
                .filter_map(pair)
                .map(|(a, b)| format!("({a:?}, {b:?})"))
                .collect();
            format!("[{}]", pairs.join(", "))
        }
        (_, v) => format!("{:?}", v.and_then(Value::as_str).unwrap_or_default()),
    }
}

/// Adds each text of `part` to `EVERY_TEXT`: its place, German, English (each string of a list
/// or pair on its own; an optional text only where both languages have it).
fn listed(every: &mut String, part: &Part) {
    for text in &part.texts {
        let place = format!("{}.{}", part.stem, text.name);
        let words = |v: &Option<Value>| -> Vec<String> {
            match v {
                Some(Value::String(s)) => vec![s.clone()],
                Some(Value::Array(items)) => items
                    .iter()
                    .flat_map(|i| match i {
                        Value::String(s) => vec![s.clone()],
                        other => pair(other).map_or(vec![], |(a, b)| vec![a.into(), b.into()]),
                    })
                    .collect(),
                _ => vec![],
            }
        };
        let (de, en) = (words(&text.values[0]), words(&text.values[1]));
        for (n, (de, en)) in de.iter().zip(&en).enumerate() {
            let _ = writeln!(every, "    ({:?}, {de:?}, {en:?}),", format!("{place}.{n}"));
        }
    }
}
