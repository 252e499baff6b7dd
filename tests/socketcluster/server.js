// A SocketCluster 9 server for webpubsub's integration tests (tests/it/socketcluster.rs).
//
//   node server.js [PORT]     listens on 127.0.0.1:PORT (0 or none: any free port)
//
// Prints one line, {"port":N}, once it listens. PING_INTERVAL_MS and PING_TIMEOUT_MS, when set,
// replace the server's defaults (8000 and 20000). The usual session-server shape:
//   registerUser {name}            -> callback {urn}
//   sendMessageToChannel {text, userUrn} -> publishes {text, to: userUrn} to the channel userUrn
//   login {name}                   -> sets an auth token (#setAuthToken), callback {ok}
//   disconnectMe {code, reason}    -> the server ends the connection with #disconnect
// The `ws` engine is used: the default `uws` is a native module that does not build on current Node.
'use strict';

const http = require('http');
const socketClusterServer = require('socketcluster-server');

const port = Number(process.argv[2] || 0);
const httpServer = http.createServer((req, res) => {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not a SocketCluster path\n');
});
const options = { wsEngine: 'ws' };
if (process.env.PING_INTERVAL_MS) options.pingInterval = Number(process.env.PING_INTERVAL_MS);
if (process.env.PING_TIMEOUT_MS) options.pingTimeout = Number(process.env.PING_TIMEOUT_MS);
const scServer = socketClusterServer.attach(httpServer, options);

let registered = 0;

scServer.on('connection', (socket) => {
  socket.on('registerUser', (data, respond) => {
    const name = data && typeof data.name === 'string' ? data.name : 'anonymous';
    registered += 1;
    respond(null, { urn: `urn:user:${name}:${registered}` });
  });

  socket.on('sendMessageToChannel', (data, respond) => {
    if (!data || typeof data.text !== 'string' || typeof data.userUrn !== 'string') {
      respond('sendMessageToChannel needs {text, userUrn}');
      return;
    }
    scServer.exchange.publish(data.userUrn, { text: data.text, to: data.userUrn }, (err) => {
      respond(err ? String(err) : null, { delivered: true });
    });
  });

  socket.on('login', (data, respond) => {
    socket.setAuthToken({ username: data && data.name });
    respond(null, { ok: true });
  });

  socket.on('disconnectMe', (data) => {
    const code = data && Number.isInteger(data.code) ? data.code : 4500;
    socket.disconnect(code, data && data.reason);
  });
});

scServer.on('warning', () => {});
scServer.on('error', (err) => console.error(String(err)));

httpServer.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: httpServer.address().port }));
});
