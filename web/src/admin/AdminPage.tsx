import { useDesk } from '../app/desk-context.tsx';
import { CannedPanel } from './CannedPanel.tsx';
import { ChannelsPanel } from './ChannelsPanel.tsx';
import { LabelsApprovalsPanel } from './LabelsApprovalsPanel.tsx';
import { RoutingAdminPanels } from './RoutingAdminPanels.tsx';
import { RulesPanel } from './RulesPanel.tsx';
import { TokensPanel } from './TokensPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';
import { WhatsAppTemplatesPanel } from './WhatsAppTemplatesPanel.tsx';

export function AdminPage() {
  const { me } = useDesk();
  if (me.role !== 'admin') {
    return (
      <main className="admin">
        <h1>Admin</h1>
        <p>Only admins of {me.accounts.find((a) => a.id === me.accountId)?.name} can change its settings.</p>
      </main>
    );
  }
  return (
    <main className="admin" aria-labelledby="admin-title">
      <h1 id="admin-title">Admin</h1>
      <ChannelsPanel />
      <WhatsAppTemplatesPanel />
      <UsersPanel />
      <RoutingAdminPanels />
      <TokensPanel />
      <CannedPanel />
      <LabelsApprovalsPanel />
      <RulesPanel />
    </main>
  );
}
