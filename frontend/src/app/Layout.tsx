// Page chrome. Signed in: brand, who is signed in, the main navigation and Log out. Signed out:
// a narrow column for the account forms.
import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { ViewerDocument } from '../session/operations.ts';
import { useAuthActions } from '../session/SessionContext.tsx';
import { useSessionLostWhenMeIsNull } from './useSessionLost.ts';
import { lastInputWasKeyboard } from '../ui/input-modality.ts';
import { VerifyEmailBanner } from '../pages/account/VerifyEmailBanner.tsx';

const NAV = [
  { to: '/goals', label: 'Goals' },
  { to: '/badges', label: 'Badges' },
  { to: '/profile', label: 'Profile' },
  { to: '/sessions', label: 'Sessions' },
  { to: '/password', label: 'Password' },
] as const;

/** Shown to ADMINs only (RequireAdmin guards the route itself). */
const ADMIN_NAV = [{ to: '/admin/users', label: 'Admin' }] as const;

/**
 * Moves focus to the new page's heading after navigation, as a full page load would, so screen
 * readers announce the new page. The heading shows a focus ring only when the navigation came
 * from the keyboard (see the `h1[data-focus]` rule in styles.css).
 */
function useFocusHeadingOnNavigate() {
  const { pathname } = useLocation();
  // The path already shown, not a "first render" flag: StrictMode runs effects twice on mount.
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.dataset.focus = lastInputWasKeyboard() ? 'keyboard' : 'pointer';
    // A later click on the heading itself is a pointer focus again.
    heading.addEventListener('blur', () => delete heading.dataset.focus, { once: true });
    heading.focus();
  }, [pathname]);
}

function Brand() {
  return (
    <Link to="/" className="brand">
      <span className="brand__mark" aria-hidden="true">
        ◆
      </span>
      Tracklore
    </Link>
  );
}

export function Layout() {
  const viewer = useQuery(ViewerDocument);
  const { data } = viewer;
  const { logOut } = useAuthActions();
  const [leaving, setLeaving] = useState(false);
  useSessionLostWhenMeIsNull(viewer);
  useFocusHeadingOnNavigate();
  const me = data?.me;
  const who = me ? (me.profile?.displayName ?? me.email) : null;
  const nav = me?.roles.includes('ADMIN') ? [...NAV, ...ADMIN_NAV] : NAV;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Brand />
          {who ? (
            <span className="topbar__who" data-testid="viewer">
              {who}
            </span>
          ) : null}
          <button
            type="button"
            className="button button--ghost topbar__logout"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              void logOut();
            }}
          >
            {leaving ? 'Logging out…' : 'Log out'}
          </button>
        </div>
        <nav aria-label="Main" className="nav">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={({ isActive }) => (isActive ? 'nav__link nav__link--active' : 'nav__link')}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {me && !me.emailVerified ? <VerifyEmailBanner email={me.email} /> : null}
      <main id="main" className="page">
        <Outlet />
      </main>
    </>
  );
}

export function PublicLayout() {
  useFocusHeadingOnNavigate();
  return (
    <>
      <header className="topbar topbar--public">
        <div className="topbar__inner">
          <Brand />
        </div>
      </header>
      <main id="main" className="page page--narrow">
        <Outlet />
      </main>
    </>
  );
}
