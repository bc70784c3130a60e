// The gateway core's public surface. Nothing under electron/core imports Electron:
// it runs the same in the CLI, the tests, the browser preview server and the main process.
export { AgentClient, type AgentClientOptions, type ClientStats } from './agent-client';
export { describeRetcode, CATALOGUE, SESSION_ENDING_CODES, type CatalogueEntry } from './catalogue';
export { systemClock, type Clock } from './clock';
export { parseGatewayConfig, parseGatewayUrl, parseAgentId, parsePhone, parsePin, type GatewayConfig, type GatewayConfigInput } from './config';
export type { GatewayEvent } from './envelope';
export { GatewayError, GatewayRefusedError, TransportError, TlsError, MalformedResponseError, ConfigurationError, asGatewayError, redact } from './errors';
export type { Availability, SignInOptions, SignInResult } from './gateway-api';
export type { TlsHandshakeInfo } from './tls';
