import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { devInfoQuery, keys } from '../api/queries';
import type { Challenge, LoginResponse } from '../api/types';
import { ErrorMessage, Screen } from '../components/ui';
import { fromBase64, signCms, toBase64 } from '../kep/cms';
import { KeyFileForm } from '../kep/KeyFileForm';
import { useKeySession } from '../kep/KeySession';
import type { KeyFile } from '../kep/keyFile';
import { useTexts } from '../texts';

/** Where a login may lead back to: only this site's cabinet. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/cabinet') ? next : '/cabinet';
}

export function LoginPage() {
  const t = useTexts();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { setKey } = useKeySession();
  const dev = useQuery(devInfoQuery);
  const [error, setError] = useState<unknown>(null);

  async function login(key: KeyFile) {
    setError(null);
    try {
      const challenge = await api<Challenge>('/api/v1/auth/challenge', { method: 'POST' });
      const signature = await signCms(key, fromBase64(challenge.nonce));
      await api<LoginResponse>('/api/v1/auth/login', { json: { challengeId: challenge.challengeId, signature: toBase64(signature) } });
      setKey(key);
      queryClient.removeQueries();
      await queryClient.invalidateQueries({ queryKey: keys.partner });
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(e);
    }
  }

  const hint = error instanceof ApiError ? t.login.hints[error.code] : undefined;
  const demo = dev.data?.demoPartner;
  return (
    <Screen title={t.login.title} lead={t.login.lead}>
      <div className="panel">
        <KeyFileForm submitLabel={t.login.submit} busyLabel={t.login.working} onKey={login} />
        {error != null && <ErrorMessage error={error} />}
        {hint && <p className="field__hint">{hint}</p>}
      </div>
      {demo && (
        <aside className="panel panel--demo" aria-labelledby="demo-key">
          <h2 id="demo-key">
            {t.login.devTitle} <span className="demo-badge">{t.demo.badge}</span>
          </h2>
          <p>{t.login.devText(demo.organisation)}</p>
          <dl className="facts">
            <dt>{t.login.devFile}</dt>
            <dd>
              <code data-testid="demo-key-file">{demo.keyFile}</code>
            </dd>
            <dt>{t.login.devPassword}</dt>
            <dd>
              <code data-testid="demo-key-password">{demo.password}</code> ({t.login.devPasswordFile} <code>{demo.passwordFile}</code>)
            </dd>
          </dl>
          <p className="actions">
            {/* Full page loads: the simulator's page is the only one allowed to ask for the camera. */}
            {dev.data?.simulator && <a href="/demo/scan">{t.nav.demoScan}</a>}
            {dev.data?.mailbox && <a href="/demo/mailbox">{t.nav.demoMailbox}</a>}
          </p>
        </aside>
      )}
    </Screen>
  );
}

export default LoginPage;
