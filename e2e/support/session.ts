import { expect, type Page } from "@playwright/test";
import { E2E_USERS, e2ePassword } from "./e2e-env";

export type E2ERole = keyof typeof E2E_USERS;

/** Fills the sign-in form (the page must show it) and waits until it leaves the sign-in page. */
export async function submitSignIn(page: Page, role: E2ERole, password = e2ePassword()) {
  await page.getByLabel(/用户名|Username/).fill(E2E_USERS[role].username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /登录|Sign in/ }).click();
}

export async function signIn(page: Page, role: E2ERole, path = "/tasks") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await submitSignIn(page, role);
  await expect(page).not.toHaveURL(/\/signin/);
  await expect(page.getByTestId("current-user")).toContainText(E2E_USERS[role].username);
}
