// Browser tests of the app's own date fields: days are shown and typed as `TT.MM.JJJJ` in the
// German app and as `YYYY-MM-DD` in the English one, whatever the browser's locale; the
// calendar button's pick lands in the field; a day that does not exist is refused with the
// field named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seriousViolations, screenshot, screenshotDir } from './harness.mjs';
import { openMember, signedInFile } from './pages.mjs';

let server;
let page;
let app;
// An American browser: the German app must still write days the German way.
signedInFile('demo-editor', (started) => {
  ({ server, page, app } = started);
}, { path: '/members?asOf=2019-12-31', browser: { locale: 'en-US' } });

/** The list's date field. */
function asOf() {
  return page.getByRole('search').getByLabel('Stichtag', { exact: true });
}

/** Waits until the address asks for `day` (ISO). */
async function asked(day) {
  await page.waitForFunction((d) => new URLSearchParams(location.search).get('asOf') === d, day);
  await app.settled();
}

test('the date filter shows and takes days as TT.MM.JJJJ, in either form typed', async () => {
  assert.equal(await asOf().getAttribute('type'), 'text');
  assert.equal(await asOf().inputValue(), '31.12.2019');
  assert.equal(await asOf().getAttribute('placeholder'), 'TT.MM.JJJJ');
  await asOf().fill('3.1.2020');
  await asOf().press('Enter');
  await asOf().blur();
  await asked('2020-01-03');
  assert.match(await app.mainText(), /Mitglieder am 03\.01\.2020/);
  // Half a day is not sent.
  await asOf().fill('12.2');
  await asOf().blur();
  await page.waitForTimeout(200);
  assert.equal(new URL(page.url()).searchParams.get('asOf'), '2020-01-03');
  // The filters reset: the field follows the address, back to today.
  await page.getByRole('link', { name: 'Filter zurücksetzen' }).click();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('asOf'));
  await app.settled();
  const today = await page.evaluate(() => {
    const d = new Date();
    return [d.getDate(), d.getMonth() + 1].map((n) => String(n).padStart(2, '0')).join('.') + `.${d.getFullYear()}`;
  });
  assert.equal(await asOf().inputValue(), today);
});

test('the calendar button puts the picked day into the field', async () => {
  await app.open('/members?asOf=2019-12-31');
  const button = page.getByRole('search').getByRole('button', { name: 'Kalender öffnen' });
  await button.focus();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Kalender öffnen');
  await button.click();
  // The browser's own calendar cannot be driven from here: its pick arrives as a change of
  // the calendar's input, which is what a person's pick is.
  await page.locator('main .filters .day-native').evaluate((input) => {
    input.value = '2021-06-10';
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await asked('2021-06-10');
  assert.equal(await asOf().inputValue(), '10.06.2021');
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'date-field-de');
});

test('the calendar button shows a drawn icon, no emoji that needs a font of its own, and keeps its name', async () => {
  await app.open('/members?asOf=2019-12-31');
  const button = page.getByRole('search').getByRole('button', { name: 'Kalender öffnen' });
  assert.equal(await button.textContent(), '');
  const icon = await button.evaluate((b) => {
    const style = getComputedStyle(b, '::before');
    return { mask: style.maskImage || style.webkitMaskImage, width: style.width, colour: style.backgroundColor };
  });
  assert.match(icon.mask, /^url\("data:image\/svg\+xml/);
  assert.notEqual(icon.width, '0px');
  // What the screen shows inside the button: enough pixels in the icon's colour to be an
  // icon, drawn from the screenshot of the button alone.
  const png = (await button.screenshot()).toString('base64');
  const inked = await page.evaluate(async ([data, colour]) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.width, image.height];
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const [r, g, b] = colour.match(/\d+/g).map(Number);
    // Inside the border only.
    const [w, h] = [image.width - 8, image.height - 8];
    const { data: pixels } = context.getImageData(4, 4, w, h);
    let n = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const near = Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b) < 90;
      if (near) n += 1;
    }
    return { n, all: w * h };
  }, [png, icon.colour]);
  assert.ok(inked.n > 30 && inked.n < inked.all / 2, JSON.stringify(inked));
  await screenshot(page, 'date-field-icon-page');
  await page.getByRole('search').locator('.day-field').screenshot({ path: `${screenshotDir}/date-field-icon.png` });
});

test('the English app writes days as YYYY-MM-DD', async () => {
  await app.open('/members?asOf=2019-12-31');
  await app.switchLanguage('English');
  try {
    const field = page.getByRole('search').getByLabel('As of', { exact: true });
    await field.waitFor();
    assert.equal(await field.inputValue(), '2019-12-31');
    assert.equal(await field.getAttribute('placeholder'), 'YYYY-MM-DD');
    await field.fill('2020-01-03');
    await field.blur();
    await asked('2020-01-03');
  } finally {
    await app.switchLanguage('Deutsch');
  }
});

test('the checks of the domain speak the language of the app', async () => {
  await openMember(app, 'Stadt Ludwigslust');
  const refused = async (edit, label, button) => {
    await page.getByText(edit).click();
    await page.getByLabel(label, { exact: true }).fill('1307');
    await page.getByRole('button', { name: button }).click();
    const error = page.locator('#organisation-officialKey-error');
    await error.waitFor();
    return error.innerText();
  };
  assert.equal(
    await refused('Organisation bearbeiten', 'Amtlicher Schlüssel', 'Speichern'),
    'ein amtlicher Schlüssel hat 5 Ziffern (Kreisschlüssel), 8 (Amtlicher Gemeindeschlüssel) oder 12 (Regionalschlüssel), nicht 4',
  );
  await app.switchLanguage('English');
  try {
    await app.settled();
    assert.equal(
      await refused('Edit organisation', 'Official key', 'Save'),
      'an official key has 5 digits (Kreisschlüssel), 8 (Amtlicher Gemeindeschlüssel) or 12 (Regionalschlüssel), not 4',
    );
  } finally {
    await app.switchLanguage('Deutsch');
  }
});

test('a form takes a day as TT.MM.JJJJ, refuses one that does not exist, and saves it', async () => {
  await app.open('/contracts?asOf=2018-10-01');
  await page.getByRole('link', { name: /Stadt Neustadt-Glewe/ }).first().click();
  await app.settled();
  await page.getByText('Vertrag bearbeiten').click();
  const signed = page.getByLabel('Unterzeichnet am', { exact: true });
  const shown = await signed.inputValue();
  assert.match(shown, /^\d\d\.\d\d\.\d{4}$/, 'the recorded day, the German way');
  const [d, m, y] = shown.split('.').map(Number);
  // A day that does not exist is refused next to the field, before anything is sent.
  await signed.fill(`31.02.${y}`);
  await page.getByRole('button', { name: 'Speichern' }).click();
  const error = page.locator('#amend-signedOn-error');
  await error.waitFor();
  assert.match(await error.innerText(), /gültiges Datum/);
  // The day before, typed short: saved, and shown the German way.
  const before = new Date(Date.UTC(y, m - 1, d - 1));
  const typed = `${before.getUTCDate()}.${before.getUTCMonth() + 1}.${before.getUTCFullYear()}`;
  const german = before.toISOString().slice(0, 10).split('-').reverse().join('.');
  await signed.fill(typed);
  await page.getByRole('button', { name: 'Speichern' }).click();
  const changes = page.locator('section[aria-labelledby="changes-heading"]');
  await changes.getByText('amendContract').first().waitFor();
  assert.match(await changes.innerText(), new RegExp(`signed_on: .* → ${before.toISOString().slice(0, 10)}`));
  await page.locator('main', { hasText: german }).first().waitFor();
});
