/** Page model of the shell: readiness, who is logged in, navigation, the status bar, downloads. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { AuditPage } from './audit.page';
import { DEMO_PASSWORD, LoginPage, type DemoUser } from './login.page';
import { OperatorsPage } from './operators.page';
import { OrgPage } from './org.page';
import { RosterPage } from './roster.page';
import { SystemPage } from './system.page';

export type NavKey =
  | 'roster'
  | 'org'
  | 'rules'
  | 'projects'
  | 'quotas'
  | 'enrollment'
  | 'operators'
  | 'audit'
  | 'system';

export class AppShellPage {
  constructor(readonly page: Page) {}

  async waitUntilReady(): Promise<void> {
    await expect(this.page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
    await expect(this.page.getByTestId('status-bar')).toHaveAttribute('data-connected', 'true');
  }

  /** The name in the header, of whoever is logged in. */
  displayName(): Promise<string | null> {
    return this.page.getByTestId('user-display-name').textContent();
  }

  /** The menu entries shown, by page key. */
  async navKeys(): Promise<string[]> {
    const entries = this.page.locator('.app-nav [data-testid^="nav-"]');
    const ids = await entries.evaluateAll((list) =>
      list.map((el) =>
        (el as unknown as { getAttribute(name: string): string | null }).getAttribute(
          'data-testid',
        ),
      ),
    );
    return ids.map((id) => (id ?? '').replace('nav-', ''));
  }

  /** 退出登录 from the operator's menu; the login screen follows. */
  async logout(): Promise<LoginPage> {
    await this.page.getByTestId('user-menu').click();
    await this.page.getByTestId('user-menu-logout').click();
    const login = new LoginPage(this.page);
    await login.expectShown();
    return login;
  }

  /** Logs out and logs in as another demo account, through the login form. */
  async switchTo(user: DemoUser, password = DEMO_PASSWORD): Promise<void> {
    const login = await this.logout();
    await login.login(user, password);
    await this.waitUntilReady();
  }

  /** The page shown without a valid access token: why, and the steps back in. */
  accessHelp() {
    return {
      root: this.page.getByTestId('unauthorized'),
      steps: this.page.getByTestId('access-steps'),
    };
  }

  async open(key: NavKey): Promise<void> {
    await this.page.getByTestId(`nav-${key}`).click();
    await expect(this.page.getByTestId(`${key}-page`)).toBeVisible();
  }

  async roster(): Promise<RosterPage> {
    await this.open('roster');
    return new RosterPage(this.page);
  }

  async org(): Promise<OrgPage> {
    await this.open('org');
    return new OrgPage(this.page);
  }

  async operators(): Promise<OperatorsPage> {
    await this.open('operators');
    return new OperatorsPage(this.page);
  }

  async audit(): Promise<AuditPage> {
    await this.open('audit');
    return new AuditPage(this.page);
  }

  async system(): Promise<SystemPage> {
    await this.open('system');
    return new SystemPage(this.page);
  }

  async statusTeacherCount(): Promise<number> {
    const text = (await this.page.getByTestId('status-teachers').textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }
}

/** Runs `action`, waits for the browser download it starts, and saves it under `dir`. */
export async function saveDownload(
  page: Page,
  dir: string,
  action: () => Promise<void>,
): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    action(),
  ]);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, download.suggestedFilename());
  await download.saveAs(target);
  return target;
}
