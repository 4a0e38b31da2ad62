//! GraphiQL at `/graphiql`, served by this server alone: the page and its files come from the
//! bundle that `cargo run -p xtask -- web` writes into the web dir (`graphiql/` there), so it
//! works on networks that reach no other host. Without the bundle the page says how to build
//! it. In production only admins get either (see `developer_page`).

use std::{path::PathBuf, sync::Arc};

use axum::{
    Extension, Router,
    extract::{Path, Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{Html, IntoResponse, Response},
    routing::get,
};
use tower_http::services::ServeFile;

use super::AppState;
use super::pages::developer_page;

/// What the page may load and talk to: scripts only from this server's files (none inline),
/// requests and WebSockets only to this origin. Styles need `'unsafe-inline'`: while one of
/// GraphiQL's dialogs or menus is open, it adds a `<style>` element that keeps the page behind
/// from scrolling. Its fonts are inline (`data:`) in its stylesheet.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    font-src 'self' data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";

/// Where GraphiQL's bundle lies: `graphiql/` in the web dir.
#[derive(Debug, Clone)]
pub struct Bundle(Arc<PathBuf>);

impl Bundle {
    /// The bundle in the web dir the app is served from.
    pub fn in_web_dir(web_dir: &std::path::Path) -> Self {
        Self(Arc::new(web_dir.join("graphiql")))
    }
}

/// `/graphiql` and the files it loads from `/graphiql/`. The bundle comes as an
/// [`Extension`]; a router without one answers the page that says how to build it.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/graphiql", get(page))
        .route("/graphiql/{file}", get(file))
}

async fn page(
    State(state): State<AppState>,
    bundle: Option<Extension<Bundle>>,
    request: Request,
) -> Response {
    if !developer_page(&state, request.headers()).await {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(Extension(Bundle(dir))) = bundle else {
        return not_built();
    };
    let mut response = serve(dir.join("index.html"), request).await;
    if response.status() == StatusCode::NOT_FOUND {
        return not_built();
    }
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(POLICY),
    );
    // The page names its files by their content: after a new build it must be asked again.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// One of the bundle's files; their names change with their content, so they keep.
async fn file(
    State(state): State<AppState>,
    bundle: Option<Extension<Bundle>>,
    Path(name): Path<String>,
    request: Request,
) -> Response {
    if name == "index.html" {
        return page(State(state), bundle, request).await;
    }
    if !is_bundle_file(&name) || !developer_page(&state, request.headers()).await {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(Extension(Bundle(dir))) = bundle else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut response = serve(dir.join(&name), request).await;
    if response.status().is_success() {
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, max-age=31536000, immutable"),
        );
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
    }
    response
}

/// A plain file name such as `graphiql-5WCKA6DV.css`: no way out of the bundle's folder.
fn is_bundle_file(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `path` as the answer to `request` (conditional and HEAD requests included); 404 when it
/// is missing.
async fn serve(path: PathBuf, request: Request) -> Response {
    match ServeFile::new(&path).try_call(request).await {
        Ok(response) => response.map(axum::body::Body::new),
        Err(err) => {
            tracing::error!(error = %err, path = %path.display(), "reading GraphiQL's bundle failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The page in place of GraphiQL while its bundle is not built. It loads nothing.
fn not_built() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'"),
        )],
        Html(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Verbund GraphiQL</title>\
             <h1>GraphiQL is not built</h1>\
             <p>This server serves GraphiQL from the web app's folder (<code>--web-dir</code>), \
             where it is not. Build it (this needs Node.js and npm) with \
             <pre>cargo run -p xtask -- web --release</pre>\
             <p>and restart the server with <code>--web-dir frontend/dist</code>. \
             Meanwhile any GraphQL client works with <code>/graphql</code> and the schema at \
             <a href=\"/schema.graphql\"><code>/schema.graphql</code></a>.",
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_file_names_are_served() {
        for name in ["graphiql-5WCKA6DV.css", "graphiql-FF7HPQLT.js.LEGAL.txt"] {
            assert!(is_bundle_file(name), "{name}");
        }
        for name in [
            "", "..", ".", ".hidden", "a/b", "..%2f", "a\\b", "ä.js", " x.js",
        ] {
            assert!(!is_bundle_file(name), "{name}");
        }
    }
}
