import { useQuery, useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { partnerQuery } from '../../api/queries';
import { useKeySession } from '../../kep/KeySession';
import { useTexts } from '../../texts';

/** The cabinet's frame: who is logged in, the cabinet's sections, logout. The router's guard ran before this. */
export function CabinetLayout() {
  const t = useTexts();
  const partner = useQuery(partnerQuery);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { setKey } = useKeySession();
  const ready = partner.data?.profileComplete && partner.data.offer.accepted;

  async function logout() {
    try {
      await api('/api/v1/auth/logout', { method: 'POST' });
    } finally {
      setKey(null);
      queryClient.clear();
      navigate('/login', { replace: true });
    }
  }

  return (
    <div className="cabinet">
      <div className="cabinet__bar">
        <div className="container cabinet__bar-inner">
          <p className="cabinet__who">
            <strong>{partner.data?.name}</strong>
            {partner.data && <span> · {partner.data.headName}</span>}
          </p>
          <nav aria-label={t.nav.cabinet} className="cabinet__nav">
            <ul>
              {ready && (
                <>
                  <li>
                    <NavLink to="/cabinet/branches">{t.nav.branches}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/cabinet/history">{t.nav.history}</NavLink>
                  </li>
                </>
              )}
              <li>
                <NavLink to="/cabinet/profile">{t.nav.profile}</NavLink>
              </li>
              <li>
                <NavLink to="/cabinet/offer">{t.nav.offer}</NavLink>
              </li>
              <li>
                <button type="button" className="link-button" onClick={logout}>
                  {t.nav.logout}
                </button>
              </li>
            </ul>
          </nav>
        </div>
      </div>
      <Outlet />
    </div>
  );
}

export default CabinetLayout;
