// Every invoke channel, registered once through one handle() path: refuse anything that is not
// our own main frame, validate the arguments, run the app-service handler, and reply with an
// {ok, value} / {ok:false, error:{code, kind, message}} envelope (a thrown Error would reach the
// renderer as "Error invoking remote method" and could carry secrets).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { InvokeChannel, type ErrorEnvelope, type InvokeReply } from '../../shared/ipc-contract';
import type { AppService } from '../app/app-service';
import { replyOf } from '../app/ipc-envelope';
import { validateArgs } from '../app/ipc-validate';

export interface IpcOptions {
  /** The panel's web contents; pushes go there and only there. */
  contents(): WebContents | undefined;
  isTrustedUrl(url: string): boolean;
  log(message: string): void;
}

const UNTRUSTED: ErrorEnvelope = { code: 'UNTRUSTED_SENDER', kind: 'permission', message: 'This request did not come from the app window.' };

function fromOurMainFrame(event: IpcMainInvokeEvent, options: IpcOptions): boolean {
  const frame = event.senderFrame;
  // Same rule as VS Code's validatedIpcMain: our own page, main frame, our own window.
  if (!frame || frame.parent !== null) return false;
  if (event.sender !== options.contents()) return false;
  return options.isTrustedUrl(frame.url);
}

export function registerIpc(service: AppService, options: IpcOptions): () => void {
  const channels = Object.values(InvokeChannel);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<InvokeReply<unknown>> => {
      if (!fromOurMainFrame(event, options)) {
        options.log(`Refused ${channel} from ${event.senderFrame?.url.slice(0, 200) ?? 'a closed frame'}`);
        return { ok: false, error: UNTRUSTED };
      }
      return replyOf(
        (async () => {
          const valid = validateArgs(channel, args);
          return service.handlers[channel](...valid);
        })(),
      );
    });
  }
  const stopPush = service.onPush((channel, payload) => {
    const contents = options.contents();
    if (contents && !contents.isDestroyed()) contents.send(channel, payload);
  });
  return () => {
    stopPush();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
