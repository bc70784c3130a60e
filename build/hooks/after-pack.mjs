// @ts-check
// electron-builder afterPack: flip the fuses (build/hooks/fuses.mjs) on the packed binary, before
// any signing, and read them back; a binary whose fuses did not take fails the build.
import { Arch } from 'electron-builder';
import { hardenBinary, packagedBinary } from './fuses.mjs';

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  const binary = packagedBinary(context);
  const report = await hardenBinary(binary, context.electronPlatformName, Arch[context.arch]);
  console.log(`  • fuses set on ${binary}: ${report.join(', ')}`);
}
