// Bundles GraphiQL for the server to serve at `/graphiql`: `node build.mjs [OUTDIR]` writes
// OUTDIR (default: the web app's `frontend/dist/graphiql`) with index.html and
// content-addressed script and stylesheet files (with their licence notes beside them). The page loads nothing from any other host and runs no inline script,
// so it works on networks without internet access and under a strict Content-Security-Policy.
import * as esbuild from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [outdir = path.join(here, '..', 'dist', 'graphiql')] = process.argv.slice(2);
const out = path.resolve(outdir);
rmSync(out, { recursive: true, force: true });

const { metafile } = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { graphiql: 'src/main.jsx' },
  outdir: out,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  jsx: 'automatic',
  loader: { '.graphql': 'text' },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});

const entry = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint);
if (!entry || !entry[1].cssBundle) {
  throw new Error('esbuild reported no script with a stylesheet for src/main.jsx');
}
const [script, { cssBundle: stylesheet }] = entry;

// Fonts and images must come inline: a `url()` to anywhere else would be a request the page
// cannot make offline (and the CSP would refuse).
const css = readFileSync(path.join(here, stylesheet), 'utf8');
const remote = css.match(/@import|url\((?!\s*["']?data:)[^)]*\)/);
if (remote) {
  throw new Error(`the stylesheet refers to something outside it: ${remote[0].slice(0, 80)}`);
}

// Absolute paths: the page is served at `/graphiql`, its files below `/graphiql/`.
const served = (file) => `/graphiql/${path.basename(file)}`;
const template = readFileSync(path.join(here, 'index.html'), 'utf8');
for (const placeholder of ['{{script}}', '{{stylesheet}}']) {
  if (!template.includes(placeholder)) {
    throw new Error(`frontend/graphiql/index.html lacks the placeholder ${placeholder}`);
  }
}
writeFileSync(
  path.join(out, 'index.html'),
  template.replace('{{script}}', served(script)).replace('{{stylesheet}}', served(stylesheet)),
);
