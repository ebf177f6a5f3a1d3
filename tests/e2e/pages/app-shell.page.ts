/** Page model of the shell: readiness, navigation, the status bar, and downloads. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { AuditPage } from './audit.page';
import { OrgPage } from './org.page';
import { RosterPage } from './roster.page';
import { SystemPage } from './system.page';

export type NavKey = 'roster' | 'org' | 'audit' | 'system';

export class AppShellPage {
  constructor(readonly page: Page) {}

  async waitUntilReady(): Promise<void> {
    await expect(this.page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
    await expect(this.page.getByTestId('status-bar')).toHaveAttribute('data-connected', 'true');
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
