// The sandboxed preload: exposes window.cecBridge (CecBridge) and nothing else. It must stay one file that
// imports only 'electron' (plus shared constants that bundle inline): a sandboxed preload cannot
// load Node modules or split chunks. ipcRenderer itself is never handed to the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, PushChannel, type CecApi, type CecBridge, type PushChannelName, type PushMap } from '../../shared/ipc-contract';

const PUSH_CHANNELS: ReadonlySet<string> = new Set(Object.values(PushChannel));

type Invokers = Omit<CecApi, 'on'>;

// Replies cross as data ({ok, value} / {ok:false, error}): contextBridge would strip `code` and
// `kind` from a rejected Error. The page unwraps them with createCecApi (shared/cec-api.ts).
function buildBridge(): CecBridge {
  const methods = {} as Record<keyof Invokers, (...args: unknown[]) => Promise<unknown>>;
  for (const [method, channel] of Object.entries(API_METHODS) as Array<[keyof Invokers, string]>) {
    methods[method] = (...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
  }
  const on = <C extends PushChannelName>(channel: C, listener: (payload: PushMap[C]) => void): (() => void) => {
    if (!PUSH_CHANNELS.has(channel)) throw new Error(`"${String(channel)}" is not an app event.`);
    if (typeof listener !== 'function') throw new Error('The listener must be a function.');
    // Our own wrapper, so the page never receives the IpcRendererEvent (it exposes `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: PushMap[C]): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };
  return Object.freeze({ ...(methods as unknown as Omit<CecBridge, 'on'>), on });
}

contextBridge.exposeInMainWorld('cecBridge', buildBridge());
