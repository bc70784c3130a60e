// Placeholder until the translation lands.
export { coreEn as coreZhCN } from './core.en';
