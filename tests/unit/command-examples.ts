// One example of every Command type, shared by the unit and integration tests of the command
// model. Typed as a record over CommandType: a new Command type fails to compile here until it
// has an example, so the exhaustiveness tests cannot silently skip it.
import type { Command, CommandType } from '../../shared/commands';

export const EVERY_COMMAND: { readonly [T in CommandType]: Extract<Command, { type: T }> } = {
  resume: { type: 'resume', callid: '1501127996-2' },
  'resume-position': { type: 'resume-position', position: 2 },
  connect: { type: 'connect', callid: '1501127996-3' },
  'connect-position': { type: 'connect-position', position: 1 },
  refresh: { type: 'refresh' },
  'toggle-panel': { type: 'toggle-panel' },
};
