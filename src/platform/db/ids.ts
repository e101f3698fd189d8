// Internal identifiers are ULIDs: sortable by creation time, unguessable enough, never shown as counters.
import { ulid } from 'ulid';

export function newId(): string {
  return ulid();
}
