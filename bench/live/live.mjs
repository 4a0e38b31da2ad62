// The subscription benchmark's client (bench/live/run starts the servers and calls it):
// SUBSCRIBERS sockets (graphql-ws), half on each server, each following registerChanged for
// services from the end of the feed; RATE renames a second for SECONDS made over HTTP, half
// through each server; then a partner token subscribed on one server is revoked through the
// other, REVOCATIONS times. Prints one JSON object with what it measured.
//
//   (in tests/clients) node ../../bench/live/live.mjs <base URL of A> <base URL of B> <pid of A> <pid of B> <admin name> <password>
//
// Settings (environment): SUBSCRIBERS (1000), RATE (50), SECONDS (60), REVOCATIONS (5),
// PER_TOKEN sockets per partner token and server (5: a server allows 10), LANES services
// renamed side by side (8; the public record has 9), each through one server, A and B in turn.
// WORKERS threads hold the subscribers (2; subscriber i in thread i mod WORKERS), so that
// taking the events is not all one JavaScript thread's work beside the renames.
// COMMIT_TIMES_DB, the database's URL when PostgreSQL keeps commit timestamps
// (track_commit_timestamp = on): the latency is then measured from each change's commit as
// PostgreSQL recorded it, read with psql after the run, as well as from the event's `at`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

// The packages installed for the client tests (tests/clients, the working directory).
const installed = createRequire(`${process.cwd()}/package.json`);
const load = (name) => import(pathToFileURL(installed.resolve(name)).href);
const { createClient } = await load('graphql-ws');
const { default: WebSocket } = await load('ws');

const [baseA, baseB, pidA, pidB, adminName, adminPassword] = process.argv.slice(2);
const SUBSCRIBERS = Number(process.env.SUBSCRIBERS ?? 1000);
const RATE = Number(process.env.RATE ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 60);
const REVOCATIONS = Number(process.env.REVOCATIONS ?? 5);
const PER_TOKEN = Number(process.env.PER_TOKEN ?? 5);
const LANES = Number(process.env.LANES ?? 8);
const WORKERS = Number(process.env.WORKERS ?? 2);
const servers = [
  { name: 'A', base: baseA, pid: pidA },
  { name: 'B', base: baseB, pid: pidB },
];
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args) => console.error('live:', ...args);
const rssKb = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;
const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? null),
  };
};

// --- HTTP ---------------------------------------------------------------------------------
let cookie = '';
const post = async (base, query, variables, headers = { cookie }) => {
  const answer = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await answer.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { body, answer };
};
const login = async () => {
  const { answer } = await post(
    baseA,
    'mutation($n: String!, $p: String!) { login(name: $n, password: $p) { me { name } } }',
    { n: adminName, p: adminPassword },
    {},
  );
  cookie = answer.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
};
const newToken = async (name) => {
  const { body } = await post(
    baseA,
    'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }',
    { input: { name, scopes: ['COVERAGE_READ'], expiresInDays: 1 } },
  );
  return body.data.createApiToken;
};
const endOfFeed = async () => {
  let after = null;
  for (;;) {
    const { body } = await post(
      baseA,
      'query($after: String) { changes(after: $after, first: 100) { edges { cursor } pageInfo { hasNextPage } } }',
      { after },
    );
    const { edges, pageInfo } = body.data.changes;
    if (edges.length) after = edges.at(-1).cursor;
    if (!pageInfo.hasNextPage) return after;
  }
};
const services = async () => {
  const { body } = await post(
    baseA,
    'query($n: Int!) { services(first: $n) { nodes { id version code name category } } }',
    { n: LANES },
  );
  return body.data.services.nodes;
};
const rename = (server, service, n) =>
  post(
    server.base,
    `mutation($id: ID!, $version: Int!, $input: ServiceInput!) {
       updateService(id: $id, version: $version, input: $input) { version } }`,
    {
      id: service.id,
      version: service.version,
      input: { code: service.code, name: `${service.name.split(' #')[0]} #${n}`, category: service.category },
    },
  );

// --- subscribers --------------------------------------------------------------------------
const QUERY = `subscription($after: String) {
  registerChanged(types: ["Service"], after: $after) { cursor recordId version at } }`;

// What a subscriber heard, in typed arrays rather than an object per event: a million
// long-lived objects in a thread make its garbage collector pause for long enough to show in
// the latencies it measures.
class Heard {
  constructor() {
    this.length = 0;
    this.records = [];
    this.grow(4096);
  }

  grow(capacity) {
    const fields = { at: Float64Array, committed: Float64Array, position: Float64Array, version: Int32Array, record: Int32Array };
    const next = {};
    for (const [field, Kind] of Object.entries(fields)) {
      next[field] = new Kind(capacity);
      if (this[field]) next[field].set(this[field].subarray(0, this.length));
    }
    Object.assign(this, next);
    this.capacity = capacity;
  }

  push(event, at) {
    if (this.length === this.capacity) this.grow(this.capacity * 2);
    const i = this.length;
    let record = this.records.indexOf(event.recordId);
    if (record < 0) record = this.records.push(event.recordId) - 1;
    this.at[i] = at;
    this.committed[i] = Date.parse(event.at);
    this.position[i] = Number(Buffer.from(event.cursor, 'base64url').toString().split(':')[1]);
    this.version[i] = event.version;
    this.record[i] = record;
    this.length += 1;
  }

  // The events as objects, for the analysis after the run.
  static events(heard) {
    const events = [];
    for (let i = 0; i < heard.length; i++) {
      events.push({
        position: heard.position[i],
        key: `${heard.records[heard.record[i]]}@${heard.version[i]}`,
        at: heard.at[i],
        committed: heard.committed[i],
      });
    }
    return events;
  }
}

// A subscriber on `server` with `token`: keeps what it hears, when.
const subscribe = (server, token, after, onEvent) =>
  new Promise((resolve, reject) => {
    const subscriber = { server: server.name, heard: new Heard(), closed: null, acked: false };
    const client = createClient({
      url: `${server.base.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: (error) => {
        subscriber.closed ??= { at: now(), code: error?.code, reason: error?.reason };
      },
      on: {
        connected: () => {
          subscriber.acked = true;
          resolve(subscriber);
        },
        closed: (event) => {
          subscriber.closed ??= { at: now(), code: event?.code, reason: event?.reason };
          if (!subscriber.acked) reject(new Error(`closed before ack: ${event?.code}`));
        },
      },
    });
    subscriber.client = client;
    client.subscribe(
      { query: QUERY, variables: { after } },
      {
        next: ({ data, errors }) => {
          if (errors) {
            subscriber.errors = errors;
            return;
          }
          const event = data.registerChanged;
          const at = now();
          subscriber.heard.push(event, at);
          onEvent?.(subscriber, event, at);
        },
        error: (error) => {
          subscriber.errors = error;
        },
        complete: () => {},
      },
    );
  });

// --- a thread holding subscribers ---------------------------------------------------------
// Opens the subscribers it is given (50 at a time), tells how many events the one that heard
// fewest has heard when asked, hands over what each heard, and closes them.
if (!isMainThread) {
  const { given, start } = workerData;
  const held = [];
  for (let i = 0; i < given.length; i += 50) {
    const batch = given.slice(i, i + 50).map(({ base, name, token }) => subscribe({ base, name }, token, start));
    held.push(...(await Promise.all(batch)));
  }
  parentPort.on('message', (ask) => {
    if (ask === 'fewest') {
      parentPort.postMessage({ fewest: Math.min(...held.map((s) => s.heard.length)) });
    } else if (ask === 'collect') {
      parentPort.postMessage({
        collected: held.map((s) => ({ server: s.server, heard: { ...s.heard }, closed: s.closed })),
      });
    } else if (ask === 'dispose') {
      for (const s of held) s.client.dispose();
      parentPort.postMessage({ disposed: true });
    }
  });
  parentPort.postMessage({ open: held.length });
  await new Promise(() => {});
}

// --- the run ------------------------------------------------------------------------------
await login();
const renamed = await services();
if (renamed.length < LANES) throw new Error(`only ${renamed.length} services to rename`);
const result = { subscribers: SUBSCRIBERS, rate: RATE, seconds: SECONDS, lanes: LANES };

// Memory with no subscriber (after a few requests on each, so that pools are open).
for (const server of servers) {
  for (let i = 0; i < 20; i++) await post(server.base, '{ services(first: 1) { totalCount } }', {});
}
await sleep(3000);
const idleBefore = servers.map((s) => rssKb(s.pid));

const tokens = [];
for (let i = 0; i < Math.ceil(SUBSCRIBERS / (2 * PER_TOKEN)); i++) {
  tokens.push((await newToken(`live bench ${i}`)).token);
}
const start = await endOfFeed();
const opening = now();
const threads = [];
for (let w = 0; w < WORKERS; w++) {
  const given = [];
  for (let j = w; j < SUBSCRIBERS; j += WORKERS) {
    const server = servers[j % 2];
    given.push({ base: server.base, name: server.name, token: tokens[Math.floor(j / (2 * PER_TOKEN))] });
  }
  const worker = new Worker(new URL(import.meta.url), { workerData: { given, start } });
  const thread = { worker, answers: [] };
  worker.on('message', (message) => thread.answers.shift()?.(message));
  thread.ask = (what) => new Promise((resolve) => {
    thread.answers.push(resolve);
    worker.postMessage(what);
  });
  thread.opened = new Promise((resolve, reject) => {
    thread.answers.push(resolve);
    worker.on('error', reject);
  });
  threads.push(thread);
}
await Promise.all(threads.map((t) => t.opened));
result.openSeconds = Math.round(now() - opening) / 1000;
log(`${SUBSCRIBERS} subscribers open in ${result.openSeconds} s in ${WORKERS} threads`);
await sleep(5000);
const idleAfter = servers.map((s) => rssKb(s.pid));
result.rssKb = { idleBefore, idleAfter };
result.kbPerIdleSubscriber =
  Math.round(((idleAfter[0] + idleAfter[1] - idleBefore[0] - idleBefore[1]) / SUBSCRIBERS) * 10) / 10;
log(`RSS before ${idleBefore} kB, with ${SUBSCRIBERS} idle subscribers ${idleAfter} kB`);

// The changes: RATE a second, in turn of LANES services, each renamed through one server (A
// and B in turn); a rename waits for the one before it of the same service (and goes as soon
// as that answered when it is late).
const made = new Map(); // key -> { through, answered }
const lanes = renamed.map((service, i) => ({
  server: servers[i % 2],
  service,
  busy: false,
  pending: 0,
  late: 0,
}));
let n = 0;
let failed = 0;
const total = RATE * SECONDS;
const pump = (lane) => {
  if (lane.busy || lane.pending === 0) return;
  lane.busy = true;
  lane.pending -= 1;
  n += 1;
  rename(lane.server, lane.service, n)
    .then(({ body }) => {
      lane.service.version = body.data.updateService.version;
      made.set(`${lane.service.id}@${lane.service.version}`, { through: lane.server.name, answered: now() });
    })
    .catch((error) => {
      failed += 1;
      log('a rename failed:', error.message);
    })
    .finally(() => {
      lane.busy = false;
      pump(lane);
    });
};
const began = now();
let due = 0;
await new Promise((resolve) => {
  const tick = setInterval(() => {
    const target = Math.min(total, Math.floor(((now() - began) / 1000) * RATE) + 1);
    while (due < target) {
      const lane = lanes[due % lanes.length];
      due += 1;
      if (lane.busy) lane.late += 1;
      lane.pending += 1;
      pump(lane);
    }
    if (due >= total) {
      clearInterval(tick);
      resolve();
    }
  }, 5);
});
result.scheduleSeconds = Math.round(now() - began) / 1000;
while (lanes.some((lane) => lane.busy || lane.pending > 0)) await sleep(10);
result.changesMade = made.size;
result.changesLate = lanes.reduce((sum, lane) => sum + lane.late, 0);
result.changesFailed = failed;
result.changeSeconds = Math.round(now() - began) / 1000;
log(`${made.size} renames in ${result.changeSeconds} s (${result.changesLate} waited for the one before)`);

// Wait until every subscriber heard every change (at most 30 s), then a little longer.
const waitStart = now();
const fewest = async () => Math.min(...(await Promise.all(threads.map((t) => t.ask('fewest')))).map((a) => a.fewest));
while (now() - waitStart < 30_000 && (await fewest()) < made.size) await sleep(100);
await sleep(2000);
result.rssKb.afterRun = servers.map((s) => rssKb(s.pid));

// Every event to every subscriber once.
const subscribers = (await Promise.all(threads.map((t) => t.ask('collect')))).flatMap((a) => a.collected);
let received = 0;
let duplicates = 0;
let missing = 0;
let foreign = 0;
let outOfOrder = 0;
let closedEarly = 0;
const fromCommit = [];
const fromCommitted = [];
const fromAnswer = [];
// Each change's commit as PostgreSQL recorded it, by the feed position of its audit entry.
const commits = new Map();
if (process.env.COMMIT_TIMES_DB) {
  const rows = execFileSync('psql', [process.env.COMMIT_TIMES_DB, '-X', '-A', '-t', '-F', ' ', '-c',
    'SELECT position, extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000 FROM audit_entries '
    + "WHERE position IS NOT NULL AND record_type = 'Service'"], { encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const line of rows.split('\n')) {
    const [position, committed] = line.split(' ');
    if (committed) commits.set(Number(position), Number(committed));
  }
}
const crossServer = { AtoB: [], BtoA: [] };
for (const s of subscribers) {
  const seen = new Set();
  let lastPosition = null;
  for (const event of Heard.events(s.heard)) {
    received += 1;
    if (seen.has(event.key)) duplicates += 1;
    seen.add(event.key);
    const change = made.get(event.key);
    if (!change) {
      foreign += 1;
      continue;
    }
    const { position } = event;
    if (lastPosition !== null && position <= lastPosition) outOfOrder += 1;
    lastPosition = position;
    fromCommit.push(event.at - event.committed);
    if (commits.has(position)) fromCommitted.push(event.at - commits.get(position));
    fromAnswer.push(event.at - change.answered);
    if (change.through !== s.server) crossServer[`${change.through}to${s.server}`].push(event.at - change.answered);
  }
  for (const key of made.keys()) if (!seen.has(key)) missing += 1;
  if (s.closed) closedEarly += 1;
}
Object.assign(result, {
  expected: made.size * subscribers.length,
  received,
  duplicates,
  missing,
  foreign,
  outOfOrder,
  closedEarly,
  latencyFromCommitMs: stats(fromCommit),
  latencyFromCommittedMs: commits.size ? stats(fromCommitted) : null,
  latencyFromAnswerMs: stats(fromAnswer),
  throughAseenOnBMs: stats(crossServer.AtoB),
  throughBseenOnAMs: stats(crossServer.BtoA),
});
log(`expected ${result.expected}, received ${received}, duplicates ${duplicates}, missing ${missing}`);
await Promise.all(threads.map((t) => t.ask('dispose')));
await sleep(5000);
result.rssKb.afterClosing = servers.map((s) => rssKb(s.pid));

// Revocation: a token subscribed on one server, revoked through the other; the time from the
// revocation's answer to its socket's close (and from sending it).
result.revocations = [];
for (let i = 0; i < REVOCATIONS; i++) {
  const on = servers[i % 2];
  const through = servers[(i + 1) % 2];
  const { token, apiToken } = await newToken(`live bench revoked ${i}`);
  const s = await subscribe(on, token, null);
  await sleep(500);
  const sent = now();
  await post(through.base, 'mutation($id: ID!) { revokeApiToken(id: $id) { id } }', { id: apiToken.id });
  const answered = now();
  const deadline = now() + 5000;
  while (!s.closed && now() < deadline) await sleep(1);
  result.revocations.push({
    subscribedOn: on.name,
    revokedThrough: through.name,
    closeCode: s.closed?.code ?? null,
    fromSentMs: s.closed ? Math.round((s.closed.at - sent) * 10) / 10 : null,
    fromAnswerMs: s.closed ? Math.round((s.closed.at - answered) * 10) / 10 : null,
  });
  s.client.dispose();
}
console.log(JSON.stringify(result, null, 2));
process.exit(0);
