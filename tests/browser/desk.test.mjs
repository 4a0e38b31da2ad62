// Browser tests of the deadline desk: the demo's four sample contracts with terms give it
// deadlines. An editor takes one from the desk to a decision, snoozes a reminder, reads the
// inbox; a viewer only reads; both languages; axe on the desk and the inbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, seriousViolations, screenshot, until } from './harness.mjs';
import { AppPage, DeskPage, askIn, section, signedInAs, signedInFile } from './pages.mjs';

const DESK_QUERY = `{ deadlineCounts { within7 within30 within90 overdue endedLast30 }
  deadlines(first: 100) { nodes { id version kind day dayToAct
    contract { id title parties { organisation { name } } reminders { deadlineId dueOn state } } } } }`;

let server;
let page;
// Reminders of a day go out from midnight on, looked for every second: a reminder armed for
// today reaches the inbox while the test waits, whatever the hour it runs at.
signedInFile('demo-editor', (started) => {
  ({ server, page } = started);
}, { server: { args: ['--reminder-time', '00:00', '--scheduler-seconds', '1'] } });

/** Today in Germany, where the server's days are days, as `YYYY-MM-DD`. */
function berlinToday(plusDays = 0) {
  const day = new Date(Date.now() + plusDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(day);
}

/** `2027-01-29` as the German app writes it. */
function german(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** `2027-01-29` as the English app writes it. */
function english(iso) {
  const [y, m, d] = iso.split('-');
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  return `${Number(d)} ${month} ${y}`;
}

/** The day to act of deadline `n` as the desk shows it in the language of `say`: with why it
 * lies before the deadline when it does. */
function act(n, say) {
  if (n.day === n.dayToAct) return say(n.dayToAct);
  return `${say(n.dayToAct)} (${say === german ? 'vor Wochenende oder Feiertag' : 'before a weekend or holiday'})`;
}

/** The desk's undecided deadlines as the API lists them to the editor. */
async function deadlines() {
  return (await askIn(page, DESK_QUERY)).data.deadlines.nodes;
}

const KIND = { NOTICE: 'Kündigungsfrist', DECISION: 'Entscheidung über die Verlängerung', END: 'Vertragsende' };

test('the desk shows the counters and the deadlines of the API, the legal day and the day to act', async () => {
  const desk = new DeskPage(page, server.baseUrl);
  await desk.nav('Fristen');
  assert.equal(await desk.heading(), 'Fristen');
  assert.equal(await page.getByRole('navigation').getByRole('link', { name: 'Fristen' }).getAttribute('aria-current'), 'page');
  const api = (await askIn(page, DESK_QUERY)).data;
  assert.deepEqual(await desk.counters(), {
    'Zu handeln in ≤ 7 Tagen': api.deadlineCounts.within7,
    'Zu handeln in ≤ 30 Tagen': api.deadlineCounts.within30,
    'Zu handeln in ≤ 90 Tagen': api.deadlineCounts.within90,
    'Überfällig': api.deadlineCounts.overdue,
    'In den letzten 30 Tagen beendet': api.deadlineCounts.endedLast30,
  });
  const nodes = api.deadlines.nodes;
  assert.ok(nodes.length >= 4, `the demo's contracts have deadlines: ${JSON.stringify(nodes)}`);
  assert.ok(nodes.every((n) => n.contract.title.startsWith('Beispiel:')));
  const rows = await desk.rows();
  assert.deepEqual(
    rows.map((cells) => cells.slice(0, 5)),
    nodes.map((n) => [n.contract.title, KIND[n.kind], german(n.day), act(n, german), 'niemand']),
  );
  // Each row leads to its contract.
  const first = nodes[0];
  await page.getByRole('link', { name: first.contract.title, exact: true }).first().click();
  await new AppPage(page, server.baseUrl).settled();
  assert.equal(await desk.heading(), first.contract.title);
  assert.match(await section(page, 'contract-decisions').innerText(), new RegExp(german(first.dayToAct)));
  await screenshot(page, 'desk-contract');
});

test('the filters live in the URL and survive a reload', async () => {
  const desk = new DeskPage(page, server.baseUrl);
  await desk.open();
  const nodes = await deadlines();
  // Member and kind narrow what the desk loaded: the API has no such arguments.
  const asked = [];
  const watch = (request) => {
    if (request.url().endsWith('/graphql') && request.method() === 'POST') {
      asked.push(JSON.parse(request.postData()).operationName);
    }
  };
  page.on('request', watch);
  await desk.choose('Art', 'Vertragsende', 'kind=END');
  const ends = nodes.filter((n) => n.kind === 'END');
  assert.ok(ends.length > 0, JSON.stringify(nodes));
  assert.deepEqual((await desk.rows()).map((cells) => cells.slice(0, 2)), ends.map((n) => [n.contract.title, 'Vertragsende']));
  // A member: the parties of the first contract with an end that is not the provider.
  const member = ends[0].contract.parties.map((p) => p.organisation.name).find((name) => name !== 'Kommunalservice Mecklenburg');
  const theirs = ends.filter((n) => n.contract.parties.some((p) => p.organisation.name === member));
  await desk.choose('Mitglied', member, 'member=');
  assert.deepEqual((await desk.rows()).map((cells) => cells[0]), theirs.map((n) => n.contract.title));
  assert.ok(theirs.length < nodes.length);
  page.off('request', watch);
  assert.deepEqual(asked.filter((op) => op === 'Desk'), [], JSON.stringify(asked));
  await page.reload();
  await desk.settled();
  assert.equal(await desk.filters().getByLabel('Art', { exact: true }).inputValue(), 'END');
  assert.equal(await desk.filters().getByLabel('Mitglied').locator('option:checked').innerText(), member);
  assert.deepEqual((await desk.rows()).map((cells) => cells[0]), theirs.map((n) => n.contract.title));
  await desk.choose('Stand', 'Entschieden', 'state=DECIDED');
  assert.match(await desk.mainText(), /Für diese Auswahl gibt es keine Fristen/);
});

test('a question for an earlier filter is cancelled and its answer never replaces the latest', async () => {
  const desk = new DeskPage(page, server.baseUrl);
  await desk.open();
  // The answer for "decided" (none yet) is held back until the answer for "upcoming" is shown;
  // the desk cancels the question once the filter changes again.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let heldBack = 0;
  const slow = async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}');
    if (body.operationName === 'Desk' && body.variables?.state === 'DECIDED') {
      heldBack += 1;
      await held;
    }
    // A cancelled request has nobody left to answer.
    await route.continue().catch(() => {});
  };
  let cancelled = 0;
  const failed = (request) => {
    if (JSON.parse(request.postData() ?? '{}').variables?.state === 'DECIDED') cancelled += 1;
  };
  page.on('requestfailed', failed);
  await page.route('**/graphql', slow);
  try {
    const state = desk.filters().getByLabel('Stand', { exact: true });
    await state.selectOption({ label: 'Entschieden' });
    await page.waitForFunction(() => location.search.includes('state=DECIDED'));
    await desk.choose('Stand', 'Bevorstehend', 'state=UPCOMING');
    const upcoming = await desk.rows();
    assert.ok(upcoming.length > 0, 'the demo has upcoming deadlines');
    assert.equal(heldBack, 1, 'the answer for "decided" was asked for and held back');
    // The app cancelled the question it no longer needs the answer to.
    assert.equal(cancelled, 1, 'the request for "decided" was cancelled');
    release();
    // Give the app the time to draw what it must not draw.
    await page.waitForTimeout(300);
    assert.doesNotMatch(await desk.mainText(), /Für diese Auswahl gibt es keine Fristen/);
    assert.deepEqual(await desk.rows(), upcoming);
  } finally {
    release();
    page.off('requestfailed', failed);
    await page.unroute('**/graphql', slow);
  }
});

test('an editor assigns a deadline to themselves, decides it with a note and finds it on the contract', async () => {
  const desk = new DeskPage(page, server.baseUrl);
  await desk.open();
  const target = (await deadlines()).at(-1);
  const [title, kind] = [target.contract.title, KIND[target.kind]];
  const row = desk.row(title, kind);
  const assign = await desk.form(row, 'Zuständigkeit');
  assert.equal(await assign.getByLabel('Zuständig').locator('option:checked').innerText(), 'demo-editor');
  await desk.reloaded(() => assign.getByRole('button', { name: 'Zuweisen' }).click());
  assert.equal(await desk.status(), 'Die Änderung wurde gespeichert.');
  assert.equal((await desk.row(title, kind).locator('td').nth(4).innerText()).trim(), 'demo-editor');

  await desk.choose('Zuständig', 'Mir zugewiesen', 'owner=me');
  assert.deepEqual((await desk.rows()).map((cells) => cells[0]), [title]);

  const decide = await desk.form(desk.row(title, kind), 'Entscheiden');
  await decide.getByLabel('Entscheidung', { exact: true }).selectOption({ label: 'Neu verhandeln' });
  await decide.getByLabel('Anmerkung').fill('Angebot für Folgevertrag einholen');
  // Sent from the keyboard, as everything on the desk can be.
  await decide.getByLabel('Anmerkung').press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Entscheidung speichern');
  await desk.reloaded(() => page.keyboard.press('Enter'));
  assert.match(await desk.mainText(), /Für diese Auswahl gibt es keine Fristen\./);

  await desk.choose('Stand', 'Entschieden', 'state=DECIDED');
  const [decided] = await desk.rows();
  assert.equal(decided[0], title);
  assert.match(decided[5], /Neu verhandeln \(demo-editor, /);
  assert.match(decided[5], /Angebot für Folgevertrag einholen/);
  assert.equal(decided.length, 7, 'a decided deadline has no forms, but the column stays');

  await page.getByRole('link', { name: title, exact: true }).click();
  await new AppPage(page, server.baseUrl).settled();
  const history = section(page, 'contract-decisions').locator('table tbody tr').filter({ hasText: german(target.day) });
  const cells = await history.first().locator('th, td').allInnerTexts();
  assert.equal(cells[3], 'Entschieden');
  assert.equal(cells[4], 'Neu verhandeln');
  assert.equal(cells[5], 'Angebot für Folgevertrag einholen');
  assert.equal(cells[6], 'demo-editor');
  assert.match(cells[7], /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
  await screenshot(page, 'desk-decision-history');
});

test('a decision on a deadline someone changed meanwhile is refused with a way to reload', async () => {
  const desk = new DeskPage(page, server.baseUrl);
  await desk.open();
  const [deadline] = await deadlines();
  const [title, kind] = [deadline.contract.title, KIND[deadline.kind]];
  const decide = await desk.form(desk.row(title, kind), 'Entscheiden');
  // A colleague takes the deadline while the form is open.
  const assigned = await askIn(page, 'mutation($id: ID!, $v: Int!) { assignDeadline(id: $id, version: $v, owner: null) { version } }', { id: deadline.id, v: deadline.version });
  assert.equal(assigned.data.assignDeadline.version, deadline.version + 1);
  await decide.getByLabel('Anmerkung').fill('Verlängern');
  await decide.getByRole('button', { name: 'Entscheidung speichern' }).click();
  await page.locator('#form-status').getByText(/Jemand hat diesen Eintrag geändert/).waitFor();
  await desk.reloaded(() => page.getByRole('button', { name: 'Aktuellen Stand laden' }).click());
  // Nothing was decided; the deadline is still open and can be decided now.
  const row = await desk.row(title, kind).locator('td').allInnerTexts();
  assert.equal(row[5], 'Offen');
});

test('an editor snoozes a reminder to a later day and the contract shows it', async () => {
  const desk = new DeskPage(page, server.baseUrl);
  await desk.open();
  const tomorrow = berlinToday(1);
  // A deadline after tomorrow with a reminder still to go out.
  const target = (await deadlines()).find((n) => n.day > tomorrow
    && n.contract.reminders.some((r) => r.deadlineId === n.id && r.state === 'ARMED'));
  assert.ok(target, 'the demo has a deadline with a reminder ahead');
  const title = target.contract.title;
  const snooze = await desk.form(desk.row(title, KIND[target.kind]), 'Erinnerung verschieben');
  // Today is no later day: the form says so next to the field and sends nothing.
  await snooze.getByLabel('Erneut erinnern am').fill(berlinToday());
  await snooze.getByRole('button', { name: 'Verschieben' }).click();
  await snooze.getByText('Bitte einen Tag nach heute angeben.').waitFor();
  assert.equal(await snooze.getByLabel('Erneut erinnern am').getAttribute('aria-invalid'), 'true');
  await snooze.getByLabel('Erneut erinnern am').fill(tomorrow);
  await desk.reloaded(() => snooze.getByRole('button', { name: 'Verschieben' }).click());
  assert.equal(await desk.status(), 'Die Änderung wurde gespeichert.');

  await page.getByRole('link', { name: title, exact: true }).first().click();
  await new AppPage(page, server.baseUrl).settled();
  const reminders = await new AppPage(page, server.baseUrl).rows(section(page, 'contract-reminders').locator('table'));
  assert.ok(
    reminders.some(([day, state]) => day === german(tomorrow) && state === 'Geplant, verschoben'),
    JSON.stringify(reminders),
  );
  await screenshot(page, 'desk-contract-reminders');
});

/** The header's link to the inbox and the number it says is unread. */
async function unreadInHeader(tab) {
  const text = await tab.locator('#inbox-link').innerText();
  const match = /^(?:Posteingang|Inbox): (\d+) (?:ungelesen|unread)$/.exec(text);
  assert.ok(match, text);
  return Number(match[1]);
}

test('reminders due reach the inbox; the header counts them; entries are marked read one by one or all', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/inbox');
  await page.locator('#inbox-link').filter({ hasText: /\d/ }).waitFor();
  const before = await unreadInHeader(page);
  // Two contracts get reminder days of their own that all lie before today: their open
  // deadlines are reminded of today, and the scheduler sends that (from midnight on).
  const nodes = await deadlines();
  const titles = [...new Set(nodes.map((n) => n.contract.title))].slice(0, 2);
  assert.equal(titles.length, 2, JSON.stringify(nodes));
  const expected = nodes.filter((n) => titles.includes(n.contract.title)).length;
  assert.ok(expected >= 2, JSON.stringify(nodes));
  for (const title of titles) {
    const id = nodes.find((n) => n.contract.title === title).contract.id;
    const set = await askIn(page, 'mutation($id: ID!) { setReminderDays(contractId: $id, days: [3660]) { id } }', { id });
    assert.equal(set.data.setReminderDays.id, id, JSON.stringify(set));
  }
  const deadline = Date.now() + 20_000;
  let unread = before;
  while (unread < before + expected) {
    assert.ok(Date.now() < deadline, `the header still says ${unread} unread`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await app.open('/');
    await page.locator('#inbox-link').filter({ hasText: /\d/ }).waitFor();
    unread = await unreadInHeader(page);
  }
  assert.equal(unread, before + expected);

  await page.locator('#inbox-link').click();
  await app.settled();
  await page.locator('main table').waitFor();
  assert.equal(await app.heading(), 'Posteingang');
  const rows = await app.rows();
  assert.equal(rows.filter((cells) => cells[6].startsWith('ungelesen')).length, unread);
  for (const title of titles) {
    assert.ok(rows.some((cells) => cells[1] === title), JSON.stringify(rows));
  }
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'inbox');

  const one = page.getByRole('button', { name: `Als gelesen markieren: ${titles[0]}` });
  await one.first().click();
  await page.waitForFunction((n) => document.querySelector('#inbox-link')?.innerText === `Posteingang: ${n} ungelesen`, unread - 1);
  // The list is loaded again: one entry fewer is unread, and it is the one marked.
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('main tbody tr')];
    return rows.length > 0 && rows.filter((r) => r.lastElementChild.innerText.startsWith('ungelesen')).length === n;
  }, unread - 1);
  const after = await app.rows();
  assert.ok(after.some((cells) => cells[1] === titles[0] && cells[6] === 'gelesen'), JSON.stringify(after));

  await page.getByRole('button', { name: 'Alle als gelesen markieren' }).click();
  await page.waitForFunction(() => document.querySelector('#inbox-link')?.innerText === 'Posteingang: 0 ungelesen');
  await page.getByText('Posteingang: 0 ungelesen', { exact: true }).first().waitFor();
  // The entry leads to its contract.
  await page.locator('main').getByRole('link', { name: titles[0], exact: true }).first().click();
  await app.settled();
  assert.equal(await app.heading(), titles[0]);
});

test('the header counts reminders arriving while a page stays open, without reloading it', async () => {
  const app = new AppPage(page, server.baseUrl);
  await app.open('/contracts');
  await page.locator('#inbox-link').filter({ hasText: /\d/ }).waitFor();
  const before = await unreadInHeader(page);
  // A contract whose reminders did not go out yet gets reminder days that lie before today:
  // the scheduler sends a reminder of each of its open deadlines, and the desk's
  // subscription tells the open page the new count.
  const nodes = await deadlines();
  const reminded = (n) => n.contract.reminders.some((r) => r.state === 'SENT');
  const title = nodes.find((n) => !reminded(n))?.contract.title;
  assert.ok(title, JSON.stringify(nodes));
  const expected = nodes.filter((n) => n.contract.title === title).length;
  const id = nodes.find((n) => n.contract.title === title).contract.id;
  const set = await askIn(page, 'mutation($id: ID!) { setReminderDays(contractId: $id, days: [3660]) { id } }', { id });
  assert.equal(set.data.setReminderDays.id, id, JSON.stringify(set));
  await page.waitForFunction(
    (n) => /: (\d+) /.exec(document.querySelector('#inbox-link')?.innerText ?? '')?.[1] === String(n),
    before + expected,
    { timeout: 20_000 },
  );
  assert.equal(new URL(page.url()).pathname, '/contracts');
});

test('an admin gives a deadline to an editor, chosen from the accounts that may decide', async () => {
  const admin = await signedInAs(server, 'demo-admin', '/desk');
  try {
    const desk = new DeskPage(admin.page, server.baseUrl);
    await desk.settled();
    const [deadline] = await deadlines();
    const row = desk.row(deadline.contract.title, KIND[deadline.kind]);
    const assign = await desk.form(row, 'Zuständigkeit');
    const owner = assign.getByLabel('Zuständig');
    const offered = await owner.locator('option').allInnerTexts();
    assert.deepEqual([...offered].sort(), ['demo-admin', 'demo-editor', 'niemand']);
    assert.equal(await owner.locator('option:checked').innerText(), 'demo-admin');
    await owner.selectOption({ label: 'demo-editor' });
    await desk.reloaded(() => assign.getByRole('button', { name: 'Zuweisen' }).click());
    const cells = await desk.row(deadline.contract.title, KIND[deadline.kind]).locator('td').allInnerTexts();
    assert.equal(cells[4], 'demo-editor');
  } finally {
    await admin.browser.close();
  }
});

test('a viewer reads the desk but has no forms to change it', async () => {
  const viewer = await signedInAs(server, 'demo-viewer', '/desk');
  try {
    const desk = new DeskPage(viewer.page, server.baseUrl);
    await desk.settled();
    assert.match(await desk.mainText(), /Fristen zuweisen und entscheiden können Bearbeiter/);
    const rows = await desk.rows();
    assert.ok(rows.length > 0);
    assert.ok(rows.every((cells) => cells.length === 6), JSON.stringify(rows));
    assert.equal(await viewer.page.locator('main summary').count(), 0);
    assert.equal(await viewer.page.getByRole('button', { name: /Entscheidung speichern|Zuweisen|Verschieben/ }).count(), 0);
    assert.equal(await unreadInHeader(viewer.page), 0);
    assert.deepEqual(await seriousViolations(viewer.page), []);
  } finally {
    await viewer.browser.close();
  }
});

test('the desk in both languages, with its forms open, has no serious accessibility violations', async () => {
  const desk = new DeskPage(page, server.baseUrl);
  await desk.open();
  const nodes = await deadlines();
  await desk.form(desk.row(nodes[0].contract.title, KIND[nodes[0].kind]), 'Entscheiden');
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'desk-de');

  await desk.switchLanguage('English');
  await desk.settled();
  try {
    assert.equal(await desk.heading(), 'Deadlines');
    const counters = Object.keys(await desk.counters());
    assert.deepEqual(counters, [
      'To act on within 7 days',
      'To act on within 30 days',
      'To act on within 90 days',
      'Overdue',
      'Ended in the last 30 days',
    ]);
    const kinds = { NOTICE: 'Notice deadline', DECISION: 'Renewal decision', END: 'End of contract' };
    // The legal deadline and the day to act, the working day before when it falls on a
    // weekend or holiday (as the API works it out), as English readers write days.
    assert.deepEqual(
      (await desk.rows()).map((cells) => cells.slice(0, 4)),
      nodes.map((n) => [n.contract.title, kinds[n.kind], english(n.day), act(n, english)]),
    );
    await desk.form(desk.row(nodes[0].contract.title, kinds[nodes[0].kind]), 'Decide');
    assert.deepEqual(await seriousViolations(page), []);
    assert.match(await page.locator('#inbox-link').innerText(), /^Inbox: \d+ unread$/);
    await screenshot(page, 'desk-en');
  } finally {
    await desk.switchLanguage('Deutsch');
  }
});

test('the inbox asks for its unread count once, and nobody signed out asks for it', async () => {
  const editor = await signedInAs(server, 'demo-editor', '/');
  try {
    const tab = editor.page;
    const asked = [];
    tab.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') {
        asked.push(JSON.parse(request.postData()).operationName);
      }
    });
    const count = (name) => asked.filter((op) => op === name).length;
    // Reached from the header's link: the inbox's own answer gives the count.
    await tab.locator('#inbox-link').click();
    await editor.app.settled();
    await tab.locator('#inbox-link').filter({ hasText: /\d/ }).waitFor();
    assert.deepEqual([count('Inbox'), count('Unread')], [1, 0], JSON.stringify(asked));
    // Opened directly, too.
    asked.length = 0;
    await editor.app.open('/inbox');
    await tab.locator('#inbox-link').filter({ hasText: /\d/ }).waitFor();
    assert.deepEqual([count('Inbox'), count('Unread')], [1, 0], JSON.stringify(asked));
    // Signed out, going elsewhere asks nothing about an inbox.
    await editor.app.logout();
    asked.length = 0;
    await tab.getByRole('navigation').getByRole('link', { name: 'Verträge', exact: true }).click();
    await tab.waitForFunction(() => location.pathname === '/contracts');
    await tab.getByRole('heading', { name: 'Anmelden', level: 1 }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(count('Unread'), 0, JSON.stringify(asked));
  } finally {
    await editor.browser.close();
  }
});

test('the header follows the unread count on the live socket, and asks for it per page only while the socket is down', async () => {
  const editor = await launchBrowser();
  try {
    const tab = await editor.context.newPage();
    let down = false;
    let acks = 0;
    let open = null;
    await tab.routeWebSocket(/\/graphql$/, (ws) => {
      if (down) {
        ws.close({ code: 4000, reason: 'down for the test' });
        return;
      }
      const upstream = ws.connectToServer();
      ws.onMessage((m) => upstream.send(m));
      upstream.onMessage((m) => {
        if (JSON.parse(m).type === 'connection_ack') acks += 1;
        ws.send(m);
      });
      ws.onClose(() => upstream.close());
      open = ws;
    });
    const asked = [];
    tab.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') {
        asked.push(JSON.parse(request.postData()).operationName);
      }
    });
    const unread = () => asked.filter((op) => op === 'Unread').length;
    const app = new AppPage(tab, server.baseUrl);
    await app.openAs('/', 'demo-editor', server.passwords);
    await tab.locator('#inbox-link').filter({ hasText: /\d/ }).waitFor();
    await until(() => acks >= 1, 'waiting for the socket');
    // The socket says every change of the count: going from page to page asks nothing.
    asked.length = 0;
    await app.nav('Mitglieder');
    await app.nav('Verträge');
    await tab.waitForTimeout(300);
    assert.equal(unread(), 0, JSON.stringify(asked));
    // Without the socket, each page asks for the count.
    down = true;
    open.close({ code: 4000, reason: 'cut by the test' });
    await tab.waitForTimeout(100);
    await app.nav('Mitglieder');
    await until(() => unread() >= 1, 'no count asked for');
    await app.nav('Verträge');
    await until(() => unread() >= 2, 'no second count asked for');
    // Back, the socket asks once for what it missed meanwhile.
    const before = unread();
    down = false;
    await until(() => acks >= 2, 'waiting for the socket to come back');
    await until(() => unread() >= before + 1, 'no count asked for after the socket came back');
    await tab.waitForTimeout(300);
    assert.equal(unread(), before + 1, JSON.stringify(asked));
  } finally {
    await editor.close();
  }
});
