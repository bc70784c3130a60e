// 面板（渲染进程）的简体中文文本。规则同 core.zh-CN.ts。
export const uiZhCN = {
  'ui.placeholder': '',
} as const;
