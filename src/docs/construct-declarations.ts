import type * as TS from 'typescript';
import { camelName, pascalName } from '../model';

/**
 * What the constructs' TypeScript declarations say that the kinds' descriptions cannot: the
 * exported classes, their statics and JSDoc, and the props a construct adds to its kind's fields
 * (its "sugar", with the field each stands for). Read with the TypeScript compiler API from the
 * built declarations (dist/constructs/index.d.ts); the compiler is passed in, so that nothing in
 * the package needs it at run time.
 */

export interface DeclaredParameter {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  /** The members of the parameter's type, when it is an interface this project exports (`UserListUsersOptions`). */
  readonly members?: readonly DeclaredProperty[];
  readonly typeName?: string;
}

export interface DeclaredMethod {
  readonly name: string;
  readonly parameters: readonly DeclaredParameter[];
  readonly returns: string;
  readonly doc: string;
}

export interface DeclaredProperty {
  readonly name: string;
  /** The type as TypeScript prints it, `undefined` left out of optional ones. */
  readonly type: string;
  readonly optional: boolean;
  readonly doc: string;
  /** A prop of the construct's own (`sugar` in kind-props.ts) rather than one of its kind's fields. */
  readonly own: boolean;
  /** For a prop of its own: the field of the kind it stands for, in camelCase. */
  readonly standsFor?: string;
}

export interface DeclaredClass {
  readonly name: string;
  readonly doc: string;
  /** `construct`: a constructs.Construct; `error`: an Error; `class`: anything else (helpers, references). */
  readonly role: 'construct' | 'error' | 'class';
  readonly statics: readonly DeclaredMethod[];
  /** Constructs: `new X(scope, id, props)`. */
  readonly constructorParameters?: readonly DeclaredParameter[];
  /** Constructs: the props' type name and its properties (from the exported `XProps` alias when there is one). */
  readonly props?: { readonly typeName: string; readonly properties: readonly DeclaredProperty[] };
  /** Constructs: public instance properties this project declares. */
  readonly properties?: readonly DeclaredProperty[];
}

export interface ConstructDeclarations {
  /** Exported classes (and class-valued constants, such as the reference classes), in export order. */
  readonly classes: readonly DeclaredClass[];
  /** Exported type names (`IUserList`, `UserListProps`, …). */
  readonly types: readonly string[];
}

/** Reads the declarations of `entry` (a .d.ts file) and what it imports. */
export function readConstructDeclarations(ts: typeof TS, entry: string): ConstructDeclarations {
  const options: TS.CompilerOptions = { skipLibCheck: true, noEmit: true, types: [], module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 };
  const program = ts.createProgram([entry], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry}: not a module the TypeScript compiler can read`);
  // This project's own declarations: not a dependency's, nor the generated bindings'.
  const inProject = (declaration: TS.Declaration) => !/\/(node_modules|generated)\//.test(declaration.getSourceFile().fileName);

  const constructType = exportedType(ts, checker, program, entry, options, 'constructs', 'Construct');
  const errorSymbol = checker.resolveName('Error', undefined, ts.SymbolFlags.Type, false);
  const errorType = errorSymbol && checker.getDeclaredTypeOfSymbol(errorSymbol);

  const exports = checker.getExportsOfModule(moduleSymbol).map((symbol) => ({ name: symbol.name, symbol: symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol }));
  const typeNames = exports.filter(({ symbol }) => symbol.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface)).map(({ name }) => name);
  const exportedInterfaces = new Set(exports.filter(({ symbol }) => symbol.flags & ts.SymbolFlags.Interface).map(({ symbol }) => symbol));

  const docOf = (symbol: TS.Symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s*\n\s*/g, ' ').trim();
  const text = (type: TS.Type) => typeText(ts, checker, type);

  const property = (symbol: TS.Symbol): DeclaredProperty => {
    const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
    const type = checker.getTypeOfSymbol(symbol);
    // `undefined` goes with being optional; `null` is a value of its own.
    const nullable = type.isUnion() && type.types.some((member) => member.flags & ts.TypeFlags.Null);
    const shown = `${text(checker.getNonNullableType(type))}${nullable ? ' | null' : ''}`;
    const sugar = sugarOf(ts, checker, symbol);
    return { name: symbol.name, type: shown, optional, doc: docOf(symbol), own: sugar !== undefined, ...(sugar?.field ? { standsFor: sugar.field } : {}) };
  };

  // A generic method's return type as written (`Extract<SshChannelRule, { channel: C; }>`) when the checker would spell out the whole union.
  const returnText = (signature: TS.Signature) => {
    const computed = text(signature.getReturnType());
    const written = signature.typeParameters?.length ? signature.getDeclaration()?.type?.getText().replace(/\s+/g, ' ') : undefined;
    return written !== undefined && written.length < computed.length ? written : computed;
  };

  const parameter = (symbol: TS.Symbol): DeclaredParameter => {
    const declaration = symbol.valueDeclaration as TS.ParameterDeclaration | undefined;
    const type = checker.getTypeOfSymbol(symbol);
    const named = type.aliasSymbol ?? type.getSymbol();
    const members = named && exportedInterfaces.has(named) ? checker.getPropertiesOfType(type).map(property) : undefined;
    return {
      name: symbol.name,
      type: text(type),
      optional: Boolean(declaration && (declaration.questionToken || declaration.initializer)),
      ...(members ? { members, typeName: named!.name } : {}),
    };
  };

  const classes: DeclaredClass[] = [];
  for (const { name, symbol } of exports) {
    if (!(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Variable))) continue;
    const staticSide = checker.getTypeOfSymbol(symbol);
    const methods = checker.getPropertiesOfType(staticSide).filter((member) => member.name !== 'prototype' && checker.getTypeOfSymbol(member).getCallSignatures().length > 0);
    const [construct] = staticSide.getConstructSignatures();
    // A class, or a constant that stands for one (a reference class typed by its statics).
    if (!construct && (methods.length === 0 || staticSide.getCallSignatures().length > 0)) continue;
    const instance = construct?.getReturnType();
    const role = !instance ? 'class' : constructType && checker.isTypeAssignableTo(instance, constructType) ? 'construct' : errorType && checker.isTypeAssignableTo(instance, errorType) ? 'error' : 'class';
    const statics = methods
      .filter((member) => member.declarations?.some(inProject))
      .flatMap((member) =>
        checker
          .getTypeOfSymbol(member)
          .getCallSignatures()
          .map((signature) => ({ name: member.name, parameters: signature.getParameters().map(parameter), returns: returnText(signature), doc: docOf(member) })),
      );
    const declared: DeclaredClass = { name, doc: docOf(symbol), role, statics };
    if (role !== 'construct' || !construct || !instance) {
      classes.push(declared);
      continue;
    }
    const parameters = construct.getParameters();
    const alias = exports.find((candidate) => candidate.name === `${name}Props` && candidate.symbol.flags & ts.SymbolFlags.TypeAlias);
    const propsType = alias ? checker.getDeclaredTypeOfSymbol(alias.symbol) : parameters[2] && checker.getTypeOfSymbol(parameters[2]);
    classes.push({
      ...declared,
      constructorParameters: parameters.map(parameter),
      props: propsType && { typeName: alias?.name ?? text(propsType), properties: checker.getPropertiesOfType(propsType).map(property) },
      properties: checker
        .getPropertiesOfType(instance)
        // Declared here, or made by this project's mapped types (the key, `userListKey`), which have no declaration.
        .filter((member) => (member.declarations ?? []).length === 0 || member.declarations!.some(inProject))
        .map(property),
    });
  }
  return { classes, types: typeNames };
}

/** A type of `module`'s exports (e.g. constructs' Construct), resolved from `entry` as the compiler would. */
function exportedType(ts: typeof TS, checker: TS.TypeChecker, program: TS.Program, entry: string, options: TS.CompilerOptions, module: string, name: string): TS.Type | undefined {
  const resolved = ts.resolveModuleName(module, entry, options, ts.sys).resolvedModule;
  const file = resolved && program.getSourceFile(resolved.resolvedFileName);
  const moduleSymbol = file && checker.getSymbolAtLocation(file);
  const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((candidate) => candidate.name === name);
  return symbol && checker.getDeclaredTypeOfSymbol(symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
}

/** A construct's own prop: declared as `Sugar<Value, Required, Field>` (kind-props.ts); `field` is the kind's field it stands for. */
function sugarOf(ts: typeof TS, checker: TS.TypeChecker, prop: TS.Symbol): { field?: string } | undefined {
  for (const declaration of prop.declarations ?? []) {
    if (!ts.isPropertySignature(declaration) || !declaration.type) continue;
    const declared = checker.getTypeAtLocation(declaration.type);
    if (declared.getSymbol()?.name !== 'Sugar' || !(declared.flags & ts.TypeFlags.Object)) continue;
    const field = checker.getTypeArguments(declared as TS.TypeReference)[2];
    return field?.isStringLiteral() ? { field: field.value } : {};
  }
  return undefined;
}

/**
 * A type as a reader wants it: a reference to an object (`{ userListKey }`, however it was
 * written: `ReferenceOf<…>`, `KeyedReference<"user_list">`) as its exported name `IUserList`,
 * module-qualified names without their module.
 */
function typeText(ts: typeof TS, checker: TS.TypeChecker, type: TS.Type): string {
  const keyed = referenceName(ts, checker, type);
  if (keyed) return keyed;
  // A generated binding by its namespace, as users import it (`apiClient.ApiClient`): its class has the construct's name.
  const binding = /\/generated\/sps\/([\w-]+)(?:\/index)?\.d\.ts$/.exec(type.getSymbol()?.declarations?.[0]?.getSourceFile().fileName ?? '');
  if (binding) return `${camelName(binding[1].replace(/-/g, '_'))}.${type.getSymbol()!.name}`;
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  const written = checker
    .typeToString(type, undefined, flags)
    .replace(/import\("[^"]*"\)\./g, '')
    .replace(/KeyedReference<'(\w+)'>/g, (_all, id: string) => `I${pascalName(id)}`);
  // A helper type applied to a whole kind (`EnabledCase<Kind<…>, 'indexing'>`) prints the kind's every field: show the members it makes instead.
  if (!/\bKind</.test(written) || !(type.flags & ts.TypeFlags.Object)) return written;
  const members = checker.getPropertiesOfType(type).map((member) => {
    const optional = (member.flags & ts.SymbolFlags.Optional) !== 0;
    return `${member.name}${optional ? '?' : ''}: ${typeText(ts, checker, checker.getNonNullableType(checker.getTypeOfSymbol(member)))}`;
  });
  return `{ ${members.join('; ')} }`;
}

function referenceName(ts: typeof TS, checker: TS.TypeChecker, type: TS.Type): string | undefined {
  if (!(type.flags & ts.TypeFlags.Object)) return undefined;
  const properties = checker.getPropertiesOfType(type);
  const key = properties.length === 1 ? /^(\w+)Key$/.exec(properties[0].name) : null;
  return key ? `I${key[1].charAt(0).toUpperCase()}${key[1].slice(1)}` : undefined;
}
