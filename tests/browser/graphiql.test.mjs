// Browser tests of GraphiQL at `/graphiql`: the page Verbund serves from its own bundle, in
// headless Chromium against the real server, with every request to another host refused and
// recorded — the page must work on a network that reaches nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, screenshot } from './harness.mjs';
import { AppPage, GraphiQLPage } from './pages.mjs';

const MEMBERS = readFileSync(
  new URL('../../frontend/graphiql/examples/members.graphql', import.meta.url),
  'utf8',
);

let server;
let browser;
let page;
let graphiql;
/** Every address outside the test server the browser tried to reach, in order. */
const elsewhere = [];
/** Every WebSocket the page opened to the test server: its address, protocols and messages. */
const sockets = [];

/**
 * Refuses and records whatever `context` asks of another host (requests and WebSockets).
 * WebSockets to `baseUrl` meet a stand-in that speaks `graphql-transport-ws`: the server
 * has no subscriptions yet, the client must be ready for them.
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
    ws.onMessage((text) => {
      const message = JSON.parse(text);
      socket.messages.push(message);
      if (message.type === 'connection_init') {
        ws.send(JSON.stringify({ type: 'connection_ack' }));
      } else if (message.type === 'subscribe') {
        const data = { memberJoined: { name: 'Stadt Hagenow' } };
        ws.send(JSON.stringify({ id: message.id, type: 'next', payload: { data } }));
        ws.send(JSON.stringify({ id: message.id, type: 'complete' }));
      }
    });
  });
}

/** Collects the page's Content-Security-Policy violations in `window.violations`. */
async function watchPolicy(context) {
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await confine(browser.context, server.baseUrl);
  await watchPolicy(browser.context);
  page = await browser.context.newPage();
  // Staff reach GraphiQL signed in through the app in the same browser.
  await new AppPage(page, server.baseUrl).openAs('/', 'demo-viewer', server.passwords);
  graphiql = new GraphiQLPage(page, server.baseUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('GraphiQL comes from Verbund alone, under a policy without inline scripts', async () => {
  const response = await graphiql.open();
  assert.equal(response.status(), 200);
  const policy = response.headers()['content-security-policy'] ?? '';
  assert.match(policy, /script-src 'self'(;|$)/);
  assert.match(policy, /connect-src 'self'(;|$)/);
  assert.deepEqual(await graphiql.tabNames(), ['MembersAsOf', 'ContractDeadlines', 'CoverageMatrix']);
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

test('a subscription goes over a WebSocket at /graphql with graphql-transport-ws', async () => {
  await graphiql.open();
  await graphiql.newTab('subscription MemberJoined { memberJoined { name } }');
  await graphiql.setHeaders('{"Authorization": "Bearer vbd_example"}');
  const shown = await graphiql.run('Stadt Hagenow');
  assert.match(shown, /"memberJoined"/);
  // The app's own socket (its live feed, opened on an app page before) is not GraphiQL's.
  const graphiqls = sockets.filter((s) => !s.messages.some((m) => m.id === 'live'));
  assert.equal(graphiqls.length, 1, JSON.stringify(sockets));
  const [socket] = graphiqls;
  assert.equal(socket.url, `${server.baseUrl.replace(/^http/, 'ws')}/graphql`);
  assert.deepEqual(socket.protocols, ['graphql-transport-ws']);
  const [init, subscribe] = socket.messages;
  assert.equal(init.type, 'connection_init');
  // The headers editor's contents reach the server as connection parameters.
  assert.equal(init.payload?.Authorization, 'Bearer vbd_example');
  assert.equal(subscribe.type, 'subscribe');
  assert.match(subscribe.payload.query, /subscription MemberJoined/);
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
