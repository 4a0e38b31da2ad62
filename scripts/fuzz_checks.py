"""The fuzz run's own check (loaded by scripts/fuzz through SCHEMATHESIS_HOOKS).

An answer is clean when it is not a 5xx, when every GraphQL error in it carries one of the
API's expected codes (an input error, a refusal, a conflict; never INTERNAL, never an error
without a code, never an "internal" message), and, for an answer without errors, when no
field that the schema declares non-null came back null (the answer is checked against the
committed SDL with graphql-core, which schemathesis brings along).
"""

import pathlib

import graphql
import schemathesis

EXPECTED = {
    "BAD_USER_INPUT",
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "CONFLICT",
    "RATE_LIMITED",
}
SDL = pathlib.Path(__file__).resolve().parent.parent / "backend" / "schema.graphql"
SCHEMA = graphql.build_schema(SDL.read_text(encoding="utf-8"))


def _query_of(case):
    body = case.body
    if isinstance(body, dict):
        return body.get("query"), body.get("variables")
    return body, None


@schemathesis.check
def verbund_answers_cleanly(ctx, response, case):
    """No 5xx, only expected error codes, no null in a non-null field."""
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}: {response.text[:500]}")
    try:
        body = response.json()
    except ValueError as err:
        raise AssertionError(f"the answer is not JSON: {response.text[:200]}") from err
    errors = body.get("errors") or []
    for error in errors:
        code = (error.get("extensions") or {}).get("code")
        message = str(error.get("message", ""))
        if code not in EXPECTED:
            raise AssertionError(f"unexpected error code {code!r}: {message}")
        if message.lower().startswith("internal"):
            raise AssertionError(f"internal error: {message}")
    data = body.get("data")
    query, variables = _query_of(case)
    if errors or data is None or not query:
        return None
    document = graphql.parse(query)
    if any(
        isinstance(node, graphql.FieldNode) and node.alias is not None
        for node in _walk(document)
    ):
        return None
    result = graphql.execute_sync(
        SCHEMA, document, root_value=data, variable_values=variables
    )
    for error in result.errors or []:
        if "Cannot return null for non-nullable field" in error.message:
            raise AssertionError(f"null in a non-null field: {error.message}")
    return None


def _walk(node):
    yield node
    for key in getattr(node, "keys", ()):
        value = getattr(node, key, None)
        children = value if isinstance(value, (list, tuple)) else [value]
        for child in children:
            if isinstance(child, graphql.language.Node):
                yield from _walk(child)
