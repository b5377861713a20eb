import type { ChannelAdapter, Provider } from './adapter.ts';
import { apiAdapter } from './api/adapter.ts';
import { emailAdapter } from './email/index.ts';
import { metaAdapters } from './meta/index.ts';
import { webchatAdapter } from './webchat/index.ts';
import { xAdapter } from './x/index.ts';

const adapters = new Map<string, ChannelAdapter>(
  [apiAdapter, ...metaAdapters, xAdapter, emailAdapter, webchatAdapter].map((adapter) => [
    adapter.provider,
    adapter,
  ]),
);

export function registerAdapter(adapter: ChannelAdapter): void {
  adapters.set(adapter.provider, adapter);
}

export function adapterFor(provider: string): ChannelAdapter | undefined {
  return adapters.get(provider);
}

export function knownProviders(): Provider[] {
  return [...adapters.keys()] as Provider[];
}
