import { expect, type Page } from "@playwright/test";
import { E2E_USERS, e2ePassword } from "./e2e-env";

export type E2ERole = keyof typeof E2E_USERS;

/** Waits until React has taken over the page (components/layout/hydration-marker.tsx). */
export const hydrated = (page: Page) => page.locator("html[data-hydrated]").waitFor({ state: "attached" });

/** Fills the sign-in form (the page must show it) and submits it. */
export async function submitSignIn(page: Page, role: E2ERole, password = e2ePassword()) {
  await hydrated(page);
  await page.getByLabel(/用户名|Username/).fill(E2E_USERS[role].username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /登录|Sign in/ }).click();
}

export async function signIn(page: Page, role: E2ERole, path = "/tasks") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await submitSignIn(page, role);
  await expect(page).not.toHaveURL(/\/signin/);
  await expect(page.getByTestId("current-user")).toContainText(E2E_USERS[role].username);
  await hydrated(page);
}
