/** Page model of the roster: org tree, toolbar, grid, import wizard, export dialog, editor. */
import { expect, type Locator, type Page } from '@playwright/test';
import { gridCell, readGridRows, type GridRow } from './grid';
import { ExportDialog } from './export-dialog.page';
import { RosterImportWizard } from './roster-import.page';

export class RosterPage {
  readonly root: Locator;
  readonly grid: Locator;
  readonly tree: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('roster-page');
    this.grid = page.getByTestId('roster-grid');
    this.tree = page.getByTestId('roster-org-tree');
  }

  /** Waits until the grid has loaded and reports `total` teachers for the current filter. */
  async expectTotal(total: number): Promise<void> {
    await expect(this.grid).toHaveAttribute('data-total', String(total));
    await expect(this.grid).toHaveAttribute('data-state', 'ready');
  }

  /** Grid rows wholly visible between the grid's header and its bottom edge, without scrolling. */
  async visibleRowCount(): Promise<number> {
    const grid = await this.grid.boundingBox();
    const header = await this.grid.locator('.ag-header').first().boundingBox();
    if (!grid || !header) return 0;
    const top = header.y + header.height - 0.5;
    const bottom = grid.y + grid.height + 0.5;
    const rows = await this.grid.locator('.ag-row[row-index]').evaluateAll((elements) =>
      elements.map((element) => {
        const el = element as unknown as {
          getAttribute(name: string): string | null;
          getBoundingClientRect(): { top: number; bottom: number };
        };
        const box = el.getBoundingClientRect();
        return { index: el.getAttribute('row-index'), top: box.top, bottom: box.bottom };
      }),
    );
    const visible = new Set(
      rows.filter((row) => row.top >= top && row.bottom <= bottom).map((row) => row.index),
    );
    return visible.size;
  }

  async rows(): Promise<GridRow[]> {
    await expect(this.grid).toHaveAttribute('data-state', 'ready');
    return readGridRows(this.grid);
  }

  /** Clicks a column header once (ascending on the first click). */
  async sortBy(colId: string): Promise<void> {
    await this.grid.locator(`.ag-header-cell[col-id="${colId}"] .ag-header-cell-label`).click();
  }

  /** The header's aria-sort: 'ascending', 'descending' or 'none'. */
  async headerSort(colId: string): Promise<string | null> {
    return this.grid.locator(`.ag-header-cell[col-id="${colId}"]`).getAttribute('aria-sort');
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('roster-search').fill(text);
  }

  treeNode(name: string): Locator {
    return this.tree.locator(`[data-testid="org-node"][data-org-name="${name}"]`);
  }

  async unitCount(name: string): Promise<number> {
    return Number(await this.treeNode(name).getAttribute('data-count'));
  }

  /**
   * Finds the unit with the tree's search box (it may be inside a collapsed branch) and selects it.
   * A click that lands while the tree re-renders (it reloads when a commit adds schools) is lost,
   * as a person's would be; so it is tried again, but never on a unit already selected (a second
   * click would unselect it).
   */
  async selectUnit(name: string): Promise<void> {
    const search = this.page.getByTestId('roster-org-tree-search');
    const scope = this.page.getByTestId('roster-scope');
    await expect(async () => {
      if ((await scope.count()) > 0 && (await scope.innerText()).includes(name)) return;
      await search.fill(name);
      await this.treeNode(name).click();
      await search.fill('');
      await expect(scope).toContainText(name, { timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
  }

  async openImport(): Promise<RosterImportWizard> {
    await this.page.getByTestId('roster-import').first().click();
    const wizard = new RosterImportWizard(this.page);
    await expect(wizard.root).toBeVisible();
    return wizard;
  }

  async openExport(): Promise<ExportDialog> {
    await this.page.getByTestId('roster-export').click();
    const dialog = new ExportDialog(this.page);
    await expect(dialog.options).toBeVisible();
    return dialog;
  }

  /** Double-clicks the teacher's row (by name) and returns the editor form. */
  async openTeacher(name: string): Promise<Locator> {
    const rows = await this.rows();
    const index = rows.findIndex((row) => row.name === name);
    expect(index, `row of ${name}`).toBeGreaterThanOrEqual(0);
    await gridCell(this.grid, index, 'name').dblclick();
    const form = this.page.getByTestId('teacher-form');
    await expect(form).toBeVisible();
    return form;
  }
}
