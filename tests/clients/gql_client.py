"""Python's gql against Verbund: it reads the schema by introspection (graphql-core's query,
every option gql passes on), checks a query against what it read and runs it
with a partner token.

    python gql_client.py <url of /graphql> <token>

Exits 0 when the schema was read and the query answered, with a line saying what came back.
"""

import sys

from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport

url, token = sys.argv[1], sys.argv[2]
transport = RequestsHTTPTransport(url=url, headers={"Authorization": f"Bearer {token}"})
client = Client(
    transport=transport,
    fetch_schema_from_transport=True,
    introspection_args={
        "descriptions": True,
        "specified_by_url": True,
        "directive_is_repeatable": True,
        "schema_description": True,
        "input_value_deprecation": True,
    },
)
query = gql(
    """
    query MembersAsOf($asOf: Date) {
      members(asOf: $asOf, first: 50) { totalCount nodes { name kind } }
    }
    """
)
with client as session:
    result = session.execute(query, variable_values={"asOf": "2019-01-01"})
schema = client.schema
assert schema is not None, "no schema was read"
assert "Organisation" in schema.type_map, "the schema read has no Organisation"
members = result["members"]
print(
    f"gql: read {len(schema.type_map)} types; members on 2019-01-01: "
    f"{members['totalCount']} ({', '.join(node['name'] for node in members['nodes'])})"
)
