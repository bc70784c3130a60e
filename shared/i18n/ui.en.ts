// English texts of the panel (renderer). Same rules as core.en.ts.
export const uiEn = {
  'ui.placeholder': '',
} as const;
