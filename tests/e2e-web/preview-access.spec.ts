import { ACCESS_TEXT } from '../../electron/preview/access';
import { expect, test } from './fixtures';

// The preview in a real browser (issue 7, item 9): the key in the URL becomes an HttpOnly cookie
// and leaves the address bar; a browser without it gets nothing but the 403 page.

test('the key leaves the address bar and the cookie is out of the page\'s reach', async ({ panel, preview }) => {
  await expect(panel.rows).toHaveCount(3);
  expect(panel.page.url()).toBe(`${preview.origin}/`);
  expect(await panel.page.evaluate(() => document.cookie)).toBe('');
  const [cookie] = await panel.page.context().cookies(preview.origin);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
});

test('a browser without the key gets the 403 page, and no data', async ({ browser, preview }) => {
  const stranger = await browser.newContext();
  try {
    const page = await stranger.newPage();
    const response = await page.goto(`${preview.origin}/`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('body')).toContainText(ACCESS_TEXT.forbidden);
    const invoke = await page.evaluate(async () => (await fetch('/api/invoke/calls:list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"args":[]}' })).status);
    expect(invoke).toBe(403);
  } finally {
    await stranger.close();
  }
});
