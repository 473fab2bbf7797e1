// Raw SCALE encoding from the runtime's type metadata, to build calls that polkadot.js would
// not: the smallest value of every type, with one vector somewhere inside made longer than any
// bound the runtime sets.

import { compactToU8a, u8aConcat } from '@polkadot/util';

const PRIMITIVE_SIZE = { Bool: 1, Char: 4, U8: 1, U16: 2, U32: 4, U64: 8, U128: 16, U256: 32, I8: 1, I16: 2, I32: 4, I64: 8, I128: 16, I256: 32 };
/** How deep to look for vectors inside a type (call arguments nest a few levels). */
const MAX_DEPTH = 8;

/**
 * Every vector reachable inside type `id`: a list of paths, each a list of steps
 * (`{ field }`, `{ variant, field }`, `{ element }`) from the type to one sequence.
 */
export function vectorSites(lookup, id, depth = 0, seen = new Set()) {
  if (depth > MAX_DEPTH || seen.has(id)) return [];
  const ty = lookup.getSiType(id);
  // A call inside a call (a guardian acting, a batch) is another call: fuzzed on its own.
  if (ty.path.length && ty.path[ty.path.length - 1].toString() === 'RuntimeCall') return [];
  const def = ty.def;
  const inner = new Set(seen).add(id);
  const sites = [];
  const walk = (typeId, step) => {
    for (const path of vectorSites(lookup, typeId, depth + 1, inner)) sites.push([step, ...path]);
  };
  if (def.isSequence) {
    sites.push([]);
    walk(def.asSequence.type.toNumber(), { element: true });
  } else if (def.isComposite) {
    def.asComposite.fields.forEach((f, field) => walk(f.type.toNumber(), { field }));
  } else if (def.isVariant) {
    for (const v of def.asVariant.variants) {
      v.fields.forEach((f, field) => walk(f.type.toNumber(), { variant: v.index.toNumber(), field }));
    }
  } else if (def.isTuple) {
    def.asTuple.forEach((t, field) => walk(t.toNumber(), { field }));
  } else if (def.isArray) {
    walk(def.asArray.type.toNumber(), { element: true });
  }
  return sites;
}

/**
 * Whether the vector at `path` inside type `id` is the inside of a `BoundedVec` (or
 * `WeakBoundedVec`, `BoundedBTreeSet`...), whose decoding enforces its bound, not a plain `Vec`.
 */
export function isBounded(lookup, id, path) {
  if (path.length === 0) return false;
  const parent = lookup.getSiType(siteType(lookup, id, path.slice(0, -1)));
  return parent.path.some((segment) => /^Bounded|^WeakBounded/.test(segment.toString()));
}

/** The type a site's path ends at (a sequence). */
export function siteType(lookup, id, path) {
  let typeId = id;
  for (const step of path) {
    const def = lookup.getSiType(typeId).def;
    if (step.element) typeId = (def.isSequence ? def.asSequence : def.asArray).type.toNumber();
    else if (step.variant !== undefined) {
      typeId = def.asVariant.variants.find((v) => v.index.eqn(step.variant)).fields[step.field].type.toNumber();
    } else if (def.isTuple) typeId = def.asTuple[step.field].toNumber();
    else typeId = def.asComposite.fields[step.field].type.toNumber();
  }
  return typeId;
}

/**
 * The smallest encoding of type `id`, except along `path`, whose sequence gets `length`
 * smallest elements. Variants take their first variant, or the one the path goes through.
 */
export function encodeSmallest(lookup, id, path = null, length = 0) {
  const def = lookup.getSiType(id).def;
  const onPath = path !== null;
  const step = onPath ? path[0] : undefined;
  const rest = onPath ? path.slice(1) : null;
  if (def.isSequence) {
    const element = def.asSequence.type.toNumber();
    if (onPath && path.length === 0) {
      const one = encodeSmallest(lookup, element);
      const body = new Uint8Array(one.length * length);
      for (let i = 0; i < length; i += 1) body.set(one, i * one.length);
      return u8aConcat(compactToU8a(length), body);
    }
    if (onPath) return u8aConcat(compactToU8a(1), encodeSmallest(lookup, element, rest, length));
    return compactToU8a(0);
  }
  if (def.isArray) {
    const element = def.asArray.type.toNumber();
    const parts = [];
    for (let i = 0; i < def.asArray.len.toNumber(); i += 1) {
      parts.push(onPath && i === 0 ? encodeSmallest(lookup, element, rest, length) : encodeSmallest(lookup, element));
    }
    return u8aConcat(...parts);
  }
  if (def.isComposite) {
    return u8aConcat(
      ...def.asComposite.fields.map((f, i) =>
        onPath && step.field === i ? encodeSmallest(lookup, f.type.toNumber(), rest, length) : encodeSmallest(lookup, f.type.toNumber()),
      ),
    );
  }
  if (def.isTuple) {
    return u8aConcat(
      ...def.asTuple.map((t, i) =>
        onPath && step.field === i ? encodeSmallest(lookup, t.toNumber(), rest, length) : encodeSmallest(lookup, t.toNumber()),
      ),
    );
  }
  if (def.isVariant) {
    const variants = def.asVariant.variants;
    if (variants.length === 0) throw new Error(`type ${id} has no variants`);
    const v = onPath ? variants.find((x) => x.index.eqn(step.variant)) : variants[0];
    return u8aConcat(
      new Uint8Array([v.index.toNumber()]),
      ...v.fields.map((f, i) =>
        onPath && step.field === i ? encodeSmallest(lookup, f.type.toNumber(), rest, length) : encodeSmallest(lookup, f.type.toNumber()),
      ),
    );
  }
  if (def.isCompact || def.isBitSequence) return compactToU8a(0);
  if (def.isPrimitive) {
    const name = def.asPrimitive.type;
    if (name === 'Str') return compactToU8a(0);
    return new Uint8Array(PRIMITIVE_SIZE[name]);
  }
  throw new Error(`type ${id}: ${def.type} is not encodable here`);
}
