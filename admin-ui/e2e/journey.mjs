// The whole partner journey in Debian's Chromium (driven by playwright-core; no browser is ever downloaded), against
// a gateway started with embedded defaults: log in with a fresh КЕП → profile → offer → branch → service (a forbidden
// name refused on screen) → QR code (SVG and PDF downloaded and checked) → a share through the citizen simulator
// with the downloaded QR image → history shows it sent → the dev mailbox has the mail → its .p7s validates on the
// verify page and a tampered copy does not → the branch moves: the QR code is outdated, the app warns, it is reissued. Any console error, unexpected failed request, or serious/critical axe
// violation fails the run; screenshots of every screen at phone and desktop width go to target/screenshots.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const SCREENSHOTS = resolve(import.meta.dirname, '../target/screenshots');
const CHROMIUM = process.env.QRSHARE_CHROMIUM ?? '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

const TEXT = {
  uk: {
    english: null,
    wrongPassword: 'Неправильний пароль ключа',
    notHead: 'керівник',
    loginButton: 'Увійти з КЕП',
    keyFile: 'Файл ключа (.p12, .pfx)',
    keyPassword: 'Пароль ключа',
    email: 'Електронна пошта',
    phone: 'Телефон',
    passport: 'Паспорт керівника',
    save: 'Зберегти',
    signWith: 'Підписати ключем',
    addBranch: 'Додати відділення',
    branchName: 'Назва відділення',
    parts: ['Область', 'Район', 'Населений пункт', 'Вулиця', 'Будинок'],
    edit: 'Змінити',
    cancel: 'Скасувати',
    addressWarning: 'стануть застарілими',
    delete: 'Видалити',
    confirmDelete: 'Так, видалити',
    open: 'Послуги і QR-коди',
    addService: 'Додати послугу',
    serviceName: 'Назва послуги',
    legalBasis: 'Правова підстава обробки',
    confirmBasis: 'Підтверджую, що ця правова підстава існує',
    notAService: 'це не назва послуги',
    qrCodes: 'QR-коди',
    issue: 'Випустити QR-код',
    active: 'Діє',
    svg: 'Завантажити SVG',
    pdf: 'Завантажити плакат PDF',
    image: 'Зображення QR-коду (PNG, JPEG, SVG)',
    share: 'Поділитися документами',
    sent: 'Надіслано',
    export: 'Експорт CSV',
    verify: 'Перевірити',
    valid: 'Копія справжня і не змінена',
    invalid: 'Копію не підтверджено',
    choose: 'Обрати файл .p7s',
    downloadPdf: 'Завантажити підписаний PDF',
    paste: 'Або вставте текст QR-коду',
    resolve: 'Відкрити запит',
    moved: 'відділення змінило адресу',
    outdated: 'Застарів: адреса змінилась',
    revoked: 'Відкликано',
    reissue: 'Перевипустити',
  },
  en: {
    english: 'English',
    wrongPassword: 'Wrong key password',
    notHead: 'head',
    loginButton: 'Log in with КЕП',
    keyFile: 'Key file (.p12, .pfx)',
    keyPassword: 'Key password',
    email: 'E-mail',
    phone: 'Phone',
    passport: 'Head’s passport',
    save: 'Save',
    signWith: 'Sign with the key of',
    addBranch: 'Add a branch',
    branchName: 'Branch name',
    parts: ['Region', 'District', 'Locality', 'Street', 'House'],
    edit: 'Edit',
    cancel: 'Cancel',
    addressWarning: 'becomes outdated',
    delete: 'Delete',
    confirmDelete: 'Yes, delete',
    open: 'Services and QR codes',
    addService: 'Add a service',
    serviceName: 'Service name',
    legalBasis: 'Legal basis for processing',
    confirmBasis: 'I confirm this legal basis exists',
    notAService: 'is not a service name',
    qrCodes: 'QR codes',
    issue: 'Issue a QR code',
    active: 'Active',
    svg: 'Download SVG',
    pdf: 'Download PDF poster',
    image: 'QR code image (PNG, JPEG, SVG)',
    share: 'Share the documents',
    sent: 'Sent',
    export: 'Export CSV',
    verify: 'Verify',
    valid: 'The copy is authentic and unaltered',
    invalid: 'The copy is not confirmed',
    choose: 'Choose a .p7s file',
    downloadPdf: 'Download the signed PDF',
    paste: 'Or paste the QR code’s text',
    resolve: 'Open the request',
    moved: 'the branch has moved',
    outdated: 'Outdated: the address changed',
    revoked: 'Revoked',
    reissue: 'Reissue',
  },
};

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Watches the page: console errors, page errors, failed requests and error responses nobody asked for. */
function watch(page, problems) {
  const expected = [];
  const seen4xx = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs every error response as a console error; those are judged by the response rule below.
    if (/^Failed to load resource: the server responded with a status of \d+/.test(m.text())) return;
    problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    const failure = r.failure()?.errorText ?? '';
    // A download is a navigation the browser hands to its download manager, reported as aborted.
    if (failure === 'net::ERR_ABORTED' && /\.(svg|pdf)$|\/attachments\/\d+$/.test(new URL(r.url()).pathname)) return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${failure}`);
  });
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const path = new URL(r.url()).pathname;
    const i = expected.findIndex((e) => e.status === r.status() && e.path.test(path));
    if (i >= 0) {
      seen4xx.push(expected[i]);
      expected.splice(i, 1);
    } else {
      problems.push(`unexpected ${r.status()} for ${r.request().method()} ${path}`);
    }
  });
  return {
    /** The next response matching path and status is an intended refusal, not a failure. */
    expect(path, status) {
      expected.push({ path, status });
    },
  };
}

async function audit(page, name, lang, problems) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of result.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      problems.push(`axe ${v.impact} on ${name} (${lang}): ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
    }
  }
  for (const [label, size] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `${lang}-${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return readFileSync(path);
}

export async function journey({ base, lang, key, notHead, work }) {
  const T = TEXT[lang];
  mkdirSync(SCREENSHOTS, { recursive: true });
  const profileDir = mkdtempSync(join(tmpdir(), 'qrshare-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: DESKTOP,
    acceptDownloads: true,
    baseURL: base,
    locale: lang === 'uk' ? 'uk-UA' : 'en-GB',
  });
  const problems = [];
  const page = context.pages()[0] ?? (await context.newPage());
  const responses = watch(page, problems);
  page.setDefaultTimeout(20_000);
  try {
    // Landing, and the language switch for the English run.
    await page.goto('/');
    if (T.english) await page.getByRole('button', { name: T.english }).click();
    await page.locator('h1').first().waitFor();
    await audit(page, 'landing', lang, problems);

    // The cabinet needs a session: the guard sends the visitor to login and back.
    responses.expect(/^\/api\/v1\/partner$/, 401);
    await page.goto('/cabinet/branches');
    await page.waitForURL(/\/login\?next=%2Fcabinet%2Fbranches/);
    await page.getByTestId('demo-key-file').waitFor(); // dev mode says where the demo key is
    await audit(page, 'login', lang, problems);

    // Wrong password: the page says so, nothing was sent.
    await page.getByLabel(T.keyFile).setInputFiles(key.file);
    await page.getByLabel(T.keyPassword).fill('definitely-wrong');
    await page.getByRole('button', { name: T.loginButton }).click();
    await page.getByText(T.wrongPassword).waitFor();

    // A valid КЕП of someone who is not the organisation's head: the server's refusal, in the chosen language.
    responses.expect(/^\/api\/v1\/auth\/login$/, 403);
    await page.getByLabel(T.keyFile).setInputFiles(notHead.file);
    await page.getByLabel(T.keyPassword).fill(notHead.password);
    await page.getByRole('button', { name: T.loginButton }).click();
    await page.getByRole('alert').filter({ hasText: T.notHead }).first().waitFor();

    // The real login → onboarding starts with the profile.
    await page.getByLabel(T.keyFile).setInputFiles(key.file);
    await page.getByLabel(T.keyPassword).fill(key.password);
    await page.getByRole('button', { name: T.loginButton }).click();
    await page.waitForURL(/\/cabinet\/profile$/);
    await page.getByLabel(T.email).waitFor();
    const cookies = await context.cookies();
    check(cookies.some((c) => c.name === 'qrshare_session' && c.httpOnly), 'no HttpOnly session cookie after login');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    check(!/qrshare_session|eyJ/.test(stored), `a token in web storage: ${stored}`);
    await audit(page, 'profile', lang, problems);

    // Every bad field comes back at once and shows at its field.
    responses.expect(/^\/api\/v1\/partner\/profile$/, 422);
    await page.getByLabel(T.email).fill('not-an-email');
    await page.getByLabel(T.phone).fill('12');
    await page.getByLabel(T.passport).fill('AB123456');
    await page.getByRole('button', { name: T.save }).click();
    for (const label of [T.email, T.phone, T.passport]) {
      await page.getByLabel(label).and(page.locator('[aria-invalid="true"]')).waitFor();
    }
    await audit(page, 'profile-errors', lang, problems);
    await page.getByLabel(T.email).fill(`partner-${lang}@example.com`);
    await page.getByLabel(T.phone).fill('+380 (44) 123-45-67');
    await page.getByLabel(T.passport).fill('123456789');
    await page.getByRole('button', { name: T.save }).click();

    // The offer, signed with the key still in the page's memory.
    await page.waitForURL(/\/cabinet\/offer$/);
    await page.getByRole('button', { name: new RegExp(T.signWith) }).waitFor();
    await audit(page, 'offer', lang, problems);
    await page.getByRole('button', { name: new RegExp(T.signWith) }).click();
    await page.waitForURL(/\/cabinet\/branches$/);
    await audit(page, 'branches-empty', lang, problems);

    // Branches: create two, edit one (the address-change warning), delete the other after confirming.
    async function createBranch(name, house) {
      await page.getByRole('button', { name: T.addBranch }).click();
      await page.getByLabel(T.branchName).fill(name);
      const values = ['Київська', 'Бучанський', 'Буча', 'вул. Вокзальна', house];
      for (let i = 0; i < T.parts.length; i++) await page.getByLabel(T.parts[i], { exact: true }).fill(values[i]);
      await page.getByRole('button', { name: T.save }).click();
      await page.getByRole('heading', { name }).waitFor();
    }
    await createBranch('Відділення на Вокзальній', '12');
    await createBranch('Тимчасове відділення', '1');
    const temp = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Тимчасове відділення' }) });
    await temp.getByRole('button', { name: T.edit }).click();
    await page.getByLabel(T.parts[4], { exact: true }).fill('2');
    await page.getByText(T.addressWarning).waitFor();
    await audit(page, 'branch-edit', lang, problems);
    await page.getByRole('button', { name: T.cancel }).click();
    await temp.getByRole('button', { name: T.delete }).click();
    await temp.getByRole('button', { name: T.confirmDelete }).click();
    await page.getByRole('heading', { name: 'Тимчасове відділення' }).waitFor({ state: 'detached' });
    await audit(page, 'branches', lang, problems);

    // Services: a step is not a service name — refused at the field, with the rule's examples.
    await page.getByRole('link', { name: T.open }).first().click();
    await page.waitForURL(/\/cabinet\/branches\/[0-9a-f-]+$/);
    await page.getByRole('button', { name: T.addService }).click();
    await page.getByLabel(T.serviceName).fill('Укладення договору');
    await page.getByRole('checkbox').first().check();
    await page.getByLabel(T.legalBasis).fill('Закон України «Про запобігання та протидію легалізації доходів»');
    await page.getByLabel(T.confirmBasis).check();
    responses.expect(/^\/api\/v1\/branches\/[0-9a-f-]+\/services$/, 422);
    await page.getByRole('button', { name: T.save }).click();
    await page.getByLabel(T.serviceName).and(page.locator('[aria-invalid="true"]')).waitFor();
    await page.getByText(T.notAService).first().waitFor();
    await audit(page, 'service-refused', lang, problems);
    await page.getByLabel(T.serviceName).fill('Відкриття рахунку');
    await page.getByRole('button', { name: T.save }).click();
    await page.getByRole('heading', { name: 'Відкриття рахунку' }).waitFor();
    await audit(page, 'services', lang, problems);

    // QR codes: issue, preview, download SVG and PDF, and check both files.
    await page.getByRole('link', { name: T.qrCodes }).first().click();
    await page.waitForURL(/\/cabinet\/services\/[0-9a-f-]+$/);
    const serviceId = page.url().split('/').pop();
    await page.getByRole('button', { name: T.issue }).click();
    const card = page.getByTestId('qr-card').first();
    await card.getByText(T.active, { exact: true }).waitFor();
    await card.locator('img').evaluate((img) => img.decode());
    await audit(page, 'qr-codes', lang, problems);
    const listing = await (await page.request.get(`/api/v1/services/${serviceId}/qr-codes`)).json();
    const qrUrl = listing.items[0].url;
    const svg = await download(page, () => card.getByRole('link', { name: T.svg }).click());
    const svgFile = join(work, `qr-${lang}.svg`);
    writeFileSync(svgFile, svg);
    execFileSync('rsvg-convert', ['-w', '600', '-b', 'white', '-o', join(work, `qr-${lang}.png`), svgFile]);
    const decoded = execFileSync('zbarimg', ['-q', '--raw', join(work, `qr-${lang}.png`)]).toString().trim();
    check(decoded === qrUrl, `the SVG decodes to ${decoded}, not the QR's URL ${qrUrl}`);
    const pdf = await download(page, () => card.getByRole('link', { name: T.pdf }).click());
    check(pdf.subarray(0, 5).toString() === '%PDF-', 'the poster is not a PDF');

    // The citizen's side, with the downloaded QR image.
    await page.goto('/demo/scan');
    await page.getByLabel(T.image).setInputFiles(svgFile);
    const request = page.getByTestId('scan-request');
    await request.getByText('Відкриття рахунку').waitFor();
    await audit(page, 'demo-scan-request', lang, problems);
    await page.getByRole('button', { name: T.share }).click();
    await page.locator('[data-testid="share-status"][data-status="sent"]').waitFor({ timeout: 90_000 });
    await audit(page, 'demo-scan-sent', lang, problems);

    // History: the share is there as sent; the CSV opens with a byte-order mark.
    await page.goto('/cabinet/history');
    await page.getByTestId('share-row').filter({ hasText: T.sent }).first().waitFor();
    await audit(page, 'history', lang, problems);
    const csv = await download(page, () => page.getByRole('button', { name: T.export }).click());
    check(csv[0] === 0xef && csv[1] === 0xbb && csv[2] === 0xbf, 'the CSV has no UTF-8 byte-order mark');
    check(csv.toString('utf8').includes('Відкриття рахунку'), 'the CSV does not list the share');

    // The mailbox has the mail; its .p7s validates on the verify page.
    await page.goto('/demo/mailbox');
    const mail = page.getByTestId('mail-item').first();
    await mail.waitFor();
    await audit(page, 'demo-mailbox', lang, problems);
    const p7sLink = mail.getByRole('link', { name: /\.p7s$/ }).first();
    const p7s = await download(page, () => p7sLink.click());
    await mail.getByRole('link', { name: T.verify, exact: true }).first().click();
    await page.waitForURL(/\/verify\?mail=/);
    await page.getByTestId('verdict').getByText(T.valid).waitFor();
    await audit(page, 'verify-valid', lang, problems);
    const signedPdf = await download(page, () => page.getByRole('button', { name: T.downloadPdf }).click());
    check(signedPdf.subarray(0, 5).toString() === '%PDF-', 'the signed copy downloaded from the verify page is not a PDF');

    // A tampered copy is refused: one byte of the PDF inside changed.
    const tampered = Buffer.from(p7s);
    const at = tampered.indexOf('%PDF-');
    check(at > 0, 'no PDF inside the .p7s');
    tampered[at + 200] ^= 0x01;
    await page.goto('/verify');
    await page.getByLabel(T.choose).setInputFiles({ name: 'tampered.pdf.p7s', mimeType: 'application/pkcs7-signature', buffer: tampered });
    await page.getByTestId('verdict').getByText(T.invalid).waitFor();
    await audit(page, 'verify-tampered', lang, problems);

    // The branch moves: its QR code becomes outdated, the app shows both addresses, one click reissues it.
    await page.goto('/cabinet/branches');
    await page.getByRole('button', { name: T.edit }).first().click();
    await page.getByLabel(T.parts[4], { exact: true }).fill('14');
    await page.getByText(T.addressWarning).waitFor();
    await page.getByRole('button', { name: T.save }).click();
    await page.getByText('вул. Вокзальна, 14').first().waitFor();
    await page.goto('/demo/scan');
    await page.getByLabel(T.paste).fill(qrUrl);
    await page.getByRole('button', { name: T.resolve }).click();
    await page.getByTestId('scan-request').getByText(T.moved).waitFor();
    await page.goto(`/cabinet/services/${serviceId}`);
    const badge = (status, text) => page.getByTestId('qr-card').filter({ has: page.locator(`.badge--${status}`, { hasText: text }) });
    await badge('outdated', T.outdated).getByRole('button', { name: T.reissue }).click();
    await badge('revoked', T.revoked).waitFor();
    await badge('active', T.active).filter({ hasText: 'вул. Вокзальна, 14' }).waitFor();
    await audit(page, 'qr-codes-reissued', lang, problems);
  } catch (e) {
    await page.screenshot({ path: join(SCREENSHOTS, `${lang}-FAILED.png`), fullPage: true }).catch(() => {});
    problems.push(`journey stopped at ${page.url()}: ${e instanceof Error ? e.message : e}`);
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  return problems;
}
