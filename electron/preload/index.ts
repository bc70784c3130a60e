// The sandboxed preload: exposes window.cec (CecApi) and nothing else. It must stay one file that
// imports only 'electron' (plus shared constants that bundle inline): a sandboxed preload cannot
// load Node modules or split chunks. ipcRenderer itself is never handed to the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_METHODS, PushChannel, type CecApi, type InvokeReply, type PushChannelName, type PushMap } from '../../shared/ipc-contract';

export type CecError = Error & { code: string; kind: string };

function unwrap<T>(reply: InvokeReply<T>): T {
  if (reply.ok) return reply.value;
  const error = new Error(reply.error.message) as CecError;
  error.name = 'CecError';
  error.code = reply.error.code;
  error.kind = reply.error.kind;
  throw error;
}

const PUSH_CHANNELS: ReadonlySet<string> = new Set(Object.values(PushChannel));

type Invokers = Omit<CecApi, 'on'>;

function buildApi(): CecApi {
  const methods = {} as Record<keyof Invokers, (...args: unknown[]) => Promise<unknown>>;
  for (const [method, channel] of Object.entries(API_METHODS) as Array<[keyof Invokers, string]>) {
    methods[method] = async (...args: unknown[]) => unwrap((await ipcRenderer.invoke(channel, ...args)) as InvokeReply<unknown>);
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
  return Object.freeze({ ...(methods as unknown as Invokers), on });
}

contextBridge.exposeInMainWorld('cec', buildApi());
