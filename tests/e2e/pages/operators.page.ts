/** Page model of 用户与权限: the users grid and its editor, password resets, roles, tokens, settings. */
import { expect, type Locator, type Page } from '@playwright/test';
import { readGridRows, type GridRow } from './grid';

export interface NewOperator {
  userName: string;
  displayName: string;
  /** Role names as the form lists them, e.g. 学校培训专干. */
  roles: string[];
  /** The home unit's name, found with the picker's search. */
  unit: string;
  password: string;
}

export class OperatorsPage {
  readonly grid: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('operators-grid');
  }

  async tab(key: 'users' | 'roles' | 'tokens' | 'security'): Promise<void> {
    await this.page.getByTestId(`operators-tab-${key}`).click();
    await expect(this.page.getByTestId(`operators-${key}`)).toBeVisible();
  }

  async rows(): Promise<GridRow[]> {
    await expect(this.grid).toHaveAttribute('data-state', 'ready');
    return readGridRows(this.grid);
  }

  async row(userName: string): Promise<GridRow | undefined> {
    return (await this.rows()).find((row) => row.userName === userName);
  }

  /** Picks antd Select options by their visible titles. */
  private async chooseOptions(select: Locator, titles: string[]): Promise<void> {
    await select.click();
    for (const title of titles) {
      await this.page
        .locator('.ant-select-dropdown:visible')
        .getByTitle(title, { exact: true })
        .click();
    }
    await this.page.keyboard.press('Escape');
  }

  /** Picks a unit in the tree picker by searching for its name. */
  private async chooseUnit(name: string): Promise<void> {
    const picker = this.page.getByTestId('operator-unit');
    await picker.click();
    await this.page.keyboard.type(name);
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-tree-title')
      .getByText(name, { exact: true })
      .click();
  }

  async create(operator: NewOperator): Promise<void> {
    await this.page.getByTestId('operators-create').click();
    const form = this.page.getByTestId('operator-form');
    await expect(form).toBeVisible();
    await this.page.getByTestId('operator-username').fill(operator.userName);
    await this.page.getByTestId('operator-name').fill(operator.displayName);
    await this.chooseOptions(this.page.getByTestId('operator-roles'), operator.roles);
    await this.chooseUnit(operator.unit);
    await this.page.getByTestId('operator-password').fill(operator.password);
    await this.page.getByTestId('operator-password-confirm').fill(operator.password);
    await this.page.getByTestId('operator-save').click();
    await expect(form).toBeHidden();
    // User names are kept in lower case.
    await expect
      .poll(async () => (await this.row(operator.userName.toLowerCase()))?.displayName)
      .toBe(operator.displayName);
  }
}
