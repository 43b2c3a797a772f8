// Write the library's type declarations: dist/types/**/*.d.ts and dist/index.d.ts (run by
// scripts/build.mjs). The package ships no dependencies, so its declarations must not name
// zod or yaml: every type inferred from a zod schema (`type Sector = z.infer<typeof
// SectorSchema>`) is written out as the object type it stands for, and the schemas themselves,
// which the library does not export, are left out. The result is type-checked on its own,
// without zod, yaml or @types/node, as a consumer would see it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const OUT_DIR = resolve('dist/types');
const ENTRY = resolve('src/index.ts');
/** Packages the declarations may not name: they are bundled, not installed with scsr. */
const BUNDLED = /(?:from\s+|import\()\s*['"](zod|yaml|commander|chalk|cli-table3)(?:\/[^'"]*)?['"]/;
/** A declaration that uses the zod namespace (`z.ZodObject`, `z.infer`, `z.core.$strict`). */
const USES_ZOD = /\bz\.[A-Za-z_$]/;

const configFile = ts.readConfigFile('tsconfig.json', (f) => ts.sys.readFile(f));
if (configFile.error) throw new Error(ts.flattenDiagnosticMessageText(configFile.error.messageText, '\n'));
const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, process.cwd());
const options: ts.CompilerOptions = {
  ...parsed.options,
  noEmit: false,
  declaration: true,
  emitDeclarationOnly: true,
  declarationMap: false,
  sourceMap: false,
  rootDir: resolve('src'),
  outDir: OUT_DIR,
};
const program = ts.createProgram({ rootNames: [ENTRY], options });
const checker = program.getTypeChecker();
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });

const emitted = new Map<string, string>();
const result = program.emit(undefined, (file, text) => emitted.set(resolve(file), text), undefined, true);
fail(result.diagnostics);

/** The source file a declaration file was emitted from. */
function sourceOf(dts: string): ts.SourceFile {
  const src = join('src', relative(OUT_DIR, dts)).replace(/\.d\.ts$/, '.ts');
  const sf = program.getSourceFile(resolve(src));
  if (!sf) throw new Error(`build-types: no source for ${dts}`);
  return sf;
}

/** `export type Name = <the object type it stands for>;`, written out by the checker. */
function expandedAlias(source: ts.SourceFile, name: string): string {
  const decl = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name);
  if (!decl) throw new Error(`build-types: ${source.fileName}: type ${name} not found`);
  if (decl.typeParameters?.length) throw new Error(`build-types: ${source.fileName}: generic type ${name} cannot be written out`);
  const type = checker.getTypeAtLocation(decl.name);
  const flags = ts.NodeBuilderFlags.NoTruncation | ts.NodeBuilderFlags.InTypeAlias | ts.NodeBuilderFlags.MultilineObjectLiterals;
  const node = checker.typeToTypeNode(type, decl, flags);
  if (!node) throw new Error(`build-types: ${source.fileName}: type ${name} cannot be written out`);
  const text = printer.printNode(ts.EmitHint.Unspecified, node, source);
  const docs = ts.getJSDocCommentsAndTags(decl).map((d) => `${d.getText()}\n`).join('');
  return `\n${docs}export type ${name} = ${text};`;
}

// 1. Files that use zod: write out its inferred types, leave out its schemas.
const dropped = new Map<string, Set<string>>(); // declaration file -> names no longer exported
for (const [file, text] of emitted) {
  if (!BUNDLED.test(text)) continue;
  const source = sourceOf(file);
  const dts = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const gone = new Set<string>();
  const out: string[] = [];
  for (const st of dts.statements) {
    const body = st.getText();
    if (ts.isImportDeclaration(st) && BUNDLED.test(body)) continue;
    if (ts.isTypeAliasDeclaration(st) && USES_ZOD.test(body)) {
      out.push(expandedAlias(source, st.name.text));
      continue;
    }
    if ((ts.isVariableStatement(st) || ts.isFunctionDeclaration(st)) && USES_ZOD.test(body)) {
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) gone.add(d.name.getText());
      else if (st.name) gone.add(st.name.text);
      continue;
    }
    out.push(st.getFullText());
  }
  const rewritten = out.join('');
  if (BUNDLED.test(rewritten) || USES_ZOD.test(rewritten)) throw new Error(`build-types: ${file} still names a bundled package`);
  emitted.set(file, `${rewritten.trim()}\n`);
  dropped.set(file, gone);
}

// 2. Imports and re-exports of the schemas left out go too.
for (const [file, text] of emitted) {
  const dts = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  let changed = false;
  const out: string[] = [];
  for (const st of dts.statements) {
    const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
    const target = spec?.startsWith('.') ? resolve(dirname(file), spec.replace(/\.js$/, '.d.ts')) : undefined;
    const gone = target ? dropped.get(target) : undefined;
    if (!gone || gone.size === 0) {
      out.push(st.getFullText());
      continue;
    }
    const bindings = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : (st as ts.ExportDeclaration).exportClause;
    if (!bindings || !(ts.isNamedImports(bindings) || ts.isNamedExports(bindings))) {
      out.push(st.getFullText());
      continue;
    }
    const kept = bindings.elements.filter((el) => !gone.has((el.propertyName ?? el.name).text));
    changed = true;
    if (kept.length === 0) continue;
    const list = kept.map((el) => el.getText()).join(', ');
    const typeOnly = ts.isImportDeclaration(st) ? (st.importClause?.isTypeOnly ? 'type ' : '') : (st as ts.ExportDeclaration).isTypeOnly ? 'type ' : '';
    out.push(`\n${ts.isImportDeclaration(st) ? 'import' : 'export'} ${typeOnly}{ ${list} } from '${spec}';`);
  }
  if (changed) emitted.set(file, `${out.join('').trimStart()}\n`);
}

for (const [file, text] of emitted) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
writeFileSync('dist/index.d.ts', "export * from './types/index.js';\n");

// 3. Check the declarations as a consumer sees them: no zod, no yaml, no @types/node.
const consumer = ts.createProgram({
  rootNames: [resolve('dist/index.d.ts')],
  options: { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ['lib.es2023.d.ts'], types: [], skipLibCheck: false },
});
fail(ts.getPreEmitDiagnostics(consumer));
const files = consumer.getSourceFiles().filter((f) => !f.fileName.includes('/typescript/lib/'));
const outside = files.filter((f) => !resolve(f.fileName).startsWith(resolve('dist')));
if (outside.length) throw new Error(`build-types: the declarations reach outside dist/: ${outside.map((f) => f.fileName).join(', ')}`);

function fail(diagnostics: readonly ts.Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
  process.stderr.write(ts.formatDiagnostics(diagnostics, host));
  process.stderr.write(`build-types: ${diagnostics.length} error(s) in the type declarations\n`);
  process.exit(1);
}
