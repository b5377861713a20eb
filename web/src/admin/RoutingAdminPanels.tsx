import { CalendarsPanel } from './CalendarsPanel.tsx';
import { CapacityPanel } from './CapacityPanel.tsx';
import { RoutingPanel } from './RoutingPanel.tsx';
import { SkillsPanel } from './SkillsPanel.tsx';
import { SlaPoliciesPanel } from './SlaPoliciesPanel.tsx';
import { TeamsPanel } from './TeamsPanel.tsx';

/** Routing and SLA administration: who takes which work, when, and how fast it must be answered. */
export function RoutingAdminPanels() {
  return (
    <>
      <TeamsPanel />
      <SkillsPanel />
      <CapacityPanel />
      <RoutingPanel />
      <CalendarsPanel />
      <SlaPoliciesPanel />
    </>
  );
}
