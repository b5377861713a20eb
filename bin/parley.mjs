#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the TypeScript CLI through tsx so a clone needs no build step.
//
// --max-semi-space-size=64: a 64 MB young generation instead of V8's 16 MB. Under ingest load the
// default size scavenged every ~70 ms, with pauses of 4-19 ms, because much of a batch is still
// alive when it runs; a larger young generation scavenges a quarter as often. The measured gain is
// small and noisy (docs/performance.md). `npm start` passes the same flag, and the benches read it
// from this line.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli/main.ts');
