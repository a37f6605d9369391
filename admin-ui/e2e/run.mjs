// The browser suite (run by the e2e Maven module at integration-test): one gateway with embedded defaults, the
// login integration test of the КЕП module against it, then the journey in Ukrainian and in English.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { issuePartner, JAR, legacyCopy, startGateway } from './gateway.mjs';
import { journey, SCREENSHOTS } from './journey.mjs';

const adminUi = resolve(import.meta.dirname, '..');
if (!existsSync(JAR)) {
  console.error(`no ${JAR}: build the gateway first (mvn -B -DskipTests package)`);
  process.exit(1);
}
const started = Date.now();
const gateway = await startGateway();
let failures = [];
try {
  console.log(`gateway up at ${gateway.base} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const info = await (await fetch(`${gateway.base}/dev/info`)).json();
  const demo = { file: info.demoPartner.keyFile, password: info.demoPartner.password };
  // Not the head: a valid КЕП naming the demo organisation, held by someone the register does not name.
  const notHead = issuePartner(gateway, { name: 'Сторонній Петро Петрович', rnokpp: '1111111118', edrpou: '43187521', organisation: 'ТОВ «Зелений квартал»' });
  const issued = issuePartner(gateway, { name: 'Інтеграційна Ольга Степанівна' });
  const legacy = legacyCopy(gateway, issuePartner(gateway, { name: 'Старенко Іван Іванович' }));

  execFileSync('npx', ['vitest', 'run', '--config', 'e2e/vitest.config.ts'], {
    cwd: adminUi,
    stdio: 'inherit',
    env: { ...process.env, QRSHARE_E2E_BASE_URL: gateway.base, QRSHARE_E2E_KEYS: JSON.stringify({ issued, legacy, demo, notHead }) },
  });

  rmSync(SCREENSHOTS, { recursive: true, force: true });
  for (const [lang, name] of [['uk', 'Коваленко-Тест Андрій Миколайович'], ['en', 'Smith-Test Anna']]) {
    const t0 = Date.now();
    const key = issuePartner(gateway, { name });
    const problems = await journey({ base: gateway.base, lang, key, notHead, work: gateway.dir });
    console.log(`journey (${lang}): ${problems.length === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    failures = failures.concat(problems.map((p) => `[${lang}] ${p}`));
  }
} catch (e) {
  failures.push(e instanceof Error ? e.message : String(e));
} finally {
  await gateway.stop();
}
if (failures.length > 0) {
  console.error(`\n${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
  try {
    copyFileSync(gateway.log, join(SCREENSHOTS, 'gateway.log'));
    console.error(`gateway log: ${join(SCREENSHOTS, 'gateway.log')}`);
    console.error(readFileSync(gateway.log, 'utf8').split('\n').filter((l) => /ERROR|WARN/.test(l)).slice(-20).join('\n'));
  } catch {
    // no log to show
  }
  process.exit(1);
}
rmSync(gateway.dir, { recursive: true, force: true });
console.log(`browser suite passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${SCREENSHOTS}`);
