// Browser-side half of the preview (electron/preview/server.ts): implements `window.cecBridge` over
// HTTP + Server-Sent Events, so the real renderer bundle runs in a plain browser against the real
// app service. It is not part of the app bundle; the preview builds it as a classic script loaded
// before the app (a separate file, so the strict CSP holds). Like the preload it exposes
// `window.cecBridge`, whose methods resolve to the raw reply; the page unwraps them the same way.
import { API_METHODS, type CecBridge, type InvokeReply, type PushChannelName, type PushMap } from '../../shared/ipc-contract';

type Listener = (payload: PushMap[PushChannelName]) => void;

const UNREACHABLE: InvokeReply<never> = {
  ok: false,
  error: { code: 'PREVIEW_UNREACHABLE', kind: 'transport', message: { id: 'ui.preview-unreachable' } },
};

/** The server refused this browser: it has not exchanged the run's key (see electron/preview/access.ts). */
const FORBIDDEN: InvokeReply<never> = {
  ok: false,
  error: { code: 'PREVIEW_FORBIDDEN', kind: 'permission', message: { id: 'client.PREVIEW_FORBIDDEN' } },
};

async function invoke(channel: string, args: unknown[]): Promise<InvokeReply<unknown>> {
  // In Electron a listener is live the moment on() returns; here the stream connects
  // asynchronously, so calls wait for it (briefly) rather than miss a push in between.
  await eventsReady;
  try {
    const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      // The access cookie is what lets this page in; same-origin is the default, stated for clarity.
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ args }),
    });
    if (response.status === 403) return FORBIDDEN;
    return (await response.json()) as InvokeReply<unknown>;
  } catch {
    return UNREACHABLE;
  }
}

const listeners = new Map<PushChannelName, Set<Listener>>();
let events: EventSource | undefined;
let eventsReady: Promise<void> | undefined;

function ensureEvents(): void {
  if (events) return;
  events = new EventSource('/api/events');
  const source = events;
  eventsReady = new Promise<void>((resolve) => {
    source.addEventListener('open', () => resolve(), { once: true });
    setTimeout(resolve, 2000);
  });
  events.onmessage = (message: MessageEvent<string>) => {
    const { channel, payload } = JSON.parse(message.data) as { channel: PushChannelName; payload: PushMap[PushChannelName] };
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
}

const api: Record<string, unknown> = {
  on<C extends PushChannelName>(channel: C, listener: (payload: PushMap[C]) => void): () => void {
    ensureEvents();
    const set = listeners.get(channel) ?? new Set<Listener>();
    listeners.set(channel, set);
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => set.delete(wrapped);
  },
};
for (const [method, channel] of Object.entries(API_METHODS)) {
  api[method] = (...args: unknown[]) => invoke(channel, args);
}

Object.defineProperty(window, 'cecBridge', { value: Object.freeze(api) as unknown as CecBridge, enumerable: true });
