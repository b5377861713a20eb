// Canned-response variables: `{{contact.first_name}}` and friends. Unknown names are refused when
// a response is saved, so an agent never sends a literal `{{typo}}` to a customer.

export interface VariableValues {
  contact: { name: string | null; handle: string | null };
  agent: { name: string | null };
  conversation: { id: string; channelName: string };
  account: { name: string };
}

const resolvers: Record<string, (v: VariableValues) => string> = {
  'contact.name': (v) => v.contact.name ?? v.contact.handle ?? 'there',
  'contact.first_name': (v) => firstName(v.contact.name) ?? v.contact.handle ?? 'there',
  'contact.handle': (v) => v.contact.handle ?? '',
  'agent.name': (v) => v.agent.name ?? 'the team',
  'agent.first_name': (v) => firstName(v.agent.name) ?? 'the team',
  'conversation.id': (v) => v.conversation.id,
  'channel.name': (v) => v.conversation.channelName,
  'account.name': (v) => v.account.name,
};

export const VARIABLE_NAMES = Object.keys(resolvers);

const pattern = /\{\{\s*([a-zA-Z_.]+)\s*\}\}/g;

function firstName(name: string | null): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/** The variable names a template uses that Parley does not know. */
export function unknownVariables(template: string): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(pattern)) {
    const name = match[1] ?? '';
    if (!(name in resolvers)) unknown.add(name);
  }
  return [...unknown];
}

/** Fill every known variable; an unknown one is left as written (saving refuses those anyway). */
export function renderTemplate(template: string, values: VariableValues): string {
  return template.replace(pattern, (whole, name: string) => {
    const resolve = resolvers[name];
    return resolve ? resolve(values) : whole;
  });
}
