/**
 * The providers around the app: antd in Chinese (locale, dayjs zh-cn, a calm office theme), antd's
 * App context for notifications, and the auth gate, which shows the shell once someone is signed in.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { AuthGate } from './AuthGate';
import { appTheme } from './theme';
// antd's prebuilt component styles (the theme runs with zeroRuntime: see theme.ts).
import 'antd/dist/antd.css';
import './app.css';

dayjs.locale('zh-cn');

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} componentSize="middle">
      <AntApp notification={{ placement: 'topRight' }} message={{ maxCount: 3 }}>
        <AuthGate />
      </AntApp>
    </ConfigProvider>
  );
}
