// A current SocketCluster server (socketcluster-server 20, installed as socketcluster-server-v2),
// which speaks protocol version 2: for the test that such a server is refused clearly.
//
//   node server-v2.js     listens on a free 127.0.0.1 port; prints {"port":N} once it does
'use strict';

const http = require('http');
const socketClusterServer = require('socketcluster-server-v2');

const httpServer = http.createServer();
// Ping soon, so the test does not wait the default 8 s for the first one.
socketClusterServer.attach(httpServer, { pingInterval: 200 });

httpServer.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: httpServer.address().port }));
});
