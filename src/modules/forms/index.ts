// The procedure engine's pure core: form definitions, conditions, reading a page, validating a draft, moving
// drafts between revisions. No I/O, no clock (callers pass `now`): data in, data out.
export * from './types.ts';
export { MESSAGES, type FormsMessageKey } from './messages.ts';
export { parseDefinition, FIELD_TYPES, type DefinitionIssue, type ParsedDefinition } from './definition.ts';
export { evaluate, isEmpty, isFieldVisible, isSectionVisible, visibleAnswers, visibleChildren, visibleFields, visibleSections } from './conditions.ts';
export { checkValue, readField, type FieldContext, type Read } from './fields.ts';
export { localDateTime } from './field-date.ts';
export { readReference } from './field-identifiers.ts';
export { readSection, mergeSection, type FormBody, type SectionResult } from './read.ts';
export { validateAnswers, type ValidationResult } from './validate.ts';
export { migrateAnswers, type Migration } from './revisions.ts';
export { feeOf, acceptanceFeeOf, FEE_MAX } from './fee.ts';
