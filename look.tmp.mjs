import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3100';
const [,, user, ...paths] = process.argv;
const phone = process.env.PHONE === '1';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-dev-shm-usage'] });
const ctx = await b.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 }, isMobile: phone, locale: 'zh-CN' });
const page = await ctx.newPage();
page.setDefaultTimeout(60000);
if (user !== 'anon') {
  await page.goto(base + '/login');
  await page.getByLabel(/用户名|Username/).fill(user);
  await page.getByLabel(/密码|Password/).fill('Zhicheng#Demo2024');
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
for (const p of paths) {
  await page.goto(base + p);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(1500);
  const f = `/tmp/look/${user}${p.replace(/[\/?=&]/g, '_')}${phone ? '-phone' : ''}.png`;
  await page.screenshot({ path: f, fullPage: false });
  console.log(f);
}
await b.close();
