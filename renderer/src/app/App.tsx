/**
 * The providers around the shell: antd in Chinese (locale, dayjs zh-cn, a calm office theme),
 * antd's App context for notifications, the shared system info, and app-wide dialogs.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { SystemInfoProvider } from '../api/system-info';
import { DemoCreateProvider } from '../features/system/DemoCreateButton';
import { AppShell } from './AppShell';
import { appTheme } from './theme';
import './app.css';

dayjs.locale('zh-cn');

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} componentSize="middle">
      <AntApp notification={{ placement: 'topRight' }} message={{ maxCount: 3 }}>
        <SystemInfoProvider>
          <DemoCreateProvider>
            <AppShell />
          </DemoCreateProvider>
        </SystemInfoProvider>
      </AntApp>
    </ConfigProvider>
  );
}
