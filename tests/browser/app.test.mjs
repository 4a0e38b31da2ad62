// Browser tests: the built web app in headless Chromium against the real server with the
// data set, looked at as a person would (headings, table rows, labels, buttons).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, seriousViolations, screenshot } from './harness.mjs';
import {
  AppPage, MembersPage, askIn, openForm, openMember, pickRecord, recordRequests, signedInAs,
  signedInFile,
} from './pages.mjs';

const FOUR = [
  'Landeshauptstadt Schwerin',
  'Landkreis Ludwigslust-Parchim',
  'Stadt Ludwigslust',
  'Stadt Neustadt-Glewe',
];
// The 13 members of 2021, as the list orders them.
const THIRTEEN = [
  'Amt Parchimer Umland',
  'Amt Stralendorf',
  'Amt Zarrentin',
  'Landeshauptstadt Schwerin',
  'Landkreis Ludwigslust-Parchim',
  'Stadt Boizenburg/Elbe',
  'Stadt Grabow',
  'Stadt Ludwigslust',
  'Stadt Lübtheen',
  'Stadt Lübz',
  'Stadt Neustadt-Glewe',
  'Stadt Parchim',
  'Stadt Wittenburg',
];
const SIX = [
  'Amt Parchimer Umland',
  'Landeshauptstadt Schwerin',
  'Landkreis Ludwigslust-Parchim',
  'Stadt Grabow',
  'Stadt Ludwigslust',
  'Stadt Neustadt-Glewe',
];

let server;
let browser;
let page;

// The register is for signed-in staff only; this page stays signed in as an editor.
signedInFile('demo-editor', (started) => {
  ({ server, browser, page } = started);
});

/** A fresh browser (no session) with one page, signed in as `name` at `path`. */
function signedIn(name, path = '/') {
  return signedInAs(server, name, path);
}

/** Opens the detail of the Neustadt-Glewe accession contract. */
async function openContract(app) {
  await app.open('/contracts?asOf=2018-10-01');
  await app.page.getByRole('link', { name: /Stadt Neustadt-Glewe/ }).first().click();
  await app.settled();
}

test('the dashboard shows the register today and renders in under a second', async () => {
  const app = new AppPage(page, server.baseUrl);
  // Measured inside the page, from the start of navigation to the first frame that shows the
  // members figure from the API: loading the HTML, JS and wasm, starting the app, the query.
  const rendered = async () => {
    await page.goto(server.baseUrl + '/');
    const handle = await page.waitForFunction(
      () => {
        const stat = Array.from(document.querySelectorAll('.stat'))
          .find((el) => el.textContent.includes('Mitglieder heute'));
        return stat?.querySelector('.stat-value')?.textContent === '13' ? performance.now() : false;
      },
      null,
      { polling: 'raf' },
    );
    return Math.round(await handle.jsonValue());
  };
  const first = await rendered();
  const again = [await rendered(), await rendered(), await rendered()];
  console.log(`first page rendered with data after ${first} ms (fresh browser), then ${again.join(', ')} ms`);
  assert.ok(first < 1000, `first render took ${first} ms`);

  assert.equal(await app.heading(), 'Übersicht');
  const text = await app.mainText();
  assert.match(text, /Fachanwendungen/);
  assert.match(text, /über 3\.000/);
  assert.match(text, /Fristen in den nächsten 90 Tagen/);
  // The membership timeline names every member with the day it joined.
  const timeline = page.getByRole('img', { name: /Zeitstrahl/ });
  await timeline.waitFor();
  for (const [name, day] of [['Landkreis Ludwigslust-Parchim', '01.10.2013'], ['Stadt Grabow', '01.01.2019']]) {
    assert.match(text, new RegExp(`${name} · ${day.replaceAll('.', '\\.')}`));
  }
  await screenshot(page, '1-dashboard');
});

test('while the register holds sample data, every page says so in both languages', async () => {
  const app = new AppPage(page, server.baseUrl);
  for (const path of ['/', '/contracts', '/desk']) {
    await app.open(path);
    const banner = page.getByRole('note').filter({ hasText: 'Beispieldaten:' });
    await banner.waitFor();
    assert.match(await banner.innerText(), /verbund demo clear/);
  }
  await app.switchLanguage('English');
  try {
    await page.getByRole('note').filter({ hasText: 'Sample data:' }).waitFor();
  } finally {
    await app.switchLanguage('Deutsch');
  }
  assert.deepEqual(await seriousViolations(page), []);
});

test('the members list follows the as-of date: four on 2018-06-30, six on 2019-01-01', async () => {
  const members = new MembersPage(page, server.baseUrl);
  await members.open();
  assert.deepEqual(await members.names(), THIRTEEN);
  await members.setAsOf('2018-06-30');
  assert.deepEqual(await members.names(), FOUR);
  await screenshot(page, '2-members-2018-06-30');
  await members.setAsOf('2019-01-01');
  assert.deepEqual(await members.names(), SIX);
  // The date lives in the address, so a reload keeps it.
  await page.reload();
  await members.settled();
  assert.deepEqual(await members.names(), SIX);
  await members.setAsOf('2013-09-30');
  assert.match(await members.mainText(), /keine Mitglieder/);
});

test('search and kind filter narrow the members list', async () => {
  const members = new MembersPage(page, server.baseUrl);
  await members.open('?asOf=2019-01-01');
  await members.search('grabow');
  assert.deepEqual(await members.names(), ['Stadt Grabow']);
  await members.open('?asOf=2019-01-01');
  await members.chooseKind('Amt');
  assert.deepEqual(await members.names(), ['Amt Parchimer Umland']);
});

test('a member detail shows milestones, contracts, coverage and sources, and survives a reload', async () => {
  const members = new MembersPage(page, server.baseUrl);
  await members.open('?asOf=2019-01-01');
  await page.getByRole('link', { name: 'Stadt Ludwigslust', exact: true }).click();
  await members.settled();
  assert.equal(await members.heading(), 'Stadt Ludwigslust');
  const check = async () => {
    const text = await members.mainText();
    for (const fact of ['17.12.2015', 'Beschluss der Vertretung', '30.03.2016', 'IT-Übernahme',
      'Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Ludwigslust',
      'Gesamter IT-Betrieb der Kernverwaltung', '83', 'Landkreis Ludwigslust-Parchim', 'Quellen']) {
      assert.ok(text.includes(fact), `missing ${fact}`);
    }
  };
  await check();
  assert.match(page.url(), /\/members\/[^/]+$/);
  await page.reload();
  await members.settled();
  assert.equal(await members.heading(), 'Stadt Ludwigslust');
  await check();
  await screenshot(page, '3-member-ludwigslust');
});

test('contracts: list with status, filter, and a detail with its parties', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/contracts?asOf=2018-10-01');
  // The demo's sample contracts ("Beispiel: …") are drafts on that day; the record's own are
  // the founding contract and the ten accessions, seven of them (2020, 2021) not yet signed.
  const all = await app.rows();
  const rows = all.filter((r) => !r[0].startsWith('Beispiel:'));
  assert.equal(rows.length, 11, JSON.stringify(all));
  assert.equal(rows.filter((r) => r.includes('Entwurf')).length, 7, JSON.stringify(rows));
  assert.equal(all.length - rows.length, 5, JSON.stringify(all));
  const grabow = rows.find((r) => r.some((c) => c.includes('Grabow')));
  assert.ok(grabow.some((c) => c === 'Unterzeichnet'), JSON.stringify(grabow));
  await screenshot(page, '4-contracts');
  await page.getByLabel('Status').selectOption({ label: 'In Kraft' });
  await app.settled();
  assert.equal((await app.rows()).length, 3);
  await page.getByRole('link', { name: /Stadt Neustadt-Glewe/ }).first().click();
  await app.settled();
  assert.match(await app.heading(), /Neustadt-Glewe/);
  const text = await app.mainText();
  assert.match(text, /Vertragsparteien/);
  assert.match(text, /Kommunalservice Mecklenburg/);
  assert.match(text, /26\.01\.2018/);
  await screenshot(page, '5-contract-detail');
});

test('services: the catalogue and who receives a service', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/services');
  // The operation of a core administration and the eight services the public sources name.
  const rows = await app.rows();
  assert.equal(rows.length, 9, JSON.stringify(rows));
  assert.ok(rows.some((r) => r[0] === 'Gesamter IT-Betrieb der Kernverwaltung'), JSON.stringify(rows));
  await screenshot(page, '6-services');
  await page.getByRole('link', { name: 'Gesamter IT-Betrieb der Kernverwaltung' }).click();
  await app.settled();
  assert.equal(await app.heading(), 'Gesamter IT-Betrieb der Kernverwaltung');
  const text = await app.mainText();
  for (const name of SIX) assert.ok(text.includes(name), `missing ${name}`);
  await screenshot(page, '7-service-detail');
});

test('the coverage matrix shows organisations × services and exports CSV', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/coverage?asOf=2019-01-01');
  const rows = await app.rows();
  assert.equal(rows.length, 6, JSON.stringify(rows));
  const ludwigslust = rows.find((r) => r[0] === 'Stadt Ludwigslust');
  assert.ok(ludwigslust.includes('83'), JSON.stringify(ludwigslust));
  await screenshot(page, '8-coverage');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV exportieren' }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFF'), 'CSV starts with a byte order mark');
  assert.match(csv, /Stadt Ludwigslust;.*83/);
  // A header, one line per organisation, and the totals.
  assert.equal(csv.trim().split(/\r?\n/).length, 8, csv);
  assert.match(csv, /^\uFEFFOrganisation;Gesamter IT-Betrieb der Kernverwaltung;Summe/);
});

test('the language switch turns the app to English and back, and is remembered', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/members?asOf=2018-06-30');
  await app.switchLanguage('English');
  await page.locator('main h1', { hasText: 'Members' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.locator('main h1', { hasText: 'Members' }).waitFor();
  await screenshot(page, '9-members-english');
  await app.switchLanguage('Deutsch');
  await page.locator('main h1', { hasText: 'Mitglieder' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
});

test('unknown addresses show the not-found page; GraphiQL is linked', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/no/such/page');
  assert.equal(await app.heading(), 'Seite nicht gefunden');
  const link = page.getByRole('link', { name: 'GraphiQL (API)' });
  assert.equal(await link.getAttribute('href'), '/graphiql');
});

test('axe-core finds no serious or critical violation on any page', async () => {
  const app = new AppPage(page, server.baseUrl);
  const paths = ['/', '/members?asOf=2019-01-01', '/contracts', '/services', '/coverage', '/no/such/page'];
  // Detail pages: follow the first link of each list.
  const problems = [];
  for (const path of paths) {
    await app.open(path);
    const found = await seriousViolations(page);
    if (found.length) problems.push({ path, found });
  }
  for (const [list, name] of [['/members', 'Stadt Grabow'], ['/services', 'Gesamter IT-Betrieb der Kernverwaltung']]) {
    await app.open(list);
    await page.getByRole('link', { name, exact: true }).first().click();
    await app.settled();
    const found = await seriousViolations(page);
    if (found.length) problems.push({ path: page.url(), found });
  }
  await app.open('/contracts');
  await page.locator('main table tbody tr a').first().click();
  await app.settled();
  const found = await seriousViolations(page);
  if (found.length) problems.push({ path: page.url(), found });
  assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
});

test('the layout holds on a tablet (768 px wide): no horizontal scrolling', async () => {
  const tablet = await browser.context.newPage();
  await tablet.setViewportSize({ width: 768, height: 1024 });
  const app = new AppPage(tablet, server.baseUrl);
  for (const path of ['/', '/members', '/contracts', '/coverage']) {
    await app.open(path);
    const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow} px`);
  }
  await screenshot(tablet, '10-tablet-dashboard');
  await tablet.close();
});

test('a wrong password is refused with a message; signing in and out works', async () => {
  const other = await launchBrowser();
  try {
    const tab = await other.context.newPage();
    const app = new AppPage(tab, server.baseUrl);
    await tab.goto(server.baseUrl + '/contracts');
    await tab.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
    await app.login('demo-editor', 'not-the-password');
    await tab.getByText('Name oder Passwort ist falsch.').waitFor();
    await screenshot(tab, '11-login-refused');
    // The address asked for is kept: after signing in, the contracts are shown.
    await app.login('demo-editor', server.passwords['demo-editor']);
    await tab.locator('main h1', { hasText: 'Verträge' }).waitFor();
    assert.match(tab.url(), /\/contracts$/);
    assert.match(await tab.locator('header').innerText(), /demo-editor \(Bearbeiten\)/);
    await app.logout();
    await tab.reload();
    await tab.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
  } finally {
    await other.close();
  }
});

test('an editor amends a contract and sees the new title and a history entry', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openContract(app);
  const old = await app.heading();
  await page.getByText('Vertrag bearbeiten').click();
  const title = page.getByLabel('Titel', { exact: true });
  await title.fill(`${old} (geändert)`);
  await page.getByLabel('Aktenzeichen', { exact: true }).fill('10.2-KSM/2018/04');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.locator('main h1', { hasText: '(geändert)' }).waitFor();
  await page.locator('main', { hasText: '10.2-KSM/2018/04' }).waitFor();
  const changes = page.locator('section[aria-labelledby="changes-heading"]');
  await changes.getByText('amendContract').first().waitFor();
  assert.match(await changes.innerText(), /title: .* → .*\(geändert\)/);
  assert.match(await changes.innerText(), /file_reference: .*10\.2-KSM\/2018\/04/);
  await screenshot(page, '12-contract-amended');
  // The contracts list finds it by its file reference.
  await page.goto(`${server.baseUrl}/contracts?q=ksm%2F2018`);
  await page.locator('main table', { hasText: '(geändert)' }).waitFor();
});

test('a client-side check shows its message next to the input without a request', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openContract(app);
  await page.getByText('Vertrag bearbeiten').click();
  const sent = [];
  const count = (request) => { if (request.url().endsWith('/graphql')) sent.push(request.postData()); };
  page.on('request', count);
  const title = page.getByLabel('Titel', { exact: true });
  await title.fill('   ');
  await page.getByRole('button', { name: 'Speichern' }).click();
  const error = page.locator('#amend-title-error');
  await error.waitFor();
  assert.ok((await error.innerText()).trim().length > 0);
  assert.equal(await title.getAttribute('aria-describedby'), 'amend-title-error');
  assert.equal(await title.getAttribute('aria-invalid'), 'true');
  assert.match(await app.status(), /markierten Eingaben/);
  page.off('request', count);
  assert.deepEqual(sent, []);
  const problems = await seriousViolations(page);
  assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  await screenshot(page, '13-client-check');
});

test('a field the server refuses shows its message next to the input', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openContract(app);
  await page.locator('summary', { hasText: 'Kündigung erfassen' }).click();
  // The form only asks for a day; that notice lies before the contract is the server's call.
  await page.getByLabel('Kündigung zugegangen am').fill('1990-01-01');
  const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().postData().includes('GiveNotice'));
  await page.getByRole('button', { name: 'Kündigung erfassen' }).click();
  await answered;
  const error = page.locator('#notice-givenOn-error');
  await error.waitFor();
  // Said in German, as the app speaks.
  assert.match(await error.innerText(), /^Zu diesem Tag kann keine Kündigung erfasst werden/);
  assert.match(await app.status(), /markierten Eingaben/);
});

test('a stale form is refused with a conflict message and a way to reload', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openContract(app);
  await page.getByText('Vertrag bearbeiten').click();
  // Someone else changes the contract meanwhile (same session, its own request).
  const id = decodeURIComponent(page.url().split('/contracts/')[1]);
  const now = await askIn(page, 'query($id: ID!) { node(id: $id) { ... on Contract { version title kind } } }', { id });
  const c = now.data.node;
  const other = await askIn(
    page,
    'mutation($id: ID!, $v: Int!, $t: String!, $k: ContractKind!) { amendContract(id: $id, version: $v, input: { title: $t, kind: $k }) { version } }',
    { id, v: c.version, t: `${c.title} (von anderer Stelle)`, k: c.kind },
  );
  assert.ok(other.data?.amendContract, JSON.stringify(other));
  await page.getByLabel('Titel', { exact: true }).fill('Meine veraltete Änderung');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText(/Jemand hat diesen Eintrag geändert/).waitFor();
  await screenshot(page, '14-conflict');
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  await page.locator('main h1', { hasText: '(von anderer Stelle)' }).waitFor();
  await page.getByText('Vertrag bearbeiten').click();
  assert.match(await page.getByLabel('Titel', { exact: true }).inputValue(), /\(von anderer Stelle\)$/);
});

test('a viewer sees the register but no way to edit it', async () => {
  const viewer = await signedIn('demo-viewer');
  try {
    await openContract(viewer.app);
    assert.match(await viewer.app.mainText(), /Vertragsparteien/);
    assert.equal(await viewer.page.getByText('Vertrag bearbeiten').count(), 0);
    assert.equal(await viewer.page.getByText('Kündigung erfassen').count(), 0);
    assert.equal(await viewer.page.locator('main form.form').count(), 0);
    assert.equal(await viewer.page.getByRole('link', { name: 'Partner-Token' }).count(), 0);
  } finally {
    await viewer.browser.close();
  }
});

test('an admin creates a partner token, sees it once, and the list shows it', async () => {
  const admin = await signedIn('demo-admin', '/admin/tokens');
  try {
    const tab = admin.page;
    await tab.locator('main h1', { hasText: 'Partner-Token' }).waitFor();
    await tab.getByLabel('Name', { exact: true }).fill('Kreisportal');
    await tab.getByLabel('Verträge lesen').check();
    await tab.getByRole('button', { name: 'Token erstellen' }).click();
    const token = tab.locator('code.token');
    await token.waitFor();
    const secret = await token.innerText();
    assert.ok(secret.length >= 20, secret);
    await tab.getByRole('cell', { name: 'Kreisportal', exact: true }).waitFor();
    // The scopes are checkboxes in their own group; a token is for all members unless one
    // is chosen.
    const scopes = tab.getByRole('group', { name: 'Rechte' });
    assert.equal(await scopes.getByRole('checkbox').count(), 3);
    const member = tab.getByLabel('Nur für das Mitglied');
    assert.equal(await member.locator('option:checked').innerText(), 'alle Mitglieder');
    const unlimited = tab.getByRole('row').filter({ hasText: 'Kreisportal' });
    assert.equal(await unlimited.getByRole('cell').nth(3).innerText(), '');
    // A second token, limited to a member chosen by name.
    await tab.getByLabel('Name', { exact: true }).fill('Stadtportal Ludwigslust');
    await scopes.getByLabel('Mitglieder lesen').check();
    await member.selectOption({ label: 'Stadt Ludwigslust' });
    await tab.getByRole('button', { name: 'Token erstellen' }).click();
    const limited = tab.getByRole('row').filter({ hasText: 'Stadtportal Ludwigslust' });
    await limited.waitFor();
    assert.notEqual(await token.innerText(), secret);
    assert.equal(await limited.getByRole('cell').nth(3).innerText(), 'Stadt Ludwigslust');
    await screenshot(tab, '15-token-created');
    const problems = [];
    for (const path of ['/admin/tokens', '/admin/users', '/admin/audit']) {
      await admin.app.open(path);
      await tab.locator('main table, main .state-empty').first().waitFor();
      const found = await seriousViolations(tab);
      if (found.length) problems.push({ path, found });
    }
    assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
    // Shown once: after a reload the list has the token, the page not its secret.
    await admin.app.open('/admin/tokens');
    await tab.getByRole('cell', { name: 'Kreisportal', exact: true }).waitFor();
    assert.equal(await tab.locator('code.token').count(), 0);
    assert.ok(!(await admin.app.mainText()).includes(secret));
  } finally {
    await admin.browser.close();
  }
});

test('axe-core finds no serious or critical violation on the sign-in page', async () => {
  const other = await launchBrowser();
  try {
    const tab = await other.context.newPage();
    await tab.goto(server.baseUrl + '/');
    await tab.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
    const found = await seriousViolations(tab);
    assert.deepEqual(found, [], JSON.stringify(found, null, 2));
  } finally {
    await other.close();
  }
});

test('an editor renames a member via the form and sees the new name and a history entry', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Grabow');
  await page.getByText('Organisation bearbeiten').click();
  await page.getByLabel('Name', { exact: true }).fill('Stadt Grabow an der Elde');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.locator('main h1', { hasText: 'Stadt Grabow an der Elde' }).waitFor();
  assert.match(await app.status(), /gespeichert/);
  const changes = page.locator('section[aria-labelledby="changes-heading"]');
  await changes.getByText('updateOrganisation').first().waitFor();
  assert.match(await changes.innerText(), /name: Stadt Grabow → Stadt Grabow an der Elde/);
  // The new name is the register's: the list shows it too.
  await app.open('/members?asOf=2019-01-01');
  assert.ok((await app.mainText()).includes('Stadt Grabow an der Elde'));
  await screenshot(page, '16-member-renamed');
});

test('an editor records that a membership ends; the membership shows its last day', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Amt Parchimer Umland');
  const card = page.locator('article.card');
  assert.equal(await card.count(), 1);
  assert.ok(!(await card.innerText()).includes('31.12.2030'));
  await card.locator('summary', { hasText: 'Austritt erfassen' }).click();
  // A day before joining is refused in the browser, next to the input.
  const day = card.getByLabel('Letzter Tag der Mitgliedschaft');
  await day.fill('2010-01-01');
  await card.getByRole('button', { name: 'Austritt erfassen' }).click();
  await card.locator('.field-error:not([hidden])').waitFor();
  await day.fill('2030-12-31');
  const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().postData().includes('LeaveMembership'));
  await card.getByRole('button', { name: 'Austritt erfassen' }).click();
  await answered;
  await page.locator('article.card h3', { hasText: '31.12.2030' }).waitFor();
  const text = await page.locator('article.card').innerText();
  assert.match(text, /01\.01\.2019 – 31\.12\.2030/);
  assert.match(text, /31\.12\.2030\s+Austritt/);
  // Once the last day is known the form is gone.
  assert.equal(await page.locator('article.card summary', { hasText: 'Austritt erfassen' }).count(), 0);
  await screenshot(page, '17-membership-left');
});

test('a malformed official key is refused next to its input without a request', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Ludwigslust');
  await page.getByText('Organisation bearbeiten').click();
  const requests = recordRequests(page);
  const key = page.getByLabel('Amtlicher Schlüssel', { exact: true });
  await key.fill('1307');
  await page.getByRole('button', { name: 'Speichern' }).click();
  const error = page.locator('#organisation-officialKey-error');
  await error.waitFor();
  assert.match(await error.innerText(), /\d/);
  assert.equal(await key.getAttribute('aria-describedby'), 'organisation-officialKey-error');
  assert.equal(await key.getAttribute('aria-invalid'), 'true');
  assert.match(await app.status(), /markierten Eingaben/);
  requests.stop();
  assert.deepEqual(requests.sent, []);
});

/**
 * Enters Stadt Ludwigslust's official key into the form `formId` within `scope` and sends it
 * with `button`: the browser cannot know the key is taken, the server refuses it next to the
 * input.
 */
async function takenKeyRefused(app, scope, formId, button) {
  const key = scope.getByLabel('Amtlicher Schlüssel', { exact: true });
  await key.fill('13076090');
  const answered = app.page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().postData().includes('Organisation'));
  await scope.getByRole('button', { name: button }).click();
  await answered;
  const error = app.page.locator(`#${formId}-officialKey-error`);
  await error.waitFor();
  assert.equal(await error.innerText(), 'Eine andere Organisation hat bereits diesen amtlichen Schlüssel.');
  assert.equal(await key.getAttribute('aria-invalid'), 'true');
  assert.equal(await key.getAttribute('aria-describedby'), `${formId}-officialKey-error`);
  assert.match(await app.status(), /markierten Eingaben/);
  return key;
}

test('an official key another organisation has is refused by the server next to the input', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Landeshauptstadt Schwerin');
  await page.getByText('Organisation bearbeiten').click();
  await takenKeyRefused(app, page.locator('main'), 'organisation', 'Speichern');
  await screenshot(page, '18-member-key-refused');
});

test('an editor changes a service\'s name and sees a history entry', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/services');
  await page.getByRole('link', { name: 'Gesamter IT-Betrieb der Kernverwaltung' }).click();
  await app.settled();
  await page.getByText('Leistung bearbeiten').click();
  await page.getByLabel('Name', { exact: true }).fill('IT-Betrieb der Kernverwaltung');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.locator('main h1', { hasText: /^IT-Betrieb der Kernverwaltung$/ }).waitFor();
  const changes = page.locator('section[aria-labelledby="changes-heading"]');
  await changes.getByText('updateService').first().waitFor();
  assert.match(await changes.innerText(), /name: Gesamter IT-Betrieb der Kernverwaltung → IT-Betrieb der Kernverwaltung/);
  await screenshot(page, '19-service-renamed');
});

test('a stale member form is refused with a conflict message and a way to reload', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Neustadt-Glewe');
  await page.getByText('Organisation bearbeiten').click();
  // Someone else changes the organisation meanwhile (same session, its own request).
  const id = decodeURIComponent(page.url().split('/members/')[1]);
  const now = await askIn(page, 'query($id: ID!) { node(id: $id) { ... on Organisation { version kind officialKey } } }', { id });
  const o = now.data.node;
  const other = await askIn(
    page,
    'mutation($id: ID!, $v: Int!, $k: OrganisationKind!, $key: String) { updateOrganisation(id: $id, version: $v, input: { name: "Stadt Neustadt-Glewe (von anderer Stelle)", kind: $k, officialKey: $key }) { version } }',
    { id, v: o.version, k: o.kind, key: o.officialKey },
  );
  assert.ok(other.data?.updateOrganisation, JSON.stringify(other));
  await page.getByLabel('Kurzname', { exact: true }).fill('Neustadt');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.getByText(/Jemand hat diesen Eintrag geändert/).waitFor();
  await page.getByRole('button', { name: 'Aktuellen Stand laden' }).click();
  await page.locator('main h1', { hasText: '(von anderer Stelle)' }).waitFor();
  await page.getByText('Organisation bearbeiten').click();
  assert.match(await page.getByLabel('Name', { exact: true }).inputValue(), /\(von anderer Stelle\)$/);
  assert.notEqual(await page.getByLabel('Kurzname', { exact: true }).inputValue(), 'Neustadt');
});

test('axe-core finds no serious or critical violation on a member page with its forms open', async () => {
  const app = new AppPage(page, server.baseUrl);
  await openMember(app, 'Stadt Ludwigslust');
  await page.getByText('Organisation bearbeiten').click();
  await page.locator('article.card summary', { hasText: 'Austritt erfassen' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill(' ');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await page.locator('#organisation-name-error').waitFor();
  const found = await seriousViolations(page);
  assert.deepEqual(found, [], JSON.stringify(found, null, 2));
  await screenshot(page, '20-member-forms');
});

test('a viewer sees members and services but no forms to change them', async () => {
  const viewer = await signedIn('demo-viewer');
  try {
    await openMember(viewer.app, 'Stadt Ludwigslust');
    assert.match(await viewer.app.mainText(), /Mitgliedschaft/);
    await viewer.page.locator('section[aria-labelledby="changes-heading"]').waitFor();
    assert.equal(await viewer.page.getByText('Organisation bearbeiten').count(), 0);
    assert.equal(await viewer.page.getByText('Austritt erfassen').count(), 0);
    await viewer.app.open('/services');
    await viewer.page.locator('main table tbody tr a').first().click();
    await viewer.app.settled();
    assert.equal(await viewer.page.getByText('Leistung bearbeiten').count(), 0);
    assert.equal(await viewer.page.locator('main form.form').count(), 0);
  } finally {
    await viewer.browser.close();
  }
});

test('an editor creates an organisation and lands on its page; a taken key is refused next to its input', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/members');
  const form = await openForm(page, 'Neues Mitglied / neue Organisation');
  await form.getByLabel('Name', { exact: true }).fill('Gemeinde Brüel');
  await form.getByLabel('Art', { exact: true }).selectOption({ label: 'Gemeinde' });
  const key = await takenKeyRefused(app, form, 'new-organisation', 'Anlegen');
  await key.fill('13076011');
  await form.getByRole('button', { name: 'Anlegen' }).click();
  await page.waitForURL(/\/members\/[^/?]+$/);
  await page.locator('main h1', { hasText: 'Gemeinde Brüel' }).waitFor();
  await app.settled();
  const text = await app.mainText();
  assert.match(text, /13076011/);
  assert.match(text, /Gemeinde/);
  await screenshot(page, '21-organisation-created');
});

test('an editor records that an organisation joins; the members list of a later day counts it', async () => {
  const app = new MembersPage(page, server.baseUrl);
  await app.open('?asOf=2031-01-01');
  const before = (await app.names()).length;
  const made = await askIn(page, 'mutation { createOrganisation(input: { name: "Gemeinde Plate", kind: GEMEINDE }) { id } }');
  const id = made.data?.createOrganisation?.id;
  assert.ok(id, JSON.stringify(made));
  await new AppPage(page, server.baseUrl).open(`/members/${encodeURIComponent(id)}`);
  assert.equal(await app.heading(), 'Gemeinde Plate');
  const form = await openForm(page, 'Beitritt erfassen');
  // The day must be given: checked in the browser, next to the input.
  await form.getByRole('button', { name: 'Beitritt erfassen' }).click();
  await page.locator('#join-joinedOn-error').waitFor();
  assert.equal(await form.getByLabel('Erster Tag der Mitgliedschaft').getAttribute('aria-describedby'), 'join-joinedOn-error');
  await form.getByLabel('Erster Tag der Mitgliedschaft').fill('2030-07-01');
  const answered = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().postData().includes('JoinMembership'));
  await form.getByRole('button', { name: 'Beitritt erfassen' }).click();
  await answered;
  await page.locator('article.card h3', { hasText: '01.07.2030' }).waitFor();
  await app.open('?asOf=2031-01-01');
  const after = await app.names();
  assert.equal(after.length, before + 1);
  assert.ok(after.includes('Gemeinde Plate'), after.join(', '));
  // Not yet a member before the day.
  await app.open('?asOf=2030-06-30');
  assert.ok(!(await app.names()).includes('Gemeinde Plate'));
  await screenshot(page, '22-member-joined');
});

test('an editor creates a contract with two parties and sees them on its page', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/contracts');
  const form = await openForm(page, 'Neuer Vertrag');
  await form.getByLabel('Partei 1', { exact: true }).waitFor();
  await form.getByLabel('Titel', { exact: true }).fill('Vertrag über den Beitritt der Stadt Ludwigslust zur IT-Beschaffung');
  await form.getByLabel('In Kraft ab', { exact: true }).fill('2026-01-01');
  await pickRecord(form, 'Partei 1', 'Kommunalservice Mecklenburg');
  // Only one party: the second is asked for in the browser, no request is sent.
  const requests = recordRequests(page);
  await form.getByRole('button', { name: 'Anlegen' }).click();
  const error = page.locator('[id="new-contract-parties.1.organisationId-error"]');
  await error.waitFor();
  assert.equal(
    await form.getByLabel('Partei 2', { exact: true }).getAttribute('aria-describedby'),
    'new-contract-parties.1.organisationId-error',
  );
  requests.stop();
  assert.deepEqual(requests.sent, []);
  await pickRecord(form, 'Partei 2', 'Stadt Ludwigslust');
  await form.getByLabel('Funktion von Partei 2', { exact: true }).selectOption({ label: 'Partner' });
  await form.getByRole('button', { name: 'Anlegen' }).click();
  await page.waitForURL(/\/contracts\/[^/?]+$/);
  await page.locator('main h1', { hasText: 'IT-Beschaffung' }).waitFor();
  await app.settled();
  const parties = page.locator('section[aria-labelledby="parties-heading"]');
  const rows = await app.rows(parties.locator('table'));
  const byName = Object.fromEntries(rows.map((cells) => [cells[0], cells[2]]));
  assert.deepEqual(byName, { 'Kommunalservice Mecklenburg': 'Dienstleister', 'Stadt Ludwigslust': 'Partner' });
  await screenshot(page, '23-contract-created');
});

test('an editor creates a service and lands on its page', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/services');
  const form = await openForm(page, 'Neue Leistung');
  await form.getByLabel('Kennung', { exact: true }).fill('E-AKTE');
  await form.getByLabel('Name', { exact: true }).fill('Elektronische Akte');
  await form.getByRole('button', { name: 'Anlegen' }).click();
  await page.waitForURL(/\/services\/[^/?]+$/);
  await page.locator('main h1', { hasText: 'Elektronische Akte' }).waitFor();
  await app.settled();
  assert.match(await app.mainText(), /E-AKTE/);
});

test('axe-core finds no serious or critical violation on the contracts list with the new-contract form open', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/contracts');
  const form = await openForm(page, 'Neuer Vertrag');
  await form.getByLabel('Partei 1', { exact: true }).waitFor();
  // With the problems shown next to their inputs, too.
  await form.getByRole('button', { name: 'Anlegen' }).click();
  await page.locator('#new-contract-title-error').waitFor();
  const found = await seriousViolations(page);
  assert.deepEqual(found, [], JSON.stringify(found, null, 2));
  await screenshot(page, '24-new-contract-form');
});

test('a viewer sees no way to create members, contracts or services', async () => {
  const viewer = await signedIn('demo-viewer');
  try {
    for (const [path, summary] of [
      ['/members', 'Neues Mitglied / neue Organisation'],
      ['/contracts', 'Neuer Vertrag'],
      ['/services', 'Neue Leistung'],
    ]) {
      await viewer.app.open(path);
      await viewer.page.locator('main table').first().waitFor();
      assert.equal(await viewer.page.getByText(summary).count(), 0, path);
      assert.equal(await viewer.page.locator('main summary').count(), 0, path);
      assert.equal(await viewer.page.locator('main form.form').count(), 0, path);
    }
    await openMember(viewer.app, 'Stadt Ludwigslust');
    assert.equal(await viewer.page.getByText('Beitritt erfassen').count(), 0);
  } finally {
    await viewer.browser.close();
  }
});

test('no page of the app was refused anything by its Content-Security-Policy', () => {
  assert.deepEqual(browser.cspViolations, []);
});
