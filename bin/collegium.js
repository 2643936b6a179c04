#!/usr/bin/env node
// The `collegium` command. The sources are TypeScript, run through tsx's loader so that
// there is no build step between a checkout and a working command.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
