import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { session } from '../api/session';
import { useApi, useCan, useMe } from '../app/context';
import type { Permission } from '../api/types';
import { ErrorState, Spinner } from './kit';

const NAV: { to: string; label: string; icon: string; needs?: Permission[] }[] = [
  { to: '/', label: 'Today', icon: '◷', needs: ['analytics_read'] },
  { to: '/bots', label: 'Bots', icon: '◎' },
  { to: '/analytics', label: 'Analytics', icon: '↗', needs: ['analytics_read'] },
  { to: '/campaigns', label: 'Campaigns', icon: '✉' },
  { to: '/media', label: 'Media library', icon: '▣', needs: ['campaigns_read'] },
  { to: '/ads', label: 'Ads', icon: '$' },
  { to: '/team', label: 'Team & keys', icon: '☺', needs: ['users_manage', 'api_keys_manage'] },
  { to: '/audit', label: 'Audit log', icon: '☰', needs: ['audit_read'] },
  { to: '/operations', label: 'Dead letters', icon: '⟲', needs: ['operations'] },
  { to: '/data', label: 'Raw data', icon: '▤', needs: ['raw_data_read'] },
  { to: '/settings', label: 'Settings', icon: '⚙' },
];

/** The signed-in frame: navigation (only what the role may open), the user, and the page. */
export function Layout() {
  const location = useLocation();
  const [signedIn, setSignedIn] = useState(() => session.accessToken() !== null);
  useEffect(() => session.onChange(setSignedIn), []);
  if (!signedIn) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <SignedIn />;
}

function SignedIn() {
  const me = useMe();
  const can = useCan();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  if (me.isPending) return <Spinner label="Opening your dashboard" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const { user } = me.data;

  const signOut = async () => {
    await api.POST('/api/auth/logout', { body: {} });
    session.clear();
    queryClient.clear();
    navigate('/login');
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          botfleet
        </div>
        <nav aria-label="Main">
          {NAV.filter((item) => !item.needs || item.needs.some(can)).map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === '/'} className={({ isActive }) => `nav-link ${isActive ? 'active' : ''}`}>
              <span className="nav-icon" aria-hidden="true">
                {item.icon}
              </span>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="me">
          <div className="avatar" aria-hidden="true">
            {user.displayName.slice(0, 1).toUpperCase()}
          </div>
          <div className="me-text">
            <div className="me-name">{user.displayName}</div>
            <div className="me-role">{user.role}</div>
          </div>
          <button type="button" className="sign-out" onClick={signOut}>
            Sign out
          </button>
        </div>
      </aside>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
