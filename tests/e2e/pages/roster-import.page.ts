/** Page model of the roster import wizard: file, preview figures, error grid, confirmations, commit. */
import { expect, type Locator, type Page } from '@playwright/test';
import { saveDownload } from './app-shell.page';
import { readGridRows, type GridRow } from './grid';

export type PreviewStat = 'total' | 'new' | 'updated' | 'unchanged' | 'errors';
export type DoneStat = 'inserted' | 'updated' | 'transferred' | 'skipped' | 'rejected' | 'schools';

export class RosterImportWizard {
  readonly root: Locator;
  readonly preview: Locator;
  readonly errorGrid: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('roster-import-wizard');
    this.preview = page.getByTestId('import-preview');
    this.errorGrid = page.getByTestId('import-error-grid');
  }

  /** Uploads the workbook and waits for the core's preview. */
  async chooseFile(filePath: string): Promise<void> {
    await this.root.locator('input[type="file"]').setInputFiles(filePath);
    await expect(this.preview).toBeVisible({ timeout: 60_000 });
  }

  async stat(name: PreviewStat): Promise<number> {
    return Number(await this.page.getByTestId(`import-stat-${name}`).getAttribute('data-value'));
  }

  async doneStat(name: DoneStat): Promise<number> {
    return Number(await this.page.getByTestId(`import-done-${name}`).getAttribute('data-value'));
  }

  async errorRows(expectedCount: number): Promise<GridRow[]> {
    await expect(this.errorGrid.locator('.ag-row .ag-cell[col-id="message"]')).toHaveCount(
      expectedCount,
    );
    return readGridRows(this.errorGrid);
  }

  async openTab(label: RegExp): Promise<void> {
    await this.root.getByRole('tab', { name: label }).click();
  }

  /** Ticks 确认新建这些学校 and picks the district (by the text shown in the list). */
  async createUnknownSchoolsUnder(districtLabel: string): Promise<void> {
    await this.openTab(/未知学校/);
    await this.page.getByTestId('import-create-schools').check();
    const select = this.page.getByTestId('import-district');
    await select.click();
    await this.page.keyboard.type(districtLabel);
    // antd renders a hidden accessible list beside the visible one: click the visible option.
    await this.page
      .locator(`.ant-select-dropdown .ant-select-item-option[title="${districtLabel}"]`)
      .click();
    await expect(this.page.getByTestId('import-commit')).toBeEnabled();
  }

  async confirmTransfers(): Promise<void> {
    await this.openTab(/调动/);
    await this.page.getByTestId('import-confirm-transfers').check();
  }

  /** 下载导入模板, offered on the file step. */
  async downloadTemplate(dir: string): Promise<string> {
    return saveDownload(this.page, dir, () => this.page.getByTestId('import-template').click());
  }

  async downloadErrors(dir: string): Promise<string> {
    await this.openTab(/错误明细/);
    return saveDownload(this.page, dir, () =>
      this.page.getByTestId('import-download-errors').click(),
    );
  }

  async commit(): Promise<void> {
    await this.page.getByTestId('import-commit').click();
    await expect(this.page.getByTestId('import-done')).toBeVisible({ timeout: 60_000 });
  }

  async close(): Promise<void> {
    const done = this.page.getByTestId('import-close');
    if (await done.isVisible()) await done.click();
    else await this.root.page().keyboard.press('Escape');
    await expect(this.root).toBeHidden();
  }
}
