// @ts-check
// electron-builder afterSign: notarise the signed macOS app with Apple's notary service.
//
// Runs only on macOS, and only when credentials are in the environment (set them as CI secrets,
// never in the repo). One of:
//   APPLE_API_KEY (path to the .p8 key) + APPLE_API_KEY_ID + APPLE_API_ISSUER   (App Store Connect API key)
//   APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID                      (Apple ID)
//   APPLE_KEYCHAIN_PROFILE (+ optional APPLE_KEYCHAIN)                          (a notarytool keychain profile)
// Signing itself needs CSC_LINK + CSC_KEY_PASSWORD (a Developer ID Application certificate);
// an unsigned app cannot be notarised, so without a certificate this hook is not even called.
// Without credentials it logs that it skipped and returns: local and CI builds still work, and
// the result is an app Gatekeeper will question until it is notarised.
import { join } from 'node:path';

/** The notarytool credentials present in the environment, or undefined. */
export function notarizeCredentials(env = process.env) {
  if (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER) {
    return { appleApiKey: env.APPLE_API_KEY, appleApiKeyId: env.APPLE_API_KEY_ID, appleApiIssuer: env.APPLE_API_ISSUER };
  }
  if (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) {
    return { appleId: env.APPLE_ID, appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD, teamId: env.APPLE_TEAM_ID };
  }
  if (env.APPLE_KEYCHAIN_PROFILE) {
    return { keychainProfile: env.APPLE_KEYCHAIN_PROFILE, ...(env.APPLE_KEYCHAIN ? { keychain: env.APPLE_KEYCHAIN } : {}) };
  }
  return undefined;
}

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterSign(context) {
  if (context.electronPlatformName !== 'darwin') return;
  const credentials = notarizeCredentials();
  if (!credentials) {
    console.log('  • notarisation skipped: no Apple credentials in the environment (see build/hooks/after-sign.mjs)');
    return;
  }
  const appPath = join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  const { notarize } = await import('@electron/notarize');
  console.log(`  • notarising ${appPath}`);
  await notarize({ appPath, ...credentials });
  console.log('  • notarised and stapled');
}
