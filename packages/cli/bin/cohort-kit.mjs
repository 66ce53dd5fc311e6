#!/usr/bin/env node
import { run } from '../src/cli.mjs';

// Exit explicitly: the admin SDK's gRPC channels can keep the event loop alive after a timeout.
process.exit(await run(process.argv.slice(2)));
