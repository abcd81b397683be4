export * from './types';
export { decodeMsgpack, encodeMsgpack } from './msgpack';
export { decodeJson, encodeJson } from './json';
export { typeFromJson, typeToJson } from './type-json';
