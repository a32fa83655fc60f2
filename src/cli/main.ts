#!/usr/bin/env node
// Placeholder entry until the linter lands; keeps the bundle target valid.
process.stdout.write('upsun-kafka: no commands yet\n');
