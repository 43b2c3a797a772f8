// Replaced at build time by esbuild's `define` with the version in package.json.
declare const __SCSR_VERSION__: string | undefined;
export const VERSION: string = typeof __SCSR_VERSION__ === 'string' ? __SCSR_VERSION__ : '0.0.0-dev';
