// The audit log's public face: modules append entries and managers read them; the CLI verifies the chain.
export { appendAudit, listAudit, verifyAuditChain } from './log.ts';
export type { AuditBreak, AuditEntry, AuditRecord, AuditVerification } from './log.ts';
export { canonicalJson, entryHash, GENESIS_HASH } from './hash.ts';
