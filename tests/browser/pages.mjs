// Page objects: what a person sees on each page of the web app, found by role and text.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { launchBrowser, seriousViolations, startServer } from './harness.mjs';

/**
 * A test file's server and browser: started before its tests, one page signed in as `name`
 * at `path`, both stopped after them. `take` gets `{ server, browser, page, app }` once they
 * are there, and may prepare the file's records (the tests wait for it). `server` and
 * `browser` are the options of `startServer` and `launchBrowser`; `prepare(context, server)`
 * runs on the browser's context before the first page opens (permissions, routes). With
 * `register` (see bench-register.mjs) the server runs on that register instead, which is
 * dropped after the tests (`server` options do not apply), and nothing starts when its tests
 * are skipped.
 */
export function signedInFile(name, take, { path = '/', register, server: serverOptions, browser: browserOptions, prepare } = {}) {
  let server;
  let browser;
  before(async () => {
    if (register?.skip) return;
    server = await (register ? register.start() : startServer(serverOptions));
    browser = await launchBrowser(browserOptions);
    await prepare?.(browser.context, server);
    const page = await browser.context.newPage();
    const app = new AppPage(page, server.baseUrl);
    await app.openAs(path, name, server.passwords);
    await take({ server, browser, page, app });
  }, register ? { timeout: 180_000 } : {});
  after(async () => {
    await browser?.close();
    await server?.stop();
    register?.drop();
  });
}

export async function signedInAs(server, name, path = '/') {
  const other = await launchBrowser();
  const tab = await other.context.newPage();
  const app = new AppPage(tab, server.baseUrl);
  await app.openAs(path, name, server.passwords);
  return { browser: other, page: tab, app };
}

/**
 * Someone else at another desk: runs `change` with demo-admin signed in in a browser of its
 * own (`{ page, app }`), then closes that browser; resolves with what `change` resolves with.
 */
export async function meanwhileAsAdmin(server, change) {
  const admin = await signedInAs(server, 'demo-admin', '/');
  try {
    return await change(admin);
  } finally {
    await admin.browser.close();
  }
}

/**
 * Another desk changes the contract open on `page` first: `mutation` (named `field`) takes
 * `$id`, `$v` (the contract's version now) and `$org` (the organisation named `name`), and
 * must go through.
 */
export async function contractChangedMeanwhile(server, page, name, mutation, field) {
  await meanwhileAsAdmin(server, async ({ page: tab }) => {
    const id = decodeURIComponent(page.url().split('/contracts/')[1]);
    const orgs = await askIn(tab, 'query($name: String) { organisations(filter: {search: $name}, first: 5) { nodes { id name } } }', { name });
    const org = orgs.data.organisations.nodes.find((o) => o.name === name);
    const now = await askIn(tab, 'query($id: ID!) { node(id: $id) { ... on Contract { version } } }', { id });
    const changed = await askIn(tab, mutation, { id, v: now.data.node.version, org: org.id });
    assert.ok(changed.data?.[field], JSON.stringify(changed));
  });
}

/** Sends `query` from inside `tab` with its session, as someone else at the same desk would. */
export function askIn(tab, query, variables) {
  return tab.evaluate(async ([query, variables]) => (await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  })).json(), [query, variables]);
}

/** The `<details>` under the summary `summary` on `tab`, opened. */
export async function openForm(tab, summary) {
  const details = tab.locator('details', { has: tab.locator('summary', { hasText: summary }) });
  await details.locator('summary').click();
  return details;
}

/** Collects the GraphQL requests `tab` sends until `stop` is called. */
export function recordRequests(tab) {
  const sent = [];
  const count = (request) => { if (request.url().endsWith('/graphql')) sent.push(request.postData()); };
  tab.on('request', count);
  return { sent, stop: () => tab.off('request', count) };
}

/** Asserts that the input labelled `label` in `scope` shows its problem `#errorId`, matching `pattern`. */
export async function refusedAt(scope, label, errorId, pattern) {
  const error = scope.page().locator(`[id="${errorId}"]`);
  await error.waitFor();
  assert.match(await error.innerText(), pattern);
  const input = scope.getByLabel(label, { exact: true });
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await input.getAttribute('aria-describedby'), errorId);
}

/**
 * Types `typed` (by default `name`) into the combobox labelled `label` in `scope` and waits
 * until it offers the record `name`; resolves with the offer.
 */
export async function offered(scope, label, name, typed = name) {
  await scope.getByRole('combobox', { name: label, exact: true }).fill(typed);
  const offer = scope.getByRole('listbox').getByRole('option', { name, exact: true });
  await offer.waitFor();
  return offer;
}

/** Takes the record `name` in the combobox labelled `label` in `scope`, found by its name. */
export async function pickRecord(scope, label, name) {
  await (await offered(scope, label, name)).click();
  assert.equal(await scope.getByRole('combobox', { name: label, exact: true }).inputValue(), name);
}

/** Asserts that axe finds no serious or critical violation on `tab`. */
export async function noSeriousViolations(tab) {
  const found = await seriousViolations(tab);
  assert.deepEqual(found, [], JSON.stringify(found, null, 2));
}

/** Opens the page of the accession contract of `member`, found by the list's search. */
export async function openContract(app, member) {
  await app.open(`/contracts?q=${encodeURIComponent(member)}`);
  await app.page.getByRole('link', { name: new RegExp(member) }).first().click();
  await app.settled();
}

/** Opens the page of the member `name` from the members `list` (that of 2019-01-01 unless given). */
export async function openMember(app, name, list = '/members?asOf=2019-01-01') {
  await app.open(list);
  await app.page.getByRole('link', { name, exact: true }).click();
  await app.settled();
  assert.equal(await app.heading(), name);
}

/** The section of a detail page headed by the element `#id-heading`. */
export function section(page, id) {
  return page.locator(`section[aria-labelledby="${id}-heading"]`);
}

/** The frame every page shares. */
export class AppPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async open(path) {
    await this.page.goto(this.baseUrl + path);
    await this.settled();
  }

  /** Waits until the page shows data (or an empty or error state), not the loading text. */
  async settled() {
    await this.page.locator('main h1').first().waitFor();
    await this.page.waitForFunction(
      () => !document.querySelector('main')?.textContent?.includes('Daten werden geladen')
        && !document.querySelector('main')?.textContent?.includes('Loading'),
    );
  }

  heading() {
    return this.page.locator('main h1').first().innerText();
  }

  mainText() {
    return this.page.locator('main').innerText();
  }

  /** The rows of the first table in `main`, each as its cells' visible text. */
  async rows(table = this.page.locator('main table').first()) {
    return table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('th, td')).map((c) => c.innerText.trim())),
    );
  }

  async nav(name) {
    await this.page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
    await this.settled();
  }

  /** Signs in on the sign-in form, which any address shows while nobody is signed in. */
  async login(name, password) {
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByLabel('Passwort', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  }

  /** Opens `path`, signing in as `name` first when the sign-in form shows. */
  async openAs(path, name, passwords) {
    await this.page.goto(this.baseUrl + path);
    const form = this.page.getByRole('heading', { name: 'Anmelden', level: 1 });
    const signedIn = this.page.getByRole('button', { name: 'Abmelden' });
    await form.or(signedIn).first().waitFor();
    if (await form.isVisible()) {
      await this.login(name, passwords[name]);
      await signedIn.waitFor();
    }
    await this.settled();
  }

  async logout() {
    await this.page.getByRole('button', { name: 'Abmelden' }).click();
    await this.page.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
  }

  /** The text of the page's live region for forms. */
  status() {
    return this.page.locator('#form-status').innerText();
  }

  async switchLanguage(name) {
    await this.page.getByRole('button', { name, exact: true }).click();
  }
}

/** The member list with its filters. */
export class MembersPage extends AppPage {
  async open(query = '') {
    await super.open(`/members${query}`);
  }

  /** The filters; an editor's form for a new organisation has inputs of the same names. */
  filters() {
    return this.page.getByRole('search');
  }

  async setAsOf(date) {
    await this.filters().getByLabel('Stichtag').fill(date);
    await this.filters().getByLabel('Stichtag').dispatchEvent('change');
    await this.page.waitForFunction((d) => location.search.includes(d), date);
    await this.settled();
  }

  async search(text) {
    await this.filters().getByLabel('Suche').fill(text);
    await this.filters().getByLabel('Suche').press('Enter');
    await this.page.waitForFunction((t) => location.search.includes(encodeURIComponent(t)), text);
    await this.settled();
  }

  async chooseKind(label) {
    await this.filters().getByLabel('Art').selectOption({ label });
    await this.settled();
  }

  async names() {
    return (await this.rows()).map((cells) => cells[0]);
  }
}

/** GraphiQL at `/graphiql`: its tabs, the run button, the result pane and the sidebar. */
export class GraphiQLPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /** Opens GraphiQL; resolves with the HTTP response of the page once its tabs show. */
  async open() {
    const response = await this.page.goto(`${this.baseUrl}/graphiql`);
    await this.tab('MembersAsOf').waitFor();
    return response;
  }

  /** The button of the tab of the operation `name` (GraphiQL names tabs by their operation). */
  tab(name) {
    return this.page.getByRole('tablist').getByRole('button', { name, exact: true });
  }

  async tabNames() {
    return (await this.page.getByRole('tab').allInnerTexts()).map((text) => text.trim());
  }

  /** Runs the active tab's operation and waits until the result pane shows `expected`. */
  async run(expected) {
    await this.page.getByRole('button', { name: /^Execute query/ }).click();
    await this.page.locator('.result-window').getByText(expected).first().waitFor();
    return this.result();
  }

  /** What the result pane shows (the lines in view). */
  result() {
    return this.page.locator('.result-window').innerText();
  }

  /** Types `text` into the active tab's headers editor, replacing what was there. */
  async setHeaders(text) {
    await this.page.getByRole('button', { name: 'Headers', exact: true }).click();
    await this.replaceIn(this.page.locator('.graphiql-editor-tool .CodeMirror').last(), text);
  }

  /** Opens a new tab and types `query` into it. */
  async newTab(query) {
    await this.page.getByRole('button', { name: 'New tab' }).click();
    await this.replaceIn(this.page.locator('.graphiql-query-editor .CodeMirror'), query);
  }

  async replaceIn(editor, text) {
    await editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    // Typed as one insertion, so the editor closes no brackets of its own.
    await this.page.keyboard.insertText(text);
  }

  /** Opens the documentation explorer; resolves with its panel. */
  async docs() {
    await this.page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const panel = this.page.locator('.graphiql-doc-explorer');
    await panel.waitFor();
    return panel;
  }
}

/** The deadline desk at `/desk`: counters, filters, deadlines and an editor's forms per row. */
export class DeskPage extends AppPage {
  async open(query = '') {
    await super.open(`/desk${query}`);
  }

  /** Settled, and the list (or what stands in its place) is drawn. */
  async settled() {
    await super.settled();
    await this.page.locator('#desk-list-heading, main .state').first().waitFor();
    await super.settled();
  }

  filters() {
    return this.page.getByRole('search');
  }

  /** Chooses `label` in the filter labelled `filter`; waits until the URL has `param`. */
  async choose(filter, label, param) {
    await this.reloaded(async () => {
      await this.filters().getByLabel(filter, { exact: true }).selectOption({ label });
      await this.page.waitForFunction((p) => location.search.includes(p), param);
    });
  }

  /** Does `action`, then waits until the list was drawn anew and has settled. */
  async reloaded(action) {
    const old = await this.page.locator('#desk-list-heading, main .state').first().elementHandle();
    await action();
    await this.page.waitForFunction((el) => !el.isConnected, old);
    await this.settled();
  }

  /** The counters, by their label. */
  async counters() {
    return this.page.locator('main .stat').evaluateAll((stats) => Object.fromEntries(
      stats.map((s) => [s.querySelector('dt').innerText.trim(), Number(s.querySelector('dd').innerText)]),
    ));
  }

  /** The row of the deadline of `contract`'s with `kind` (its label). */
  row(contract, kind) {
    return this.page.locator('main table tbody tr')
      .filter({ has: this.page.getByRole('link', { name: contract, exact: true }) })
      .filter({ hasText: kind });
  }

  /** Opens the form under `summary` in `row` with the keyboard; resolves with the form. */
  async form(row, summary) {
    await row.locator('summary', { hasText: summary }).focus();
    await this.page.keyboard.press('Enter');
    return row.locator('details[open] form');
  }
}
