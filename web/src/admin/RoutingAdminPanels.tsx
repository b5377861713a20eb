import { useState } from 'react';
import { CalendarsPanel } from './CalendarsPanel.tsx';
import { CapacityPanel } from './CapacityPanel.tsx';
import { RoutingPanel } from './RoutingPanel.tsx';
import { SkillsPanel } from './SkillsPanel.tsx';
import { SlaPoliciesPanel } from './SlaPoliciesPanel.tsx';
import { TeamsPanel } from './TeamsPanel.tsx';

/** Routing and SLA administration: who takes which work, when, and how fast it must be answered. */
export function RoutingAdminPanels() {
  // SLA policies pick a calendar: they re-read the list whenever a calendar is saved.
  const [calendarsVersion, setCalendarsVersion] = useState(0);
  return (
    <>
      <TeamsPanel />
      <SkillsPanel />
      <CapacityPanel />
      <RoutingPanel />
      <CalendarsPanel onChanged={() => setCalendarsVersion((v) => v + 1)} />
      <SlaPoliciesPanel calendarsVersion={calendarsVersion} />
    </>
  );
}
