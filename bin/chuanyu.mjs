#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so that `npm start` needs no separate server build.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/main.ts');
