/**
 * The status bar: which wire the app runs on, whether the core answers, where the data lives, how
 * many teachers it holds, and the version. What support asks first, always visible.
 */
import { Tooltip } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { wireKind } from '../api/client';
import { useSystemInfo } from '../api/system-info';
import { APP_TEXT } from './app.strings';

export function StatusBar() {
  const { info, error } = useSystemInfo();
  const isConnected = info !== undefined && error === null;
  const s = APP_TEXT.status;
  return (
    <footer className="app-statusbar" data-testid="status-bar" data-connected={String(isConnected)}>
      <span className="app-statusbar-item">
        <span className={isConnected ? 'status-dot' : 'status-dot status-dot-bad'} />
        {wireKind() === 'electron' ? s.electron : s.http} ·{' '}
        {isConnected ? s.connected : s.disconnected}
      </span>
      {info && (
        <>
          <Tooltip title={info.dataDir}>
            <span className="app-statusbar-item">{s.dataDir(info.dataDir)}</span>
          </Tooltip>
          <span className="app-statusbar-item">
            <LockOutlined />
            {s.encrypted}
          </span>
          <span className="app-statusbar-item app-statusbar-right" data-testid="status-teachers">
            {s.teachers(info.teacherCount)}
          </span>
          <span className="app-statusbar-item">{s.version(info.version)}</span>
        </>
      )}
    </footer>
  );
}
