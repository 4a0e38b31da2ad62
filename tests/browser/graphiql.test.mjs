// Browser tests of GraphiQL at `/graphiql`: the page Verbund serves from its own bundle, in
// headless Chromium against the real server, with every request to another host refused and
// recorded — the page must work on a network that reaches nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, screenshot, until } from './harness.mjs';
import { AppPage, GraphiQLPage, askIn, signedInAs, signedInFile } from './pages.mjs';

const MEMBERS = readFileSync(
  new URL('../../frontend/graphiql/examples/members.graphql', import.meta.url),
  'utf8',
);

let server;
let page;
let graphiql;
/** Every address outside the test server the browser tried to reach, in order. */
const elsewhere = [];
/** Every WebSocket the page opened to the test server: its address, protocols and messages. */
const sockets = [];

/**
 * Refuses and records whatever `context` asks of another host (requests and WebSockets).
 * WebSockets to `baseUrl` go through to the server, each recorded with its address,
 * protocols and the messages the page sent on it.
 */
async function confine(context, baseUrl) {
  const own = new URL(baseUrl);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === own.origin) return route.continue();
    elsewhere.push(url.href);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(() => true, (ws) => {
    const url = new URL(ws.url());
    if (url.host !== own.host) {
      elsewhere.push(url.href);
      ws.close();
      return;
    }
    const socket = { url: url.href, protocols: ws.protocols(), messages: [] };
    sockets.push(socket);
    const server = ws.connectToServer();
    ws.onMessage((text) => {
      socket.messages.push(JSON.parse(text));
      server.send(text);
    });
    server.onMessage((text) => ws.send(text));
    ws.onClose((code, reason) => server.close({ code, reason }));
    server.onClose((code, reason) => ws.close({ code, reason }));
  });
}

/** What the sockets the page opened carried, for a failure's message. */
const seenSockets = () => `sockets: ${JSON.stringify(sockets)}`;

/** Collects the page's Content-Security-Policy violations in `window.violations`. */
async function watchPolicy(context) {
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
}

// Staff reach GraphiQL signed in through the app in the same browser.
signedInFile('demo-viewer', (started) => {
  ({ server, page } = started);
  graphiql = new GraphiQLPage(page, server.baseUrl);
}, {
  prepare: async (context, server) => {
    await confine(context, server.baseUrl);
    await watchPolicy(context);
  },
});

test('GraphiQL comes from Verbund alone, under a policy without inline scripts', async () => {
  const response = await graphiql.open();
  assert.equal(response.status(), 200);
  const policy = response.headers()['content-security-policy'] ?? '';
  assert.match(policy, /script-src 'self'(;|$)/);
  assert.match(policy, /connect-src 'self'(;|$)/);
  assert.deepEqual(await graphiql.tabNames(), ['MembersAsOf', 'ContractDeadlines', 'CoverageMatrix', 'RegisterChanges']);
  const scripts = await page.locator('script').evaluateAll((all) =>
    all.map((script) => script.src && new URL(script.src).origin));
  assert.ok(scripts.length > 0);
  assert.deepEqual(scripts.filter((origin) => origin !== server.baseUrl), []);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(elsewhere, []);
});

test('the first example runs and its data shows in the result pane', async () => {
  await graphiql.open();
  // What the API answers to the same document, asked from the page with its session.
  const expected = await page.evaluate(async (query) => (await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query }),
  })).json(), MEMBERS);
  const { totalCount, nodes } = expected.data.members;
  assert.ok(totalCount > 0, JSON.stringify(expected));
  const shown = await graphiql.run(`"totalCount": ${totalCount}`);
  assert.match(shown, new RegExp(`"name": "${nodes[0].name}"`));
  assert.doesNotMatch(shown, /"errors"/);
  await screenshot(page, 'graphiql-1-members');
  assert.deepEqual(elsewhere, []);
});

test('the documentation explorer lists the schema\'s types, read by introspection', async () => {
  const asked = [];
  const record = (request) => {
    const url = new URL(request.url());
    const body = request.postData() ?? '';
    asked.push(url.pathname === '/graphql' && body.includes('__schema') ? 'introspection' : url.pathname);
  };
  page.on('request', record);
  await graphiql.open();
  const docs = await graphiql.docs();
  await docs.getByText('Organisation', { exact: true }).first().waitFor();
  await docs.getByText('Organisation', { exact: true }).first().click();
  // The type's page lists its fields.
  await docs.getByText('officialKey', { exact: true }).first().waitFor();
  page.off('request', record);
  assert.ok(asked.includes('introspection'), asked.join(' '));
  assert.ok(!asked.includes('/schema.graphql'), asked.join(' '));
  await screenshot(page, 'graphiql-2-docs');
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(elsewhere, []);
});

test('headers typed into the headers editor go with the request', async () => {
  await graphiql.open();
  // An unknown partner token is refused outright, though the session cookie goes along too.
  await graphiql.setHeaders('{"Authorization": "Bearer vbd_unknown"}');
  const shown = await graphiql.run('UNAUTHENTICATED');
  assert.match(shown, /The token is unknown, revoked or expired/);
  assert.deepEqual(elsewhere, []);
});

test('the subscription example runs over a WebSocket at /graphql and shows a change made elsewhere', async () => {
  await graphiql.open();
  // The session cookie signs the socket in: no headers.
  await graphiql.tab('RegisterChanges').click();
  await page.waitForFunction(() => document
    .querySelector('.graphiql-query-editor .CodeMirror')
    ?.CodeMirror.getValue()
    .includes('subscription RegisterChanges'));
  // GraphiQL takes the operation to run from where the cursor stands: until the cursor is
  // in the new tab's editor it would run the last tab's operation name (as a user sees it).
  await page.locator('.graphiql-query-editor .CodeMirror').click();
  await page.getByRole('button', { name: /^Execute query/ }).click();
  const graphiqls = () => sockets.filter((s) => !s.messages.some((m) => m.id === 'live'));
  await until(
    () => graphiqls().some((s) => s.messages.some((m) => m.type === 'subscribe')),
    'GraphiQL subscribes on its socket',
    seenSockets,
  );
  // Someone else renames a contract, in a browser of their own.
  const editor = await signedInAs(server, 'demo-editor', '/');
  try {
    const found = await askIn(editor.page, '{ contracts(first: 1) { nodes { id version title kind } } }');
    const [c] = found.data.contracts.nodes;
    const changed = await askIn(
      editor.page,
      'mutation($id: ID!, $v: Int!, $t: String!, $k: ContractKind!) { amendContract(id: $id, version: $v, input: { title: $t, kind: $k }) { version } }',
      { id: c.id, v: c.version, t: `${c.title} (aus GraphiQL gesehen)`, k: c.kind },
    );
    assert.ok(changed.data?.amendContract, JSON.stringify(changed));
    // The subscription runs on: its events come into the result pane as they are heard.
    await page.locator('.result-window').getByText('"amendContract"').first().waitFor();
    const shown = await graphiql.result();
    assert.match(shown, /"recordType": "Contract"/);
    assert.match(shown, new RegExp(`"version": ${changed.data.amendContract.version}`));
  } finally {
    await editor.browser.close();
  }
  const [socket, ...more] = graphiqls();
  assert.equal(more.length, 0, JSON.stringify(sockets));
  assert.equal(socket.url, `${server.baseUrl.replace(/^http/, 'ws')}/graphql`);
  assert.deepEqual(socket.protocols, ['graphql-transport-ws']);
  const [init, subscribe] = socket.messages;
  assert.equal(init.type, 'connection_init');
  assert.equal(subscribe.type, 'subscribe');
  assert.match(subscribe.payload.query, /subscription RegisterChanges/);
  await screenshot(page, 'graphiql-3-subscription');
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(elsewhere, []);
});

test('a token typed into the headers editor goes with the socket\'s connection_init, and an unknown one is refused', async () => {
  await graphiql.open();
  await graphiql.newTab('subscription Desk { deadlinesChanged { change } }');
  await graphiql.setHeaders('{"Authorization": "Bearer vbd_unknown"}');
  const before = sockets.length;
  await page.getByRole('button', { name: /^Execute query/ }).click();
  await until(
    () => sockets.slice(before).some((s) => s.messages.some((m) => m.type === 'connection_init')),
    'GraphiQL opens a socket',
    seenSockets,
  );
  // The headers editor's contents reach the server as connection parameters, and the
  // server refuses the unknown token; GraphiQL says so.
  const init = sockets.slice(before).flatMap((s) => s.messages).find((m) => m.type === 'connection_init');
  assert.equal(init.payload?.Authorization, 'Bearer vbd_unknown');
  await page.locator('.result-window').getByText(/4401 UNAUTHENTICATED: the token is unknown, revoked or expired/).first().waitFor();
  assert.deepEqual(elsewhere, []);
});

test('in production only a signed-in admin gets GraphiQL and its files', async () => {
  const production = await startServer({ args: ['--production'] });
  const visitors = [];
  try {
    const paths = async (context) => {
      const script = await page.locator('script[src]').first().getAttribute('src');
      const statuses = [];
      for (const path of ['/graphiql', script, '/graphiql/index.html']) {
        statuses.push((await context.request.get(production.baseUrl + path)).status());
      }
      return statuses;
    };
    const anonymous = await launchBrowser();
    visitors.push(anonymous);
    assert.deepEqual(await paths(anonymous.context), [404, 404, 404]);
    for (const [name, expected] of [['demo-viewer', 404], ['demo-admin', 200]]) {
      const visitor = await launchBrowser();
      visitors.push(visitor);
      await confine(visitor.context, production.baseUrl);
      const tab = await visitor.context.newPage();
      await new AppPage(tab, production.baseUrl).openAs('/', name, production.passwords);
      assert.deepEqual(await paths(visitor.context), [expected, expected, expected], name);
      if (expected === 200) {
        const admin = new GraphiQLPage(tab, production.baseUrl);
        await admin.open();
        await admin.run('"totalCount"');
      }
    }
  } finally {
    for (const visitor of visitors) await visitor.close();
    await production.stop();
  }
  assert.deepEqual(elsewhere, []);
});
