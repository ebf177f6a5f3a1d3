/** Page model of the system page. */
import { type Locator, type Page } from '@playwright/test';

export class SystemPage {
  readonly info: Locator;

  constructor(readonly page: Page) {
    this.info = page.getByTestId('system-info');
  }

  async keySource(): Promise<string | null> {
    return this.page.getByTestId('system-key-source').getAttribute('data-key-source');
  }

  async teacherCount(): Promise<number> {
    const text = (await this.page.getByTestId('system-teacher-count').textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }
}
