/** Page model of the operation log: entries and the integrity check. */
import { expect, type Locator, type Page } from '@playwright/test';

export class AuditPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('audit-table');
  }

  /** The summaries of the entries on the current page. */
  async summaries(): Promise<string[]> {
    await expect(this.table.locator('.ant-table-row').first()).toBeVisible();
    return this.table.locator('.ant-table-row td:last-child').allTextContents();
  }

  async verify(): Promise<{ isIntact: boolean; text: string }> {
    await this.page.getByTestId('audit-verify').click();
    const result = this.page.getByTestId('audit-verify-result');
    await expect(result).toBeVisible();
    return {
      isIntact: (await result.getAttribute('data-intact')) === 'true',
      text: (await result.textContent()) ?? '',
    };
  }
}
