// The one IPC dispatch, used by Electron's ipcMain and the browser preview's HTTP bridge alike:
// channel check, validation into the handler's typed arguments, the handler, and the reply
// envelope. A sender check (our own main frame, or the preview's session token) runs before it.
import type { InvokeArgs, InvokeChannelName, InvokeReply, InvokeResult } from '../../shared/ipc-contract';
import type { AppService } from './app-service';
import { AppError, replyOf } from './ipc-envelope';
import { isInvokeChannel, validateArgs } from './ipc-validate';

type Handlers = { [C in InvokeChannelName]: (service: AppService, ...args: InvokeArgs<C>) => InvokeResult<C> | Promise<InvokeResult<C>> };

/** Channel → typed service method. The panel's commands all arrive with source 'panel'. */
const HANDLERS: Handlers = {
  'calls:list': (s) => s.listCalls(),
  'calls:refresh': (s) => s.refresh(),
  'command:execute': (s, command) => s.execute(command, 'panel'),
  'session:get': (s) => s.session(),
  'session:sign-in': (s, request) => s.signIn(request),
  'session:sign-out': (s) => s.signOut(),
  'demo:start': (s) => s.startDemo(),
  'settings:get': (s) => s.settings.view(),
  'settings:set': (s, patch) => s.settings.commit(patch),
  'hotkeys:capture': (s, capturing) => s.captureHotkeys(capturing),
  'panel:hide': (s) => s.hidePanel(),
};

export function dispatch(service: AppService, channel: string, args: unknown[]): Promise<InvokeReply<unknown>> {
  return replyOf(
    (async () => {
      if (!isInvokeChannel(channel)) throw new AppError('UNKNOWN_CHANNEL', 'input');
      const handler = HANDLERS[channel] as (service: AppService, ...args: unknown[]) => unknown;
      return handler(service, ...validateArgs(channel, args));
    })(),
  );
}
