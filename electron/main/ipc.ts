// Every invoke channel, registered once: refuse anything that is not our own main frame, then
// the one dispatch (electron/app/ipc-dispatch.ts) validates, runs the typed handler and replies
// with an envelope (a thrown Error would reach the renderer as "Error invoking remote method").
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { InvokeChannel, type ErrorEnvelope, type InvokeReply } from '../../shared/ipc-contract';
import { msg } from '../../shared/i18n';
import type { AppService } from '../app/app-service';
import { dispatch } from '../app/ipc-dispatch';

export interface IpcOptions {
  /** The panel's web contents; pushes go there and only there. */
  contents(): WebContents | undefined;
  isTrustedUrl(url: string): boolean;
  log(message: string): void;
}

const UNTRUSTED: ErrorEnvelope = { code: 'UNTRUSTED_SENDER', kind: 'permission', message: msg('client.UNTRUSTED_SENDER') };

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
      return dispatch(service, channel, args);
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
