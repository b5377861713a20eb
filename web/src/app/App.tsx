import { useEffect, useState } from 'react';
import { AdminPage } from '../admin/AdminPage.tsx';
import { AnalyticsPage } from '../analytics/AnalyticsPage.tsx';
import { ApiError, api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { SignIn } from '../auth/SignIn.tsx';
import { InboxPage } from '../inbox/InboxPage.tsx';
import { ListeningPage } from '../listening/ListeningPage.tsx';
import { Wallboard } from '../wallboard/Wallboard.tsx';
import { WfmPage } from '../wfm/WfmPage.tsx';
import { DeskProvider } from './desk-context.tsx';
import { NavBar } from './NavBar.tsx';
import { navigate, usePath } from './router.ts';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    api.me().then(setMe, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) setMe(null);
      else setMe(null);
    });
  }, []);

  if (me === undefined) return <p className="loading">Loading…</p>;
  if (me === null) {
    return (
      <SignIn
        onSignedIn={(signedIn) => {
          setMe(signedIn);
          if (location.pathname === '/login') navigate('/inbox', { replace: true });
        }}
      />
    );
  }
  // Keyed by account: switching accounts rebuilds the store and the stream.
  return (
    <DeskProvider key={me.accountId} me={me}>
      <NavBar
        onSwitched={setMe}
        onSignedOut={() => {
          setMe(null);
          navigate('/login');
        }}
      />
      <Routes />
    </DeskProvider>
  );
}

function Routes() {
  const path = usePath();
  const conversationMatch = /^\/inbox\/([0-9a-f-]{36})$/.exec(path);
  if (path === '/wallboard') return <Wallboard />;
  if (path === '/admin') return <AdminPage />;
  if (path === '/analytics') return <AnalyticsPage />;
  if (path === '/listening') return <ListeningPage />;
  if (path === '/workforce') return <WfmPage />;
  return <InboxPage openId={conversationMatch?.[1] ?? null} />;
}
