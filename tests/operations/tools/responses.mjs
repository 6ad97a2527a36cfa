// The screens' queries against a live server with the demo data, as every account: each answer
// must have exactly the shape the generated TypeScript types promise. Every selected key is there
// (a field that failed is null only where the schema lets it be, as the spec's null propagation
// says), no other key is, non-null values are never null, lists are arrays, scalars and enums
// have their type. Usage: node responses.mjs <base url> <schema.graphql> <screens dir>
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  Kind,
  buildSchema,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  print,
  visit,
} from 'graphql';

const [base, schemaPath, screensDir] = process.argv.slice(2);
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const PASSWORD = 'inspect-demo-2026';
const ACCOUNTS = ['leader', 'office', 'team1', 'team1.member', 'unit1', 'unit1.deputy', 'agency1', 'agency3', null];

// What each query is asked with: its variables, given a few ids read from the server first.
const VARIABLES = {
  InspectionsScreenQuery: () => ({ first: 100 }),
  InspectionScreenQuery: (ids) => ({ id: ids.inspection }),
  PublicScreenQuery: () => ({ first: 20 }),
  ReferralsScreenQuery: () => ({ first: 50 }),
  StatisticsScreenQuery: (ids) => ({ roundId: ids.round }),
  TasksScreenQuery: () => ({ first: 50 }),
};

async function post(token, query, variables) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

async function token(username) {
  if (!username) return null;
  const answer = await post(null, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
    i: { username, password: PASSWORD },
  });
  if (!answer.data) throw new Error(`login ${username}: ${JSON.stringify(answer)}`);
  return answer.data.login.token;
}

// Every operation of the screens, by name.
function operations() {
  const found = new Map();
  for (const file of readdirSync(screensDir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(screensDir, file), 'utf8');
    for (const [, body] of text.matchAll(/graphql`([\s\S]*?)`/g)) {
      // As Apollo Client and Relay send them: `__typename` in every selection below the root.
      const doc = withTypenames(parse(body));
      for (const def of doc.definitions) {
        if (def.kind === Kind.OPERATION_DEFINITION) found.set(def.name.value, { doc, def, text: print(doc) });
      }
    }
  }
  return found;
}

function withTypenames(doc) {
  const typename = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  return visit(doc, {
    SelectionSet(node, _key, parent) {
      if (parent && parent.kind === Kind.OPERATION_DEFINITION) return undefined;
      if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')) return undefined;
      return { ...node, selections: [...node.selections, typename] };
    },
  });
}

// The fields a selection set asks of an object of concrete type `type`, by response key.
function collect(selectionSet, type, fragments, out = new Map()) {
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) {
      const key = sel.alias ? sel.alias.value : sel.name.value;
      if (!out.has(key)) out.set(key, []);
      out.get(key).push(sel);
    } else {
      const cond = sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition : fragments[sel.name.value].typeCondition;
      const applies =
        !cond ||
        cond.name.value === type.name ||
        (isAbstractType(schema.getType(cond.name.value)) &&
          schema.isSubType(schema.getType(cond.name.value), type));
      const set = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments[sel.name.value].selectionSet;
      if (applies) collect(set, type, fragments, out);
    }
  }
  return out;
}

// Checks `value` against `type` and what is selected of it; returns the faults, by path.
function check(value, type, selections, fragments, path, faults) {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) {
      faults.push(`${path}: null where the schema says non-null`);
      return;
    }
    return check(value, type.ofType, selections, fragments, path, faults);
  }
  if (value === null) return;
  if (value === undefined) {
    faults.push(`${path}: missing`);
    return;
  }
  if (isListType(type)) {
    if (!Array.isArray(value)) return faults.push(`${path}: not a list`);
    value.forEach((v, i) => check(v, type.ofType, selections, fragments, `${path}[${i}]`, faults));
    return;
  }
  if (isScalarType(type)) {
    const ok = {
      Int: (v) => Number.isInteger(v),
      Float: (v) => typeof v === 'number',
      Boolean: (v) => typeof v === 'boolean',
    }[type.name];
    if (ok ? !ok(value) : typeof value !== 'string') faults.push(`${path}: ${JSON.stringify(value)} is not ${type.name}`);
    return;
  }
  if (isEnumType(type)) {
    if (!type.getValue(value)) faults.push(`${path}: ${JSON.stringify(value)} is not a ${type.name}`);
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) return faults.push(`${path}: not an object`);
  let concrete = type;
  if (isAbstractType(type)) {
    concrete = value.__typename && schema.getType(value.__typename);
    if (!concrete) return faults.push(`${path}: an abstract ${type.name} without __typename`);
  }
  const merged = new Map();
  for (const set of selections) collect(set, concrete, fragments, merged);
  for (const key of Object.keys(value)) {
    if (!merged.has(key)) faults.push(`${path}.${key}: not asked for`);
  }
  for (const [key, fields] of merged) {
    const name = fields[0].name.value;
    if (name === '__typename') {
      if (value[key] !== concrete.name) faults.push(`${path}.${key}: ${JSON.stringify(value[key])} is not ${concrete.name}`);
      continue;
    }
    const field = concrete.getFields()[name];
    if (!field) {
      faults.push(`${path}.${key}: no field ${name} on ${concrete.name}`);
      continue;
    }
    const sub = fields.filter((f) => f.selectionSet).map((f) => f.selectionSet);
    check(value[key], field.type, sub, fragments, `${path}.${key}`, faults);
  }
}

const ops = operations();
const queries = [...ops.values()].filter(({ def }) => def.operation === 'query');
// A few ids the variables need, read as the leader.
const leader = await token('leader');
const seed = await post(leader, '{ inspections(first: 1) { nodes { id round { id } } } }', {});
const ids = { inspection: seed.data.inspections.nodes[0].id, round: seed.data.inspections.nodes[0].round.id };

let checked = 0;
const failures = [];
for (const account of ACCOUNTS) {
  const t = await token(account);
  for (const { doc, def, text } of queries) {
    const name = def.name.value;
    const variables = (VARIABLES[name] ?? (() => ({})))(ids);
    const answer = await post(t, text, variables);
    const fragments = Object.fromEntries(
      doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const faults = [];
    if (!('data' in answer)) faults.push('no data key');
    else if (answer.data !== null) check(answer.data, schema.getQueryType(), [def.selectionSet], fragments, 'data', faults);
    else if (!answer.errors?.length) faults.push('data is null without an error');
    checked += 1;
    const who = account ?? '(no token)';
    if (faults.length) failures.push(`${name} as ${who}:\n  ${faults.slice(0, 10).join('\n  ')}`);
    else console.log(`ok - ${name} as ${who}${answer.errors ? ` (refused: ${answer.errors[0].extensions?.code})` : ''}`);
  }
}
if (failures.length) {
  console.error(`FAILED: ${failures.length} of ${checked} answers do not have the generated types' shape`);
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`-- ${checked} answers have exactly the shape of their generated types`);
