/**
 * Page model of the rules page: the rule-set list, the readable view, clone and adjust, and the
 * what-if panel (AG Grid records typed cell by cell, then the engine's result per row).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { gridCell } from './grid';

export class RulesPage {
  readonly table: Locator;
  readonly detail: Locator;
  readonly editor: Locator;
  readonly whatIf: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('rules-table');
    this.detail = page.getByTestId('rules-detail');
    this.editor = page.getByTestId('rules-clone-editor');
    this.whatIf = page.getByTestId('whatif-panel');
  }

  /** Opens the page from the navigation (the shell's page model predates it). */
  static async open(page: Page): Promise<RulesPage> {
    await page.getByTestId('nav-rules').click();
    await expect(page.getByTestId('rules-page')).toBeVisible();
    const rules = new RulesPage(page);
    await expect(rules.table.locator('tbody tr[data-row-key]').first()).toBeVisible();
    return rules;
  }

  row(id: string): Locator {
    return this.table.locator(`tbody tr[data-row-key="${id}"]`);
  }

  async listedIds(): Promise<string[]> {
    return this.table
      .locator('tbody tr[data-row-key]')
      .evaluateAll((rows) =>
        rows.map(
          (row) =>
            (row as unknown as { getAttribute(n: string): string | null }).getAttribute(
              'data-row-key',
            ) ?? '',
        ),
      );
  }

  source(id: string): Locator {
    return this.page.getByTestId(`rules-source-${id}`);
  }

  async view(id: string): Promise<void> {
    await this.page.getByTestId(`rules-view-${id}`).click();
    await expect(this.detail).toHaveAttribute('data-rule-id', id);
    await expect(this.detail).toHaveAttribute('data-loaded', 'true');
  }

  async backToList(): Promise<void> {
    await this.page.getByTestId('rules-back').click();
    await expect(this.table).toBeVisible();
  }

  /** Rows of the generated batches table as cell texts. */
  async batchRows(testId = 'calendar-batches'): Promise<string[][]> {
    const rows = this.page.getByTestId(testId).locator('tbody tr[data-row-key]');
    await expect(rows.first()).toBeVisible();
    return rows.evaluateAll((elements) =>
      elements.map((row) =>
        Array.from(
          (
            row as unknown as {
              querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
            }
          ).querySelectorAll('td'),
          (cell) => (cell.textContent ?? '').trim(),
        ),
      ),
    );
  }

  async clone(id: string): Promise<void> {
    await this.page.getByTestId(`rules-clone-${id}`).click();
    await expect(this.editor).toHaveAttribute('data-source-id', id);
    await expect(this.page.getByTestId('clone-form')).toBeVisible();
  }

  cloneField(path: string): Locator {
    return this.page.getByTestId(`clone-field-${path}`);
  }

  /** The 编号 made from the name, shown as text until the user chooses to edit it. */
  cloneAutoId(): Locator {
    return this.page.getByTestId('clone-id-auto');
  }

  async fillClone(values: { id?: string; name?: string }): Promise<void> {
    if (values.id !== undefined) {
      const edit = this.page.getByTestId('clone-id-edit');
      if (await edit.isVisible()) await edit.click();
      await this.page.getByTestId('clone-id').fill(values.id);
    }
    if (values.name !== undefined) await this.page.getByTestId('clone-name').fill(values.name);
  }

  async waitUntilValid(): Promise<void> {
    await expect(this.page.getByTestId('clone-check')).toHaveAttribute('data-status', 'valid');
  }

  async saveClone(): Promise<void> {
    await this.waitUntilValid();
    await this.page.getByTestId('clone-save').click();
  }

  async openWhatIf(): Promise<void> {
    await this.page.getByTestId('rules-tab-whatif').click();
    await expect(this.whatIf).toBeVisible();
  }

  async chooseWhatIfRuleSet(id: string): Promise<void> {
    await this.page.getByTestId('whatif-ruleset').click();
    await this.page.keyboard.type(id);
    await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await expect(this.page.getByTestId('whatif-grid')).toBeVisible();
  }

  async addRows(count: number): Promise<void> {
    const grid = this.page.getByTestId('whatif-grid');
    const before = Number(await grid.getAttribute('data-rows'));
    for (let i = 0; i < count; i += 1) await this.page.getByTestId('whatif-add-row').click();
    await expect(grid).toHaveAttribute('data-rows', String(before + count));
  }

  /** Types a value into one cell of the records grid (double-click, type, Enter). */
  async setCell(rowIndex: number, colId: string, value: string): Promise<void> {
    const cell = gridCell(this.page.getByTestId('whatif-grid'), rowIndex, colId);
    await cell.dblclick();
    await expect(cell.locator('input')).toBeFocused();
    await this.page.keyboard.type(value);
    await this.page.keyboard.press('Enter');
    await expect(cell).toHaveText(value);
  }

  async runWhatIf(): Promise<Locator> {
    await this.page.getByTestId('whatif-run').click();
    const result = this.page.getByTestId('whatif-result');
    await expect(result).toBeVisible();
    return result;
  }

  /** Pastes tab-separated text (as Excel puts on the clipboard) into the records table. */
  async pasteRows(text: string, expectedSummary: string): Promise<void> {
    await this.page.getByTestId('whatif-paste').click();
    await this.page.getByTestId('whatif-paste-text').fill(text);
    await expect(this.page.getByTestId('whatif-paste-summary')).toContainText(expectedSummary);
    await this.page.getByTestId('whatif-paste-ok').click();
    await expect(this.page.getByTestId('whatif-paste-text')).toBeHidden();
  }

  /** Imports an .xlsx into the records table, keeping the column mapping guessed from its header. */
  async importWorkbook(file: string, expectedRows: number): Promise<void> {
    await this.page.getByTestId('whatif-import').click();
    await this.page
      .getByTestId('whatif-import-file')
      .locator('input[type="file"]')
      .setInputFiles(file);
    await expect(this.page.getByTestId('whatif-import-mapping')).toBeVisible({ timeout: 60_000 });
    await this.page.getByTestId('whatif-import-ok').click();
    await expect(this.page.getByTestId('whatif-grid')).toHaveAttribute(
      'data-rows',
      String(expectedRows),
    );
  }

  async expandResultRow(tableTestId: string, key: string): Promise<void> {
    await this.resultRow(tableTestId, key).locator('.ant-table-row-expand-icon').click();
  }

  resultRow(tableTestId: string, key: string): Locator {
    return this.page.getByTestId(tableTestId).locator(`tbody tr[data-row-key="${key}"]`);
  }
}
