/** Page model of the export dialog: scope and full-ID options, then the download. */
import { expect, type Locator, type Page } from '@playwright/test';
import { saveDownload } from './app-shell.page';

export interface ExportChoice {
  onlyFiltered: boolean;
  fullIdNumbers: boolean;
}

export class ExportDialog {
  readonly options: Locator;

  constructor(readonly page: Page) {
    this.options = page.getByTestId('export-options');
  }

  /** Sets the options, exports, saves the downloaded workbook under `dir`, and closes the dialog. */
  async run(choice: ExportChoice, dir: string): Promise<{ path: string; rows: number }> {
    const onlyFiltered = this.page.getByTestId('export-only-filtered');
    await onlyFiltered.setChecked(choice.onlyFiltered);
    await this.page.getByTestId('export-full-id').setChecked(choice.fullIdNumbers);
    const warning = this.page.getByTestId('export-full-id-warning');
    if (choice.fullIdNumbers) await expect(warning).toContainText('操作日志');
    else await expect(warning).toBeHidden();
    const file = await saveDownload(this.page, dir, () =>
      this.page.getByTestId('export-start').click(),
    );
    const done = this.page.getByTestId('export-done');
    await expect(done).toBeVisible();
    const rows = Number(await done.getAttribute('data-rows'));
    await this.page.getByTestId('export-close').click();
    await expect(done).toBeHidden();
    return { path: file, rows };
  }
}
