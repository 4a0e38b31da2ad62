// Follows Verbund's changes as a partner system would with the `graphql-ws` client (the
// `graphql-transport-ws` protocol, as GraphiQL speaks it): signs in with a partner token in
// `connection_init`, subscribes to `registerChanged` from a cursor, makes a change over HTTP
// with a staff session once connected, and prints the event it hears; then tries a token that
// does not exist and prints how the server closed that socket.
//
//   node subscribe.mjs <url of /graphql> <token> <cursor> <session cookie> <service id> <version>
//
// Exits 0 when it heard the change and the bad token was refused, 1 otherwise.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, after, cookie, serviceId, version] = process.argv.slice(2);
const socketUrl = url.replace(/^http/, 'ws');

const fail = (why) => {
  console.error(`failed: ${why}`);
  process.exit(1);
};
setTimeout(() => fail('no answer within 10 s'), 10_000).unref();

const rename = async () => {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      query: `mutation($id: ID!, $version: Int!) {
        updateService(id: $id, version: $version, input: {code: "IT-BETRIEB-KERNVERWALTUNG",
          name: "Betrieb per graphql-ws", category: CORE_ADMINISTRATION}) { version }
      }`,
      variables: { id: serviceId, version: Number(version) },
    }),
  });
  const body = await answer.json();
  if (body.errors) fail(`the change was refused: ${JSON.stringify(body.errors)}`);
};

const client = createClient({
  url: socketUrl,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${token}` },
  retryAttempts: 0,
  on: { connected: () => rename().catch((err) => fail(err)) },
});
const events = client.iterate({
  query: `subscription($after: String) {
    registerChanged(after: $after, types: ["Service"]) { cursor recordType recordId operation version actor }
  }`,
  variables: { after },
});
for await (const event of events) {
  if (event.errors) fail(JSON.stringify(event.errors));
  const change = event.data.registerChanged;
  console.log(
    `heard ${change.operation} of ${change.recordType} ${change.recordId} version ${change.version} actor ${change.actor}`,
  );
  break;
}
await client.dispose();

const refused = await new Promise((resolve) => {
  const bad = createClient({
    url: socketUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: 'Bearer vbd_unknown' },
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => resolve(`${event.code} ${event.reason}`) },
    onNonLazyError: () => {},
  });
  bad.on('error', () => {});
});
console.log(`bad token closed with ${refused}`);
process.exit(0);
