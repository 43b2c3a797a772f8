// Build: bundle the CLI and the library with esbuild (dependencies inlined, zod and yaml in
// lazy chunks), then validate data/*.yaml and compile it to dist/builtin.json, and write the
// JSON Schemas to schema/. A data error fails the build with file:line:col.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __SCSR_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies (cli-table3) call require() for Node built-ins.
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
});

execFileSync(process.execPath, ['--import', 'tsx', 'scripts/compile-data.ts'], { stdio: 'inherit' });
