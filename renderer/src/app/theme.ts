/** The antd theme: a restrained blue, small radii and compact spacing, like an office tool. */
import { type ThemeConfig } from 'antd';

export const appTheme: ThemeConfig = {
  // antd's component styles come from its prebuilt stylesheet (antd/dist/antd.css, imported by
  // App.tsx), not generated while the first screen renders: that generation was ≈ 100 ms of a cold
  // start's ≈ 950 ms to the roster's first rows (BENCH_ONLY=first-paint). The theme below still
  // applies: it is CSS variables, which antd registers at run time either way.
  zeroRuntime: true,
  // A fixed name for those variables' class: the default comes from React's useId, and the
  // prebuilt stylesheet carries antd's default values under such ids (.css-var-_R_0_).
  cssVar: { key: 'traindesk' },
  token: {
    colorPrimary: '#1f5fbf',
    colorInfo: '#1f5fbf',
    colorSuccess: '#1d7a46',
    colorWarning: '#b26a00',
    colorError: '#c0392b',
    borderRadius: 4,
    fontSize: 13,
    colorBgLayout: '#f2f4f7',
    // Derived tints of the darker status colours come out muddy: set the pale ones explicitly.
    colorSuccessBg: '#f0f8f3',
    colorSuccessBorder: '#b5dcc3',
    colorWarningBg: '#fdf6ea',
    colorWarningBorder: '#efd3a3',
    colorErrorBg: '#fdf1f0',
    colorErrorBorder: '#f0c2bd',
    colorInfoBg: '#eef4fc',
    colorInfoBorder: '#bcd2f0',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Menu: { itemHeight: 38, itemMarginInline: 6, itemBorderRadius: 4 },
    Table: { cellPaddingBlockSM: 6 },
  },
};
