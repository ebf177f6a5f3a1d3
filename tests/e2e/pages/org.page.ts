/** Page model of org management: tree, create/rename/delete, and the org list import. */
import { expect, type Locator, type Page } from '@playwright/test';
import { readGridRows, type GridRow } from './grid';

export class OrgPage {
  readonly tree: Locator;

  constructor(readonly page: Page) {
    this.tree = page.getByTestId('org-tree');
  }

  treeNode(name: string): Locator {
    return this.tree.locator(`[data-testid="org-node"][data-org-name="${name}"]`);
  }

  /** Whether the tree holds the unit, found with the search box (the tree draws only rows in view). */
  async expectInTree(name: string, count = 1): Promise<void> {
    const search = this.page.getByTestId('org-tree-search');
    await search.fill(name);
    await expect(this.treeNode(name)).toHaveCount(count);
    await search.fill('');
  }

  async select(name: string): Promise<void> {
    const search = this.page.getByTestId('org-tree-search');
    await search.fill(name);
    await this.treeNode(name).click();
    await search.fill('');
    await expect(this.page.getByTestId('org-details')).toContainText(name);
  }

  private async submitForm(name: string, code?: string): Promise<void> {
    const form = this.page.getByTestId('org-form');
    await expect(form).toBeVisible();
    await this.page.getByTestId('org-form-name').fill(name);
    if (code) await this.page.getByTestId('org-form-code').fill(code);
    await this.page.getByTestId('org-form-ok').click();
    await expect(form).toBeHidden();
    await expect(this.page.getByTestId('org-details')).toContainText(name);
  }

  async createTopLevel(name: string): Promise<void> {
    await this.page.getByTestId('org-create-top').click();
    await this.submitForm(name);
  }

  /** Creates a unit of the allowed child kind under the selected unit; selects the new unit. */
  async createChild(name: string, code?: string): Promise<void> {
    await this.page.getByTestId('org-create-child').click();
    await this.submitForm(name, code);
  }

  async deleteSelected(): Promise<void> {
    await this.page.getByTestId('org-delete').click();
    await this.page.getByTestId('org-delete-ok').click();
  }

  async importList(filePath: string): Promise<Locator> {
    await this.page.getByTestId('org-import').click();
    const wizard = this.page.getByTestId('org-import-wizard');
    await wizard.locator('input[type="file"]').setInputFiles(filePath);
    await expect(this.page.getByTestId('org-import-preview')).toBeVisible({ timeout: 60_000 });
    return wizard;
  }

  async importStat(name: 'total' | 'new' | 'unchanged' | 'errors'): Promise<number> {
    return Number(
      await this.page.getByTestId(`org-import-stat-${name}`).getAttribute('data-value'),
    );
  }

  async importErrorRows(expectedCount: number): Promise<GridRow[]> {
    const grid = this.page.getByTestId('org-import-error-grid');
    await expect(grid.locator('.ag-row .ag-cell[col-id="message"]')).toHaveCount(expectedCount);
    return readGridRows(grid);
  }

  async commitImport(): Promise<number> {
    await this.page.getByTestId('org-import-commit').click();
    const done = this.page.getByTestId('org-import-done');
    await expect(done).toBeVisible({ timeout: 60_000 });
    const inserted = Number(await done.getAttribute('data-inserted'));
    await this.page.getByTestId('org-import-close').click();
    await expect(done).toBeHidden();
    return inserted;
  }
}
