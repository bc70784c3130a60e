// Electron glue for the app:// scheme (the rules live in ../app/app-protocol.ts, tested in Node).
// The scheme must be declared privileged before 'ready'; the handler is installed after it,
// before the panel loads.
import { protocol, type Session } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from '../app/app-protocol';

/** Call at module load of the main entry, before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serve app:// from the built renderer directory (inside app.asar when packaged). */
export function handleAppScheme(rendererDir: string, log: (message: string) => void, session?: Session): void {
  const target = session?.protocol ?? protocol;
  target.handle(APP_SCHEME, async (request) => {
    const response = await serveAppRequest({ url: request.url, method: request.method }, rendererDir);
    if (response.refusal) log(`app:// refused ${response.refusal} (${response.status}) for ${request.url.slice(0, 200)}`);
    // The Buffer is copied into a fresh Uint8Array: Response wants an ArrayBuffer-backed view.
    return new Response(response.body ? new Uint8Array(response.body) : null, { status: response.status, headers: response.headers });
  });
}
