#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the TypeScript CLI through tsx so a clone needs no build step.
//
// --max-semi-space-size=64: a server's young generation of 64 MB instead of V8's 16 MB. Under
// ingest load the default size scavenged every ~70 ms with pauses of 4-19 ms (most of a batch
// still alive); with 64 MB the server spent about 8% less CPU per event and the webhook ack p99
// dropped below 16 ms (docs/performance.md). `npm start` passes the same flag, and the benches
// read it from this line.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli/main.ts');
