// Writes the JSON Schema of online forms for editors (`npm run schema:forms`): run it after changing
// definition.ts or json-schema.ts, and commit the file with the change (json-schema.test.ts fails otherwise).
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { formJsonSchemaText, JSON_SCHEMA_FILE } from './json-schema.ts';

const target = new URL(`../../../${JSON_SCHEMA_FILE}`, import.meta.url);
await mkdir(new URL('./', target), { recursive: true });
await writeFile(target, formJsonSchemaText());
console.log(`wrote ${fileURLToPath(target)}`);
