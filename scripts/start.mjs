#!/usr/bin/env node
// `npm start`: the Vite dev server at http://127.0.0.1:5173 on the demo cluster.
// `npm start -- --proxy http://127.0.0.1:8001`: the same, and the Kubernetes API paths (/api,
// /apis, /version) are forwarded to that address (a `kubectl proxy`), so the app reads the cluster
// from its own origin: open http://127.0.0.1:5173/?cluster.
// `--preview` serves the production build in dist/ instead (`vite preview`, port 4173), with the
// same forwarding.
import { createServer, preview } from 'vite';

const USAGE = 'usage: npm start [-- --proxy http://127.0.0.1:8001] [--preview] [--port N]';

/** Reads `--proxy URL`, `--proxy=URL` and `--preview`; exits with a message on anything else. */
function parseArgs(argv) {
  const options = { proxy: null, preview: false, port: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--preview') options.preview = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = Number(arg === '--port' ? argv[++i] : arg.slice('--port='.length));
      if (!Number.isInteger(value) || value < 1 || value > 65535) fail('--port needs a port number');
      options.port = value;
    } else if (arg === '--proxy' || arg.startsWith('--proxy=')) {
      const value = arg === '--proxy' ? argv[++i] : arg.slice('--proxy='.length);
      if (!value) fail('--proxy needs the address of a kubectl proxy, such as http://127.0.0.1:8001');
      options.proxy = value;
    } else fail(`unknown argument "${arg}"\n${USAGE}`);
  }
  if (options.proxy !== null) {
    let url;
    try {
      url = new URL(options.proxy);
    } catch {
      fail(`--proxy: "${options.proxy}" is not a URL; give one like http://127.0.0.1:8001`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      fail(`--proxy: the address must start with http:// or https:// (not ${url.protocol})`);
    options.proxy = url.origin + url.pathname.replace(/\/+$/, '');
  }
  return options;
}

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(2);
}

/** Vite's `proxy` option: the API paths to `target`, with its Host (kubectl proxy checks it). */
function apiProxy(target) {
  return {
    '^/(api|apis)(/.*)?$': { target, changeOrigin: true },
    '^/version(\\?.*)?$': { target, changeOrigin: true },
  };
}

const options = parseArgs(process.argv.slice(2));
const proxy = options.proxy ? apiProxy(options.proxy) : undefined;
const port = options.port ?? (options.preview ? 4173 : 5173);
const listen = { host: '127.0.0.1', port, strictPort: true, ...(proxy ? { proxy } : {}) };
const server = options.preview ? await preview({ preview: listen }) : await createServer({ server: listen });
if (!options.preview) await server.listen();
server.printUrls();
if (options.proxy) {
  const origin = `http://127.0.0.1:${port}`;
  console.log(`  ➜  API:     /api, /apis and /version go to ${options.proxy}`);
  console.log(`  ➜  Cluster: ${origin}/?cluster`);
}
server.bindCLIShortcuts?.({ print: true });
