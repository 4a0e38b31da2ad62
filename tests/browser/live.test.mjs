// Browser tests: the app is live. Two people, each in a browser of their own: one looks at a
// contract (and at the contract list) while the other changes it; the first hears of it over
// the app's WebSocket, keeps what was typed, and loads the change when asking for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, seriousViolations, screenshot, until } from './harness.mjs';
import { AppPage, askIn, signedInAs } from './pages.mjs';

let server;
let watcher;
let changer;
/** The contract the tests change (its global ID), found by the first. */
let contractId;

before(async () => {
  server = await startServer();
  watcher = await signedInAs(server, 'demo-admin', '/contracts?asOf=2018-10-01');
  changer = await signedInAs(server, 'demo-editor', '/');
});

after(async () => {
  await watcher?.browser.close();
  await changer?.browser.close();
  await server?.stop();
});

/** The other person renames contract `id` (with its own session) and answers the new title. */
async function rename(id, suffix) {
  const now = await askIn(changer.page, 'query($id: ID!) { node(id: $id) { ... on Contract { version title kind } } }', { id });
  const c = now.data.node;
  const title = `${c.title.replace(/ \(.*\)$/, '')} (${suffix})`;
  const answer = await askIn(
    changer.page,
    'mutation($id: ID!, $v: Int!, $t: String!, $k: ContractKind!) { amendContract(id: $id, version: $v, input: { title: $t, kind: $k }) { version } }',
    { id, v: c.version, t: title, k: c.kind },
  );
  assert.ok(answer.data?.amendContract, JSON.stringify(answer));
  return title;
}

/** The live region of the page that tells of changes made elsewhere. */
function notice(page) {
  return page.locator('main .live-notice');
}

test('a contract changed by someone else is announced with who and when, and reloads on request', async () => {
  const { page, app } = watcher;
  await app.open('/contracts?asOf=2018-10-01');
  await page.getByRole('link', { name: /Stadt Neustadt-Glewe/ }).first().click();
  await app.settled();
  const id = decodeURIComponent(page.url().split('/contracts/')[1].split('?')[0]);
  contractId = id;
  const before = await app.heading();
  assert.equal(await notice(page).getAttribute('role'), 'status');
  assert.equal(await notice(page).getAttribute('aria-live'), 'polite');

  // The watcher starts to edit; what is typed stays when the notice comes.
  await page.getByText('Vertrag bearbeiten').click();
  await page.getByLabel('Titel', { exact: true }).fill('Noch nicht gespeichert');
  // Give the socket a moment to subscribe before the change is made.
  await page.waitForTimeout(500);
  const title = await rename(id, 'von anderer Stelle');

  const said = notice(page).getByText(/^Geändert von demo-editor um \d{2}:\d{2} — neu laden/);
  await said.waitFor({ timeout: 5000 });
  assert.equal(await page.getByLabel('Titel', { exact: true }).inputValue(), 'Noch nicht gespeichert');
  assert.equal(await app.heading(), before, 'the page does not reload by itself');
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, '40-live-notice');

  await notice(page).getByRole('button', { name: 'Neu laden' }).click();
  await page.locator('main h1', { hasText: title }).waitFor();
  assert.equal(await notice(page).innerText(), '');
});

test('one\'s own change is not announced', async () => {
  const { page, app } = watcher;
  const id = contractId;
  const now = await askIn(page, 'query($id: ID!) { node(id: $id) { ... on Contract { version title kind } } }', { id });
  const c = now.data.node;
  const mine = await askIn(
    page,
    'mutation($id: ID!, $v: Int!, $t: String!, $k: ContractKind!) { amendContract(id: $id, version: $v, input: { title: $t, kind: $k }) { version } }',
    { id, v: c.version, t: `${c.title} (selbst)`, k: c.kind },
  );
  assert.ok(mine.data?.amendContract, JSON.stringify(mine));
  // The server hears its own commits at once; the feed has had time to deliver it.
  await page.waitForTimeout(1500);
  assert.equal(await notice(page).innerText(), '');
  // Someone else's change after it is heard: the socket was listening all along.
  await rename(id, 'wieder anders');
  await notice(page).getByText(/Geändert von demo-editor/).waitFor({ timeout: 5000 });
  await app.open(page.url().replace(server.baseUrl, ''));
});

test('the contract list hints at new changes and reloads on request', async () => {
  const { page, app } = watcher;
  const id = contractId;
  await app.open('/contracts?asOf=2018-10-01');
  assert.equal(await notice(page).innerText(), '');
  await page.waitForTimeout(500);
  const title = await rename(id, 'neu in der Liste');
  await notice(page).getByText('Neue Änderungen — neu laden, um sie zu sehen.').waitFor({ timeout: 5000 });
  assert.deepEqual(await seriousViolations(page), []);
  await notice(page).getByRole('button', { name: 'Neu laden' }).click();
  await page.locator('main table').getByText(title).waitFor();
});

test('a dropped socket comes back and goes on after the last change it heard', async () => {
  // A third person, whose tab's socket passes through the test so it can be cut.
  const viewer = await launchBrowser();
  try {
    const page = await viewer.context.newPage();
    const sockets = [];
    const sent = [];
    const heard = [];
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((m) => { sent.push(JSON.parse(m)); upstream.send(m); });
      upstream.onMessage((m) => { heard.push(JSON.parse(m)); ws.send(m); });
      ws.onClose(() => upstream.close());
      sockets.push({ ws, upstream });
    });
    const app = new AppPage(page, server.baseUrl);
    const id = contractId;
    await app.openAs(`/contracts/${encodeURIComponent(id)}?asOf=2018-10-01`, 'demo-viewer', server.passwords);
    // The register's subscription (the desk's, for the header's count, goes along).
    const subscribes = () => sent.filter((m) => m.type === 'subscribe' && m.id === 'live');
    const subscribed = (n) => until(() => subscribes().length >= n, `subscription ${n}`);
    await subscribed(1);
    assert.deepEqual(sent.slice(0, 2).map((m) => m.type), ['connection_init', 'subscribe']);
    assert.deepEqual(sent[0].payload, {}, 'the cookie signs in, not the payload');
    assert.equal(sent[1].payload.variables.after, null);

    await rename(id, 'vor der Unterbrechung');
    await notice(page).getByText(/Geändert von demo-editor/).waitFor({ timeout: 5000 });
    const last = heard.filter((m) => m.type === 'next' && m.id === 'live').at(-1).payload.data.registerChanged;
    await notice(page).getByRole('button', { name: 'Neu laden' }).click();
    await page.locator('main h1', { hasText: 'vor der Unterbrechung' }).waitFor();

    // The connection drops; a change made meanwhile is heard when it comes back.
    sockets[0].ws.close({ code: 4000, reason: 'cut by the test' });
    const title = await rename(id, 'während der Unterbrechung');
    await subscribed(2);
    assert.equal(sockets.length, 2, 'one new socket');
    assert.equal(subscribes().at(-1).payload.variables.after, last.cursor);
    await notice(page).getByText(/Geändert von demo-editor/).waitFor({ timeout: 5000 });
    await notice(page).getByRole('button', { name: 'Neu laden' }).click();
    await page.locator('main h1', { hasText: title }).waitFor();
  } finally {
    await viewer.close();
  }
});
