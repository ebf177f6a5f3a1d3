/** Page models of the screens before the app: login, lock, forced change of password. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The demo accounts' shared password (auth/state's demoPassword while the demo data is in use). */
export const DEMO_PASSWORD = 'demo1234';

export type DemoUser = 'admin' | 'city' | 'district' | 'school' | 'finance' | 'viewer';

export class LoginPage {
  readonly root: Locator;
  readonly error: Locator;
  readonly demoAccounts: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('login-page');
    this.error = page.getByTestId('login-error');
    this.demoAccounts = page.getByTestId('demo-accounts');
  }

  async expectShown(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  /** Types the user name and password and presses 登录, as a person does. */
  async submit(userName: string, password: string): Promise<void> {
    await this.expectShown();
    await this.page.getByTestId('login-username').fill(userName);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  /** Logs in and waits until the login screen has gone (the app, or the change of password). */
  async login(userName: string, password: string): Promise<void> {
    await this.submit(userName, password);
    await expect(this.root).toBeHidden();
  }

  /** The user names listed in the demo accounts panel. */
  async demoUserNames(): Promise<string[]> {
    await expect(this.demoAccounts).toBeVisible();
    const ids = await this.demoAccounts
      .locator('[data-testid^="demo-account-"]')
      .evaluateAll((rows) =>
        rows.map((row) =>
          (row as unknown as { getAttribute(name: string): string | null }).getAttribute(
            'data-testid',
          ),
        ),
      );
    return ids.map((id) => (id ?? '').replace('demo-account-', ''));
  }
}

export class LockScreen {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('lock-screen');
  }

  async unlock(password: string): Promise<void> {
    await this.page.getByTestId('lock-password').fill(password);
    await this.page.getByTestId('lock-submit').click();
  }
}

export class ChangePasswordScreen {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('change-password-screen');
  }

  async change(current: string, next: string): Promise<void> {
    await this.page.getByTestId('change-password-current').fill(current);
    await this.page.getByTestId('change-password-new').fill(next);
    await this.page.getByTestId('change-password-new-confirm').fill(next);
    await this.page.getByTestId('change-password-submit').click();
  }
}
