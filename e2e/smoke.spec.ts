import { expect, test } from './fixtures';
import { AppPage } from './pages/app-page';

test.describe('smoke', () => {
  test('the built app loads and shows its name and shell', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();

    await expect(page).toHaveTitle('netpol-studio');
    await expect(app.heading).toHaveText('netpol-studio');
    await expect(app.region('Sources')).toBeVisible();
    await expect(app.region('Reachability')).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
    await expect(app.tab('Graph')).toHaveAttribute('aria-selected', 'true');
  });
});
