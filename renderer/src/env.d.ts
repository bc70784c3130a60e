import type { CecBridge } from '../../shared/ipc-contract';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the preview's bridge script (browser); see shared/cec-api.ts. */
    readonly cecBridge: CecBridge;
  }
}

export {};
