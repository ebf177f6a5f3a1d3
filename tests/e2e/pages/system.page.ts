/** Page model of the system page and the demo workspace dialog. */
import { expect, type Locator, type Page } from '@playwright/test';

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

/** Opens 创建演示数据 (from wherever the button is shown), creates `teachers`, and closes. */
export async function createDemo(page: Page, teachers: number): Promise<number> {
  await page.getByTestId('demo-create').first().click();
  const input = page.getByTestId('demo-teachers');
  await input.fill(String(teachers));
  await page.getByTestId('demo-start').click();
  const done = page.getByTestId('demo-done');
  await expect(done).toBeVisible({ timeout: 90_000 });
  const created = Number(await done.getAttribute('data-teachers'));
  await page.getByTestId('demo-close').click();
  await expect(done).toBeHidden();
  return created;
}
