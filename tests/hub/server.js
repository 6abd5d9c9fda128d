'use strict';
// An in-memory CouchDB-compatible hub for the sync tests: express-pouchdb (the HTTP layer
// PouchDB Server runs) over PouchDB with the memory adapter. Nothing is written to disk but
// the log file given with --log; all data goes when the process ends.
//
//   node server.js [--host 127.0.0.1] [--port 0] [--log FILE]
//
// Port 0 lets the system pick a free port; the chosen address is printed as the only line on
// stdout: "listening http://127.0.0.1:PORT". The process ends when its stdin closes (so a
// crashed test run leaves no server behind), or on SIGTERM/SIGINT.
//
// Two gaps of express-pouchdb 4.2.0 are closed here so that the hub answers like CouchDB:
// - POST /db/_changes?filter=_selector ignores the {"selector": ...} body (only GET with
//   ?selector= works), so the selector is moved from the body into the query string, and
//   without one the answer is CouchDB's 400 rather than a look-up of "_design/_selector";
// - a _changes request naming a filter whose design document is missing gets its 404 and
//   then kills the whole process (an 'error' event nobody listens to), so errors that escape
//   after the fact are written to stderr and the hub carries on.
//
// SIGUSR1 takes the hub off the network while keeping its data: the listening socket closes
// and every open connection is dropped, so requests in flight fail and new ones are refused,
// as with a hub that was stopped. SIGUSR2 listens again on the same port, as with a hub that
// was restarted with its data. Each prints "down" or "up" on stdout when done.

const http = require('http');
const os = require('os');

function argument(name, fallback) {
  const index = process.argv.indexOf(name);
  return index > 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const host = argument('--host', '127.0.0.1');
let port = Number(argument('--port', '0'));
const logPath = argument('--log', os.devNull);

const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'))
  .plugin(require('pouchdb-mapreduce'));

const app = require('express-pouchdb')(PouchDB, {
  inMemoryConfig: true, // no config.json next to the server
  logPath: logPath,
});

const CHANGES_PATH = /^\/[^/?]+\/_changes(\?|$)/;

function handle(req, res) {
  if (req.method !== 'POST' || !CHANGES_PATH.test(req.url)) {
    app(req, res);
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    let body = {};
    try {
      body = raw.trim() ? JSON.parse(raw) : {};
    } catch (err) {
      res.writeHead(400, {'Content-Type': 'application/json'});
      res.end(JSON.stringify({error: 'bad_request', reason: 'invalid UTF-8 JSON'}) + '\n');
      return;
    }
    const url = new URL(req.url, 'http://hub');
    if (url.searchParams.get('filter') === '_selector' && !url.searchParams.has('selector')) {
      if (!body || typeof body.selector !== 'object' || body.selector === null) {
        res.writeHead(400, {'Content-Type': 'application/json'});
        res.end(JSON.stringify({
          error: 'bad_request', reason: 'Selector must be specified in POST payload',
        }) + '\n');
        return;
      }
      url.searchParams.set('selector', JSON.stringify(body.selector));
      req.url = url.pathname + url.search;
    }
    req.body = body; // body-parser leaves a request alone once this is set
    req._body = true;
    app(req, res);
  });
}

process.on('uncaughtException', (err) => {
  process.stderr.write(`hub: error outside a request, carrying on: ${err && err.stack}\n`);
});

const sockets = new Set();
const server = http.createServer(handle);
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});

function listen(message) {
  server.listen(port, host, () => {
    port = server.address().port;
    process.stdout.write(message === 'up' ? 'up\n' : `listening http://${host}:${port}\n`);
  });
}

process.on('SIGUSR1', () => {
  if (!server.listening) {
    process.stdout.write('down\n');
    return;
  }
  server.close(() => process.stdout.write('down\n'));
  for (const socket of sockets) {
    socket.destroy();
  }
});

process.on('SIGUSR2', () => {
  if (server.listening) {
    process.stdout.write('up\n');
    return;
  }
  listen('up');
});

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();

listen();
