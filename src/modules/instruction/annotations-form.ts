// The agents' annotations are the private fields of the form a dossier was filed on. To show and read them
// with the forms engine as it is (SectionFields, readSection), they are gathered into one extra section of a
// copy of the form: pages and validators stay the applicant's, and no second set of inputs is written.
import { isInput, type Condition, type Field, type FormDefinition, type Section } from '../forms/index.ts';

/** The extra section's id; a definition's ids start with a letter, so no real section can be called this. */
export const ANNOTATIONS_SECTION = '_annotations';

export interface AnnotationForm {
  /** The form with its private fields moved to a last section; the applicant's questions are unchanged. */
  definition: FormDefinition;
  section: Section;
  /** Private fields this urlencoded page cannot take yet: files and repeated blocks. */
  skipped: string[];
}

const isPrivate = (f: Field) => isInput(f) && f.private === true;
const fitsPlainForm = (f: Field) => f.type !== 'repeat' && f.type !== 'attachment' && f.type !== 'identityDocument';

/** Both conditions must hold: the field's own, and that of the section it was written in. */
function both(a: Condition | undefined, b: Condition | undefined): Condition | undefined {
  return a && b ? { all: [a, b] } : (a ?? b);
}

/** The annotations' form, or undefined when the procedure has no private field this page can take. */
export function annotationForm(def: FormDefinition): AnnotationForm | undefined {
  const fields: Field[] = [];
  const skipped: string[] = [];
  const sections = def.sections.map((s) => {
    for (const f of s.fields.filter(isPrivate)) {
      if (!fitsPlainForm(f)) skipped.push(f.id);
      // No longer private in the copy: the applicant's renderer and reader skip private fields, and this
      // section is only ever shown to agents.
      else fields.push({ ...f, private: false, visibleIf: both(s.visibleIf, f.visibleIf) } as Field);
    }
    return { ...s, fields: s.fields.filter((f) => !isPrivate(f)) };
  });
  if (fields.length === 0) return undefined;
  const section: Section = { id: ANNOTATIONS_SECTION, title: '', fields };
  return { definition: { sections: [...sections, section] }, section, skipped };
}
