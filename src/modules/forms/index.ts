// The procedure engine's pure core: form definitions, conditions, reading and validating answers, moving
// drafts between revisions. No I/O here: data in, data out.
export * from './types.ts';
export { parseDefinition, type DefinitionIssue, type ParsedDefinition } from './definition.ts';
export { evaluate, isEmpty, isFieldVisible, isSectionVisible, visibleAnswers, visibleSections } from './conditions.ts';
export { readField } from './fields.ts';
export { readSection, validateAnswers, type FormBody } from './read.ts';
export { migrateAnswers } from './revisions.ts';
