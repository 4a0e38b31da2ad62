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

/// One language's words of a text.
#[derive(PartialEq, Eq)]
enum Words {
    One(String),
    List(Vec<String>),
    /// Codes, the same in every language, each with its label.
    Pairs(Vec<(String, String)>),
}

impl Words {
    /// The words of a value of a file, if it is of a shape a text has.
    fn of(value: &Value) -> Option<Self> {
        let items = match value {
            Value::String(s) => return Some(Self::One(s.clone())),
            Value::Array(items) => items,
            _ => return None,
        };
        let strings: Option<Vec<String>> = items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect();
        if let Some(strings) = strings {
            return Some(Self::List(strings));
        }
        let pair = |i: &Value| match i.as_array()?.as_slice() {
            [a, b] => Some((a.as_str()?.to_owned(), b.as_str()?.to_owned())),
            _ => None,
        };
        items
            .iter()
            .map(pair)
            .collect::<Option<_>>()
            .map(Self::Pairs)
    }

    /// Its Rust type, which is also its shape: two languages' words of a text have the same.
    fn rust_type(&self) -> String {
        match self {
            Self::One(_) => "&'static str".into(),
            Self::List(items) => format!("[&'static str; {}]", items.len()),
            Self::Pairs(items) => format!("[(&'static str, &'static str); {}]", items.len()),
        }
    }

    /// Its Rust literal.
    fn literal(&self) -> String {
        match self {
            Self::One(s) => format!("{s:?}"),
            Self::List(items) => format!("{items:?}"),
            Self::Pairs(items) => format!("{items:?}"),
        }
    }

    /// Every string of it, in order (a pair's code, then its label).
    fn strings(&self) -> Vec<&str> {
        match self {
            Self::One(s) => vec![s],
            Self::List(items) => items.iter().map(String::as_str).collect(),
            Self::Pairs(items) => items
                .iter()
                .flat_map(|(a, b)| [a.as_str(), b.as_str()])
                .collect(),
        }
    }

    /// The codes of a list of pairs; none for other words.
    fn codes(&self) -> Vec<&str> {
        match self {
            Self::Pairs(items) => items.iter().map(|(code, _)| code.as_str()).collect(),
            _ => Vec::new(),
        }
    }
}

/// One text of a table.
struct Text {
    name: String,
    doc: Option<String>,
    /// Whether a language may leave it out (then it is one string in the others).
    optional: bool,
    /// Its words per language, as in [`LANGS`]; `None` only for an optional text.
    values: Vec<Option<Words>>,
}

impl Text {
    /// The Rust type of its field.
    fn rust_type(&self) -> String {
        match self.values.iter().flatten().next() {
            _ if self.optional => "Option<&'static str>".into(),
            Some(words) => words.rust_type(),
            None => "&'static str".into(),
        }
    }

    /// The Rust literal of its words in the `i`-th language.
    fn literal(&self, i: usize) -> String {
        match &self.values[i] {
            Some(words) if self.optional => format!("Some({})", words.literal()),
            Some(words) => words.literal(),
            None => "None".into(),
        }
    }
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
    for (lang, _) in LANGS {
        match entry.remove(lang) {
            Some(value) => {
                let words = Words::of(&value)
                    .ok_or_else(|| format!("`{lang}` is of no shape a text has"))?;
                values.push(Some(words));
            }
            None if optional => values.push(None),
            None => return Err(format!("no `{lang}`")),
        }
    }
    if let Some(key) = entry.keys().next() {
        return Err(format!("unknown key `{key}`"));
    }
    let present: Vec<&Words> = values.iter().flatten().collect();
    let same_shape = present
        .windows(2)
        .all(|w| w[0].rust_type() == w[1].rust_type());
    if !same_shape || optional && present.iter().any(|w| !matches!(w, Words::One(_))) {
        return Err("the languages differ in shape (a text, a list, its length)".into());
    }
    if present.windows(2).any(|w| w[0].codes() != w[1].codes()) {
        return Err("the languages' pairs differ in their first words (the codes)".into());
    }
    Ok(Text {
        name: name.to_owned(),
        doc,
        optional,
        values,
    })
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
        let _ = writeln!(code, "    pub {}: {},", text.name, text.rust_type());
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
            let _ = writeln!(code, "    {}: {},", text.name, text.literal(i));
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

/// Adds each text of `part` to `EVERY_TEXT`: its place, German, English (each string of a list
/// or pair on its own; an optional text only where both languages have it).
fn listed(every: &mut String, part: &Part) {
    for text in &part.texts {
        let [Some(de), Some(en)] = &text.values[..] else {
            continue;
        };
        for (n, (de, en)) in de.strings().iter().zip(en.strings()).enumerate() {
            let place = format!("{}.{}.{n}", part.stem, text.name);
            let _ = writeln!(every, "    ({place:?}, {de:?}, {en:?}),");
        }
    }
}
