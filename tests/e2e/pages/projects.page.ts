/** Page models of 培训项目 (list, 新建培训项目, the project drawer) and 名额分配 (the quota sheet). */
import { expect, type Locator, type Page } from '@playwright/test';
import { gridCell, readGridRows, type GridRow } from './grid';

export interface NewProject {
  code: string;
  name: string;
  /** The rule set as the select shows it (its Chinese name). */
  ruleSet: string;
}

export class ProjectsPage {
  readonly root: Locator;
  readonly table: Locator;
  readonly drawer: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('projects-page');
    this.table = page.getByTestId('projects-table');
    this.drawer = page.getByTestId('project-drawer');
    this.form = page.getByTestId('project-create-form');
  }

  /**
   * Opens 新建培训项目 (from the header), fills it and submits; the year stays at its default.
   * Returns what the form showed of the batches the rule set generates, before submitting.
   */
  async create(project: NewProject): Promise<{ summary: string; rows: string[][] }> {
    await this.root.getByTestId('project-create').first().click();
    await expect(this.form).toBeVisible();
    await this.page.getByTestId('project-code').fill(project.code);
    await this.page.getByTestId('project-name').fill(project.name);
    await this.page.getByTestId('project-rule-set').click();
    await this.page.locator('.ant-select-item-option').filter({ hasText: project.ruleSet }).click();
    const preview = this.page.getByTestId('project-batch-preview');
    await expect(preview).toContainText(/将生成|不生成|无法/);
    const summary = (await preview.locator('.ant-typography').first().textContent()) ?? '';
    const rows: string[][] = [];
    for (const row of await preview.locator('.ant-table-tbody .ant-table-row').all()) {
      rows.push(await row.locator('td').allTextContents());
    }
    await this.page.getByTestId('project-create-submit').click();
    return { summary, rows };
  }

  /** The error shown under a field of the form, by its label. */
  fieldError(label: string): Locator {
    return this.form
      .locator('.ant-form-item')
      .filter({ hasText: label })
      .locator('.ant-form-item-explain-error');
  }

  /** The texts of the project list's rows, cell by cell. */
  async rows(): Promise<string[][]> {
    const rows = this.table.locator('.ant-table-tbody .ant-table-row');
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    const out: string[][] = [];
    for (let i = 0; i < count; i += 1) out.push(await rows.nth(i).locator('td').allTextContents());
    return out;
  }

  /** The batches of the open drawer, cell by cell. */
  async batches(): Promise<string[][]> {
    const rows = this.drawer
      .getByTestId('batches-table')
      .locator('.ant-table-tbody .ant-table-row');
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    const out: string[][] = [];
    for (let i = 0; i < count; i += 1) out.push(await rows.nth(i).locator('td').allTextContents());
    return out;
  }

  async closeDrawer(): Promise<void> {
    await this.drawer.locator('.ant-drawer-close').click();
    await expect(this.drawer).toBeHidden();
  }

  /** Opens the drawer of the project with this code (a click on its row). */
  async openProject(code: string): Promise<void> {
    await this.table.locator('.ant-table-tbody .ant-table-row').filter({ hasText: code }).click();
    await expect(this.drawer).toBeVisible();
  }

  /** Picks a batch of the open drawer (its courses appear below). */
  async pickBatch(no: number): Promise<void> {
    await this.drawer
      .getByTestId('batches-table')
      .locator('.ant-table-tbody .ant-table-row')
      .nth(no - 1)
      .click();
    await expect(this.drawer.getByTestId('courses-editor')).toBeVisible();
  }

  /** 修改期次日期: the batches table turns into inputs. */
  async editBatches(): Promise<void> {
    await this.drawer.getByTestId('batches-edit').click();
    await expect(this.drawer.getByTestId('batches-table')).toHaveAttribute('data-editing', 'true');
  }

  /** Types a date into one batch's date picker (field: startsOn, endsOn, enrollFrom…). */
  async setBatchDate(no: number, field: string, date: string): Promise<void> {
    const input = this.drawer
      .getByTestId(`batch-${no}-${field}`)
      .locator('input')
      .or(this.drawer.locator(`input[data-testid="batch-${no}-${field}"]`));
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    await expect(input).toHaveValue(date);
  }

  /** 保存期次, answering the reason dialog when a reason is given (the core asks for one). */
  async saveBatches(reason?: string): Promise<void> {
    await this.drawer.getByTestId('batches-save').click();
    if (reason) {
      await this.page.getByTestId('batches-reason').fill(reason);
      await this.page.getByTestId('batches-reason-ok').click();
    }
  }

  batchIssues(): Locator {
    return this.drawer.getByTestId('batches-issues');
  }

  /** 导入课程 of the picked batch: uploads the workbook and waits for the core's preview. */
  async importCourses(file: string): Promise<Locator> {
    await this.drawer.getByTestId('course-import-open').click();
    const dialog = this.page.getByTestId('course-import');
    await dialog.locator('input[type="file"]').setInputFiles(file);
    await expect(dialog.getByTestId('course-import-rows')).toBeVisible({ timeout: 60_000 });
    return dialog;
  }

  async figure(testId: string): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute('data-value'));
  }

  /** The course grid's rows as [代码, 名称, 学段, 学科, 学时, 人数上限] (inputs read by value). */
  async courses(): Promise<string[][]> {
    const rows = this.drawer
      .getByTestId('courses-table')
      .locator('.ant-table-tbody .ant-table-row');
    const count = await rows.count();
    const out: string[][] = [];
    for (let i = 0; i < count; i += 1) {
      const row = rows.nth(i);
      out.push([
        await row.getByLabel('课程代码').inputValue(),
        await row.getByLabel('课程名称').inputValue(),
        (await row
          .locator('.ant-select-content, .ant-select-selection-item')
          .first()
          .textContent()) ?? '',
        await row.getByLabel('学科').inputValue(),
        await row.getByLabel('学时').inputValue(),
      ]);
    }
    return out;
  }
}

/** Picks an option of an antd select by a part of its text (the project selects of the pages). */
export async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  // The open list only (antd keeps closed ones in the page); again if a click landed while the
  // list was still sliding open or scrolling its virtual rows.
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();
  await expect(async () => {
    if (!(await option.isVisible())) await select.click();
    await option.click({ timeout: 2000 });
    await expect(select).toContainText(text, { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
}

export class QuotasPage {
  readonly root: Locator;
  readonly grid: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('quotas-page');
    this.grid = page.getByTestId('quota-grid');
  }

  /** The unit whose seats the sheet shares out. */
  unitName(): Locator {
    return this.page.getByTestId('quota-unit-name');
  }

  /** A figure of the header summary (本单位各期名额, 已下发…), by its test id. */
  async figure(testId: string): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute('data-value'));
  }

  async rows(): Promise<GridRow[]> {
    await expect(this.grid.locator('.ag-row').first()).toBeVisible();
    return readGridRows(this.grid);
  }

  cell(rowIndex: number, batchNo: number): Locator {
    return gridCell(this.grid, rowIndex, `batch-${batchNo}`);
  }

  /** Types seats into one cell (row 0 is the unit itself, then its children). */
  async setSeats(rowIndex: number, batchNo: number, seats: number): Promise<void> {
    const cell = this.cell(rowIndex, batchNo);
    await cell.click();
    const editor = cell.locator('input');
    await expect(editor).toBeVisible();
    await editor.fill(String(seats));
    await editor.press('Enter');
    await expect(cell).toHaveText(String(seats));
  }

  async propose(): Promise<void> {
    await this.page.getByTestId('quota-propose').click();
  }

  /** 收回未用名额 of one child in one batch, with a reason; returns the notice shown. */
  async reclaim(batchName: string, unitName: string, reason: string): Promise<void> {
    await this.page.getByTestId('quota-reclaim').click();
    await this.page.getByTestId('quota-reclaim-batch').click();
    await this.page.locator('.ant-select-item-option').filter({ hasText: batchName }).click();
    await this.page.getByTestId('quota-reclaim-unit').click();
    await this.page.locator('.ant-select-item-option').filter({ hasText: unitName }).click();
    await this.page.getByTestId('quota-reclaim-reason').fill(reason);
    await this.page.getByTestId('quota-reclaim-ok').click();
  }

  /** 保存, answering the reason dialog when it asks. */
  async save(reason?: string): Promise<void> {
    await this.page.getByTestId('quota-save').click();
    if (reason) {
      await this.page.getByTestId('quota-reason').fill(reason);
      await this.page.getByTestId('quota-reason-ok').click();
    }
    await expect(this.page.getByTestId('quota-changed')).toHaveCount(0);
  }
}

export class EnrollmentPage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('enrollment-page');
  }

  async figure(testId: string): Promise<number> {
    return Number(await this.page.getByTestId(testId).getAttribute('data-value'));
  }

  /** Opens 报名, ticks the first `count` teachers of the picker and runs 检查. */
  async check(count: number): Promise<void> {
    await this.page.getByTestId('enroll-open').click();
    const rows = this.page.getByTestId('picker-table').locator('.ant-table-tbody .ant-table-row');
    await expect(rows.first()).toBeVisible();
    for (let i = 0; i < count; i += 1) {
      await rows.nth(i).locator('.ant-checkbox-input').check();
    }
    await expect(this.page.getByTestId('picker-selected')).toHaveText(`已选 ${count} 人`);
    await this.page.getByTestId('enroll-check').click();
    await expect(this.page.getByTestId('enroll-results')).toBeVisible();
  }

  /** The rows of the 已报名 or 候补 tab, cell by cell. */
  async listed(tab: 'enrolled' | 'waiting'): Promise<string[][]> {
    await this.page.getByRole('tab', { name: tab === 'enrolled' ? /已报名/ : /候补/ }).click();
    const table = this.page.getByTestId(`${tab}-table`);
    await expect(table).toBeVisible();
    await expect(table.locator('.ant-spin-spinning')).toHaveCount(0);
    const rows = table.locator('.ant-table-tbody .ant-table-row');
    const count = await rows.count();
    const out: string[][] = [];
    for (let i = 0; i < count; i += 1) out.push(await rows.nth(i).locator('td').allTextContents());
    return out;
  }

  /** Clicks an action (换人, 退回) on the enrolled row of a teacher. */
  async rowAction(teacher: string, action: '换人' | '退回'): Promise<void> {
    await this.page.getByRole('tab', { name: /已报名/ }).click();
    const row = this.page
      .getByTestId('enrolled-table')
      .locator('.ant-table-tbody .ant-table-row')
      .filter({ hasText: teacher })
      .first();
    await row
      .getByRole('button', { name: action.split('').join(' ') })
      .or(row.getByRole('button', { name: action }))
      .click();
  }

  /** The result table: teacher, outcome and reasons per row. */
  async results(): Promise<string[][]> {
    const rows = this.page.getByTestId('enroll-results').locator('.ant-table-tbody .ant-table-row');
    const count = await rows.count();
    const out: string[][] = [];
    for (let i = 0; i < count; i += 1) out.push(await rows.nth(i).locator('td').allTextContents());
    return out;
  }
}
