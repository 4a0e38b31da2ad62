// GraphiQL for Verbund's API, set up for this server: queries and mutations go to
// `/graphql` on this origin with the session cookie, subscriptions over a WebSocket at the
// same path (protocol `graphql-transport-ws`), and one example per area in its own tab (the
// last one a subscription to the register's changes).
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import './page.css';
import members from '../examples/members.graphql';
import contracts from '../examples/contracts.graphql';
import coverage from '../examples/coverage.graphql';
import changes from '../examples/changes.graphql';

const endpoint = new URL('/graphql', window.location.href);
const socket = new URL(endpoint);
socket.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

const fetcher = createGraphiQLFetcher({
  url: endpoint.href,
  // The toolkit opens a `graphql-ws` client (protocol `graphql-transport-ws`) for
  // subscription operations only; the headers editor's contents go along as its
  // connection parameters, so a partner's `Authorization` reaches the server there too.
  subscriptionUrl: socket.href,
  // Staff are signed in by the session cookie, which must never go to another origin.
  fetch: (input, init) => window.fetch(input, { ...init, credentials: 'same-origin' }),
});

// GraphiQL reads the schema by introspection through the same fetcher, so the documentation
// explorer shows what the server tells the caller: in production only admins are told.
createRoot(document.getElementById('graphiql')).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={[{ query: members }, { query: contracts }, { query: coverage }, { query: changes }]}
    // Partners try their token here: `{"Authorization": "Bearer vbd_…"}`. Headers are not
    // kept in the browser's storage, so a token is gone with the tab.
    isHeadersEditorEnabled
    shouldPersistHeaders={false}
  />,
);
