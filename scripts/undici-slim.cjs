// The parts of undici the gateway client uses (electron/core/transport.ts and tls.ts), for the
// CLI bundle only: undici's own index also loads fetch, WebSocket, caches and mocks, which cost
// a command-line start several hundred milliseconds for nothing. The app and the tests import
// undici itself. A name missing here fails the CLI's integration tests at once.
'use strict';
module.exports = {
  Client: require('undici/lib/dispatcher/client'),
  Pool: require('undici/lib/dispatcher/pool'),
  errors: require('undici/lib/core/errors'),
  buildConnector: require('undici/lib/core/connect'),
};
