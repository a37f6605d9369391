import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Key files made by openssl before the suite runs (scripts/make-test-keys.sh), under target/ like all build output. */
export const TEST_KEYS_DIR = resolve(__dirname, '../../target/test-keys');

export default function setup(): void {
  execFileSync('bash', [resolve(__dirname, '../../scripts/make-test-keys.sh'), TEST_KEYS_DIR], { stdio: 'inherit' });
}
