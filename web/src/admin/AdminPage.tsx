import { ChannelsPanel } from './ChannelsPanel.tsx';
import { TokensPanel } from './TokensPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';

export function AdminPage() {
  return (
    <main className="admin" aria-labelledby="admin-title">
      <h1 id="admin-title">Admin</h1>
      <ChannelsPanel />
      <UsersPanel />
      <TokensPanel />
    </main>
  );
}
