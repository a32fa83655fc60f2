// The Kafka side of the CLI: the bodies of `peek`, `produce` and `search` with the Kafka client they
// need. `lint` never loads it: esbuild bundles it apart as dist/cli-kafka.js (esbuild.mjs), so
// the linter starts without parsing the Kafka client.
export { groupsDelete, groupsList, groupsReset } from './groups';
export { peek } from './peek';
export { produce } from './produce';
export { topicConfig } from './topicConfig';
export { topicUsage } from './topicUsage';
export { search } from './search';
export { topicsApply, topicsDiff, topicsExport, topicsPlan } from './topicsFile';
