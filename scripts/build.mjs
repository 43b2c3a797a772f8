// Build: bundle the CLI and the library with esbuild (dependencies inlined; yaml, zod and the
// table renderer in side bundles loaded only when needed), then validate data/*.yaml and
// compile it to dist/builtin.json, write the JSON Schemas to schema/, and write the library's
// type declarations. A data error fails the build with file:line:col.
//
// Start-up time is benchmarked (`npm run bench`): `scsr score <sector> --json` loads
// dist/cli.cjs and dist/builtin.json and nothing else, no ES module loader, no Node built-in
// it does not use. The choices below that serve this say so.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createRequire, isBuiltin } from 'node:module';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });

/**
 * Node built-ins through `process.getBuiltinModule` (Node 20.16+, 22.3+) instead of `import`:
 * an ESM import of a built-in builds its ESM facade, which reads every export and so loads
 * what the lazy ones hide (importing node:fs pulls in all of Node's streams), about 5 ms.
 *
 * The built-ins in LAZY_BUILTINS load on the first call of one of their functions instead:
 * node:crypto (report's temporary file names) brings 20 internal modules, node:child_process
 * (commander's executable subcommands, which scsr does not use) brings net and dgram, node:tty
 * (is stdout a terminal? asked only for tables) about 4 ms, node:zlib (the user-data cache's
 * hash) its own binding; most runs need none of them. Their exports are wrappers of the lower-case functions only: importing
 * a class from them fails the build, on purpose, until it is handled here.
 */
const LAZY_BUILTINS = new Set(['node:crypto', 'node:child_process', 'node:tty', 'node:zlib']);
const requireBuiltin = createRequire(import.meta.url);
const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(b) {
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!isBuiltin(args.path)) return undefined;
      const id = args.path.startsWith('node:') ? args.path : `node:${args.path}`;
      return { path: id, namespace: 'node-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => {
      const id = JSON.stringify(args.path);
      if (!LAZY_BUILTINS.has(args.path)) return { contents: `module.exports = process.getBuiltinModule(${id});`, loader: 'js' };
      const mod = requireBuiltin(args.path);
      const functions = Object.keys(mod).filter((k) => /^[a-z]\w*$/.test(k) && typeof mod[k] === 'function');
      const lines = [
        'let loaded;',
        `const load = () => (loaded ??= process.getBuiltinModule(${id}));`,
        ...functions.map((f) => `export function ${f}(...args) { return load().${f}(...args); }`),
        'export default new Proxy({}, { get: (_, key) => load()[key] });',
      ];
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: !process.env.SCSR_NO_MINIFY,
  keepNames: false,
  legalComments: 'none',
  define: { __SCSR_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

/**
 * Side bundles: every module reached by a dynamic `import()` (yaml and zod behind the loader,
 * chalk behind the table renderer, ...) is bundled on its own as
 * dist/<name>.cjs and stays out of the bundle that imports it. Each side bundle carries its
 * own copy of the small modules it shares with the CLI: those must hold no state or class
 * that crosses the boundary (checked below for the ones that would).
 */
const sideBundles = new Map(); // name -> source file
const building = { side: false };
const sideBundlePlugin = {
  name: 'side-bundles',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      const file = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      const name = basename(file, '.ts');
      // Between side bundles a static import is a require() of the other bundle, not a copy of it
      // (compile.ts imports load.ts: one copy of yaml and zod, not two).
      if (building.side && args.kind === 'import-statement' && sideBundles.get(name) === file) {
        return { path: `./${name}.cjs`, external: true };
      }
      if (args.kind !== 'dynamic-import') return undefined;
      if (sideBundles.has(name) && sideBundles.get(name) !== file) throw new Error(`two side bundles named ${name}: ${sideBundles.get(name)}, ${file}`);
      sideBundles.set(name, file);
      return { path: `./${name}.cjs`, external: true };
    });
  },
};
/** Modules whose identity matters (CliError for exit codes, the cached built-in model): never in a side bundle. */
const NOT_IN_SIDE_BUNDLES = ['src/cli/exit.ts', 'src/data/builtin.ts'];

/**
 * The CLI is CommonJS, in one file plus the side bundles, loaded with require(): no ES module
 * loader at all on the common path, which saves about 8 ms of every run.
 */
const cjs = {
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // import() of a side bundle becomes a require() of it: synchronous, and still no ES loader.
  supported: { 'dynamic-import': false },
  // Modules locate dist/builtin.json, data/ and schema/ from import.meta.url.
  define: { ...common.define, 'import.meta.url': '__scsrModuleUrl' },
  banner: { js: "const __scsrModuleUrl=require('node:url').pathToFileURL(__filename).href;" },
  plugins: [builtinsWithoutFacade, sideBundlePlugin],
  metafile: true,
};

await build({ ...cjs, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist' });
// bin/scsr.js requires dist/boot.cjs, which loads dist/cli.cjs with a cache of compiled code.
await build({ ...common, format: 'cjs', outExtension: { '.js': '.cjs' }, entryPoints: { boot: 'src/cli/boot.ts' }, outdir: 'dist', plugins: [builtinsWithoutFacade] });
// src/cli/boot.ts keys its cache of compiled code by this hash of the bundle (V8 itself compares lengths only).
const cliCode = readFileSync('dist/cli.cjs', 'utf8');
writeFileSync('dist/cli.cjs', `${cliCode}//# buildId=${createHash('sha256').update(cliCode).digest('hex').slice(0, 16)}\n`);
// The library: one ES module; it reaches the loader through the same side bundles.
await build({
  ...common,
  format: 'esm',
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  plugins: [builtinsWithoutFacade, sideBundlePlugin],
});
const built = new Set();
building.side = true;
while (built.size < sideBundles.size) {
  const pending = [...sideBundles].filter(([name]) => !built.has(name));
  for (const [name] of pending) built.add(name);
  const r = await build({ ...cjs, entryPoints: Object.fromEntries(pending), outdir: 'dist' });
  for (const [out, meta] of Object.entries(r.metafile.outputs)) {
    const leaked = NOT_IN_SIDE_BUNDLES.filter((m) => m in meta.inputs);
    if (leaked.length) throw new Error(`${out} includes ${leaked.join(', ')}: import it statically from the CLI, not behind import()`);
  }
}

execFileSync(process.execPath, ['--import', 'tsx', 'scripts/compile-data.ts'], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-types.ts'], { stdio: 'inherit' });
