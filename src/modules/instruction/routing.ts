// Which team gets a new dossier: the procedure's rules on the answers, tried in order, the first that holds
// wins; else the procedure's default team. A rule's condition is the forms engine's (equals, differs, lt,
// gt, includes, empty, filled, combined with all/any); a territory answer can also be tested on its parts
// (`lieu.region`, `lieu.department`, `lieu.commune`), so "region = Tahoua" sends a whole region's dossiers.
import { evaluate, type Answers, type Condition } from '../forms/index.ts';

export interface Rule {
  teamId: string;
  condition: Condition;
}

export function pickTeam(rules: Rule[], defaultTeamId: string | null, answers: Answers): string | null {
  const flat = withTerritoryParts(answers);
  return rules.find((r) => evaluate(r.condition, flat))?.teamId ?? defaultTeamId;
}

function withTerritoryParts(answers: Answers): Answers {
  const flat: Answers = { ...answers };
  for (const [id, value] of Object.entries(answers)) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || !('region' in value)) continue;
    for (const [part, code] of Object.entries(value)) if (typeof code === 'string') flat[`${id}.${part}`] = code;
  }
  return flat;
}
