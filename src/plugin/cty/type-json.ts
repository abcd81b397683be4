import { type CtyType, CtyCodecError } from './types';

/** cty's JSON type notation: "string", ["list","string"], ["object",{…},["optional"]], ["tuple",[…]]. */
export function typeToJson(type: CtyType): unknown {
  if (typeof type === 'string') return type;
  if ('list' in type) return ['list', typeToJson(type.list)];
  if ('set' in type) return ['set', typeToJson(type.set)];
  if ('map' in type) return ['map', typeToJson(type.map)];
  if ('tuple' in type) return ['tuple', type.tuple.map(typeToJson)];
  const attributes = Object.fromEntries(Object.entries(type.object).map(([name, t]) => [name, typeToJson(t)]));
  return type.optional && type.optional.length > 0 ? ['object', attributes, [...type.optional]] : ['object', attributes];
}

export function typeFromJson(json: unknown, depth = 0): CtyType {
  if (depth > 64) throw new CtyCodecError('type nesting is too deep');
  if (json === 'string' || json === 'number' || json === 'bool' || json === 'dynamic') return json;
  if (Array.isArray(json) && typeof json[0] === 'string') {
    const [kind, inner, optional] = json as [string, unknown, unknown];
    switch (kind) {
      case 'list':
        return { list: typeFromJson(inner, depth + 1) };
      case 'set':
        return { set: typeFromJson(inner, depth + 1) };
      case 'map':
        return { map: typeFromJson(inner, depth + 1) };
      case 'tuple':
        if (!Array.isArray(inner)) break;
        return { tuple: inner.map((t) => typeFromJson(t, depth + 1)) };
      case 'object': {
        if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) break;
        const object = Object.fromEntries(Object.entries(inner).map(([name, t]) => [name, typeFromJson(t, depth + 1)]));
        return Array.isArray(optional) ? { object, optional: optional.map(String) } : { object };
      }
    }
  }
  throw new CtyCodecError(`not a cty type: ${JSON.stringify(json)?.slice(0, 80)}`);
}
