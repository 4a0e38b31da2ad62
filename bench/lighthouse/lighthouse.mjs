// Lighthouse 12 (desktop preset) on pages of a running Verbund, signed in as an account:
// `node lighthouse.mjs BASE_URL NAME PASSWORD PATH...` (`@contract`: a contract's page). Prints, per page, the accessibility,
// best-practices and performance scores, the cumulative layout shift, the largest contentful
// paint and the audits that failed in the first two categories. Chromium is Debian's
// (CHROME_PATH, default /usr/bin/chromium); nothing is downloaded.
import lighthouse from 'lighthouse';
import desktop from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const [base, name, password, ...paths] = process.argv.slice(2);
if (!base || !password || paths.length === 0) {
  console.error('usage: node lighthouse.mjs BASE_URL NAME PASSWORD PATH...');
  process.exit(2);
}

/** Signs in over the API and answers the session cookie. */
async function signIn() {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({
      query: 'mutation($name: String!, $password: String!) { login(name: $name, password: $password) { me { name } } }',
      variables: { name, password },
    }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`sign-in refused: ${JSON.stringify(body.errors)}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error('the sign-in set no cookie');
  return cookie;
}

const cookie = await signIn();

/** `@contract` stands for the page of the first contract the API lists. */
async function resolve(path) {
  if (path !== '@contract') return path;
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie },
    body: JSON.stringify({ query: '{ contracts(first: 1) { nodes { id } } }' }),
  });
  const id = (await response.json()).data.contracts.nodes[0].id;
  return `/contracts/${encodeURIComponent(id)}`;
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  for (const path of await Promise.all(paths.map(resolve))) {
    const result = await lighthouse(`${base}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['accessibility', 'best-practices', 'performance'],
      extraHeaders: { Cookie: cookie },
    }, desktop);
    const { categories, audits } = result.lhr;
    const score = (id) => Math.round((categories[id]?.score ?? 0) * 100);
    const cls = audits['cumulative-layout-shift']?.numericValue ?? NaN;
    const lcp = audits['largest-contentful-paint']?.numericValue ?? NaN;
    console.log(`${path}: accessibility ${score('accessibility')}, best practices ${score('best-practices')}, `
      + `performance ${score('performance')}, layout shift ${cls.toFixed(3)}, largest paint ${Math.round(lcp)} ms`);
    for (const id of ['accessibility', 'best-practices']) {
      for (const ref of categories[id].auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.log(`  ${id}: ${ref.id}: ${audit.title}`);
          for (const item of audit.details?.items ?? []) console.log(`    ${nodeOf(item)}`);
          failed = true;
        }
      }
    }
    if (cls >= 0.1) {
      // Which elements moved, and by how much, so that a shift can be traced to its cause.
      for (const item of audits['layout-shifts']?.details?.items ?? []) {
        console.log(`  layout shift ${item.score?.toFixed(3)}: ${nodeOf(item)}`);
      }
      failed = true;
    }
  }
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);

/** An audit item's element, as Lighthouse names it: its selector or its HTML. */
function nodeOf(item) {
  const node = item.node ?? item.element ?? {};
  return node.selector ?? node.snippet ?? JSON.stringify(item).slice(0, 200);
}
