// Browser tests of the account page: an editor reaches it from the header, sets the address
// reminders are mailed to (a wrong one is refused in the app's language), makes a calendar
// feed, reads it without a session, makes a new address (the old one stops working) and
// revokes the feed (its address answers 404); both languages pass axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations, screenshot } from './harness.mjs';
import { askIn, signedInFile } from './pages.mjs';

let server;
let browser;
let page;
let app;
signedInFile('demo-editor', (started) => {
  ({ server, browser, page, app } = started);
}, { prepare: (context) => context.grantPermissions(['clipboard-read', 'clipboard-write']) });

/** The feed at `url`, fetched by the page without its cookie: status, type and body. */
function fetchFeed(url) {
  return page.evaluate(async (url) => {
    const answer = await fetch(url, { credentials: 'omit', cache: 'no-store' });
    return { status: answer.status, type: answer.headers.get('content-type'), body: await answer.text() };
  }, url);
}

/** Opens the account page from the header's link with the account's name. */
async function openFromHeader() {
  await app.open('/');
  await page.locator('header').getByRole('link', { name: 'demo-editor', exact: true }).click();
  await app.settled();
  assert.equal(new URL(page.url()).pathname, '/account');
  assert.equal(await app.heading(), 'Ihr Konto');
}

/** The section of the account page headed `name`. */
function part(name) {
  return page.locator('main section').filter({ has: page.getByRole('heading', { name, level: 2 }) });
}

test('the account page says who is signed in and sets the address for reminders', async () => {
  await openFromHeader();
  const who = await part('Angemeldet').locator('.fact').allInnerTexts();
  assert.deepEqual(who.map((t) => t.replace(/\s+/g, ' ').trim()), ['Name demo-editor', 'Rolle Bearbeiten']);
  const email = part('E-Mail für Erinnerungen');
  assert.equal(await email.locator('#account-email-now').innerText(),
    'Keine Adresse hinterlegt: Erinnerungen erreichen nur Ihren Posteingang.');

  // The server's check, said in German next to the input.
  const input = email.getByLabel('E-Mail-Adresse');
  await input.fill('keine adresse');
  await email.getByRole('button', { name: 'Adresse speichern' }).click();
  await email.getByText('Keine E-Mail-Adresse wie name@example.org (höchstens 254 Zeichen).').waitFor();
  assert.equal(await input.getAttribute('aria-invalid'), 'true');

  await input.fill('fristen@amt.example');
  await email.getByRole('button', { name: 'Adresse speichern' }).click();
  await page.locator('#form-status').getByText('Die Änderung wurde gespeichert.').waitFor();
  assert.equal(await email.locator('#account-email-now').innerText(), 'Erinnerungen gehen an: fristen@amt.example');
  assert.equal(await input.getAttribute('aria-invalid'), null);
  const me = await askIn(page, '{ me { email } }');
  assert.equal(me.data.me.email, 'fristen@amt.example');
  // Loaded again, the page shows the address kept.
  await page.reload();
  await app.settled();
  assert.equal(await part('E-Mail für Erinnerungen').getByLabel('E-Mail-Adresse').inputValue(), 'fristen@amt.example');
});

test('a calendar feed is made, read without a session, given a new address and revoked', async () => {
  await app.open('/account');
  const feed = part('Kalender-Abo der Fristen');
  assert.equal(await feed.locator('#account-feed-state').innerText(), 'Sie haben kein Kalender-Abo.');
  assert.equal(await feed.getByRole('button', { name: 'Kalender-Abo widerrufen' }).count(), 0);

  await feed.getByRole('button', { name: 'Kalender-Abo einrichten' }).click();
  const address = feed.getByRole('textbox', { name: 'Adresse des Kalender-Abos', exact: true });
  await address.waitFor();
  assert.match(await feed.innerText(), /Wer diese Adresse hat, sieht die Fristen\./);
  const first = await address.inputValue();
  assert.match(first, new RegExp(`^${server.baseUrl}/calendar/vcal_[^/]+\\.ics$`));
  assert.match(await feed.locator('#account-feed-state').innerText(), /^Ihr Kalender-Abo besteht seit \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}\.$/);
  const made = (await askIn(page, '{ me { calendarFeed { createdAt } } }')).data.me.calendarFeed;
  assert.ok(made?.createdAt, 'the server keeps the feed');

  // The copy button puts the address on the clipboard.
  await feed.getByRole('button', { name: 'Adresse kopieren' }).click();
  await page.locator('#form-status').getByText('Die Adresse wurde in die Zwischenablage kopiert.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), first);

  // The address alone, without the session's cookie, gives the open deadlines.
  const read = await fetchFeed(first);
  assert.equal(read.status, 200);
  assert.match(read.type, /^text\/calendar/);
  const events = read.body.match(/^BEGIN:VEVENT\r?$/gm) ?? [];
  assert.ok(events.length >= 4, `the demo's sample contracts have deadlines:\n${read.body}`);
  assert.match(read.body, /Beispiel:/);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'account-feed');

  // A new address: the old one stops working.
  await feed.getByRole('button', { name: 'Neue Adresse erzeugen' }).click();
  await page.waitForFunction((old) => {
    const input = document.querySelector('#account-feed-address');
    return input && input.value !== old;
  }, first);
  const second = await address.inputValue();
  assert.equal((await fetchFeed(first)).status, 404);
  assert.equal((await fetchFeed(second)).status, 200);

  // Revoking asks first; cancelling keeps the feed.
  await feed.getByRole('button', { name: 'Kalender-Abo widerrufen' }).click();
  const ask = feed.getByRole('group', { name: /Kalender-Abo wirklich widerrufen\?/ });
  await ask.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Ja, widerrufen');
  assert.deepEqual(await seriousViolations(page), []);
  await ask.getByRole('button', { name: 'Abbrechen' }).click();
  assert.equal(await ask.count(), 0);
  assert.equal((await fetchFeed(second)).status, 200);

  await feed.getByRole('button', { name: 'Kalender-Abo widerrufen' }).click();
  await ask.getByRole('button', { name: 'Ja, widerrufen' }).click();
  await page.locator('#form-status').getByText('Das Kalender-Abo wurde widerrufen.', { exact: false }).waitFor();
  assert.equal(await feed.locator('#account-feed-state').innerText(), 'Sie haben kein Kalender-Abo.');
  assert.equal(await address.count(), 0, 'the address is no longer shown');
  assert.equal((await fetchFeed(second)).status, 404);
  assert.equal((await askIn(page, '{ me { calendarFeed { createdAt } } }')).data.me.calendarFeed, null);
  assert.deepEqual(browser.cspViolations, []);
});

test('the account page in English has no serious accessibility violations', async () => {
  await app.open('/account');
  await app.switchLanguage('English');
  try {
    await app.settled();
    assert.equal(await app.heading(), 'Your account');
    const email = part('E-mail for reminders');
    const input = email.getByLabel('E-mail address');
    await input.fill('not an address');
    await email.getByRole('button', { name: 'Save address' }).click();
    await email.getByText('Not a mail address such as name@example.org (at most 254 characters).').waitFor();
    assert.equal(await part('Calendar feed of the deadlines').locator('#account-feed-state').innerText(), 'You have no calendar feed.');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'account-en');
  } finally {
    await app.switchLanguage('Deutsch');
  }
});
